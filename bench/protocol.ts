/** Messages between the benchmark page and its worker (plain data only). */
import type { ExperimentConfig } from '../src/model/config';
import type { BackendChoice } from '../src/shared/backends';

/** A model to time: one of the playground's kinds, or a fixed reference model. */
export type BenchModel =
  | { type: 'playground'; config: ExperimentConfig }
  /** 784-256-32-256-784, ReLU, sigmoid output (the playground's deep kind with hidden=256, code=32). */
  | { type: 'reference-dense' }
  /** Conv16-pool-Conv8-pool, mirrored with upsampling, no dense code. */
  | { type: 'reference-conv' };

/** Every request may say how many threads WASM starts with (the first one to run decides; 0 or none: one per core). */
export type BenchRequest = { threads?: number } & (
  | { type: 'throughput'; id: number; backend: BackendChoice; model: BenchModel; batchSize: number; seconds: number }
  | {
      /**
       * Train for at most `epochs` epochs (and `maxSeconds` seconds of
       * training, if given) or until the test metric reaches `target`.
       */
      type: 'fit';
      id: number;
      backend: BackendChoice;
      config: ExperimentConfig;
      metric: FitMetric;
      target: number;
      epochs: number;
      maxSeconds?: number;
      /** Evaluate the test set every this many steps. */
      evalEvery: number;
    }
  /** Train `config` for `epochs` epochs, then measure its code's sparsity and its reconstruction on the whole test set. */
  | { type: 'sparsity'; id: number; backend: BackendChoice; config: ExperimentConfig; epochs: number }
  /**
   * Time one m×k by k×n matrix product on WASM, `calls` times: with the
   * same second operand every call (XNNPACK keeps the copy it packs for
   * it) or a new tensor each call, as in training, where the weights are
   * new tensors after every step.
   */
  | { type: 'product'; id: number; m: number; k: number; n: number; newOperand: boolean; calls: number }
);

/**
 * What bench:quality scores on the test set: BCE or MSE per pixel of the
 * reconstructions (for the denoising kind, from corrupted inputs against the
 * clean images), or the VAE's negative ELBO per image in nats.
 */
export type FitMetric = 'bce' | 'mse' | 'negElbo';

export type BenchReply =
  | { type: 'throughput'; id: number; backend: string; threads: number; samplesPerSecond: number; steps: number; warmupSeconds: number }
  | {
      type: 'fit';
      id: number;
      backend: string;
      reached: boolean;
      /** Epochs trained when the run stopped (at the target, or the budget). */
      epochs: number;
      /** The metric when the run stopped, and the best seen. */
      value: number;
      best: number;
      seconds: number;
      curve: { epochs: number; value: number; bce: number; mse: number }[];
    }
  | {
      type: 'sparsity';
      id: number;
      backend: string;
      /** Share of code units below a tenth of their code's largest |z| (scale-free; see code-sparsity.ts). */
      nearZero: number;
      /** The same with a fixed threshold, |z| < 0.1: what a shrunk code would fool. */
      belowFixed: number;
      meanActivation: number;
      /** Mean over the test digits of the code's largest |z|. */
      meanPeak: number;
      /** Reconstruction per pixel on the test set. */
      bce: number;
      mse: number;
      /** Training seconds. */
      seconds: number;
    }
  | { type: 'product'; id: number; threads: number; medianMs: number }
  | { type: 'error'; id: number; message: string };
