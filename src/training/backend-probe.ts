/**
 * The backend probe's measurement: a few training steps of the page's
 * current model on the backend running now, within a time slice. It runs in
 * a throwaway worker (backend-probe.worker.ts), which the page terminates
 * when the probe's second is up: a GPU backend that is still compiling its
 * programs then is abandoned, not waited for (on a software renderer one
 * step of WebGL or WebGPU can take seconds the first time).
 */
import * as tf from '../shared/tf';
import { PIXELS } from '../data/mnist';
import { buildAutoencoder, disposeAutoencoder, lossTerms } from '../model/autoencoder';
import type { ExperimentConfig } from '../model/config';

export interface StepTiming {
  /** Images per second over the timed steps, or null when not one was timed. */
  samplesPerSecond: number | null;
  /** The first step's milliseconds (programs compiled, memory set up). */
  firstStepMs: number;
  steps: number;
}

/**
 * Trains `config` on one fixed batch of random images until `deadline`
 * (ms by `now`): one step to warm up, then as many timed steps as fit.
 */
export async function timeTrainingSteps(config: ExperimentConfig, deadline: number, now: () => number): Promise<StepTiming> {
  const ae = buildAutoencoder(config);
  const optimizer = tf.train.adam(config.learningRate);
  const batch = tf.tidy(() => tf.randomUniform([config.batchSize, PIXELS], 0, 1, 'float32', 1) as tf.Tensor2D);
  const step = async (i: number) => {
    const cost = optimizer.minimize(() => lossTerms(ae, batch, i + 1, true).total, true, ae.trainableVariables);
    await cost?.data();
    cost?.dispose();
  };
  try {
    const first = now();
    await step(0);
    const firstStepMs = now() - first;
    const start = now();
    let steps = 0;
    while (now() < deadline) await step(1 + steps++);
    const seconds = (now() - start) / 1000;
    return { samplesPerSecond: steps > 0 && seconds > 0 ? (steps * config.batchSize) / seconds : null, firstStepMs, steps };
  } finally {
    batch.dispose();
    optimizer.dispose();
    disposeAutoencoder(ae);
  }
}

/** What the page asks the probe worker. */
export interface ProbeRequest {
  config: ExperimentConfig;
  /** In the order to try; each gets an equal share of what is left of the budget. */
  candidates: string[];
  budgetMs: number;
}

/** What the probe worker tells the page, as it goes. */
export type ProbeReply =
  | { type: 'ready' }
  | { type: 'trying'; backend: string }
  | { type: 'measured'; backend: string; started: boolean; threads: number; timing: StepTiming | null }
  | { type: 'done' };
