/**
 * The typed messages between the page and the training worker. Only plain
 * data crosses: numbers, strings, arrays and typed arrays; never tensors.
 * Every message about a run carries its runId; the page drops replies whose
 * runId is not the current one, so a late message from an old run never
 * paints over a new one.
 */
import type { ExperimentConfig } from '../model/config';
import type { BackendChoice } from '../state/url-state';

export type RunState = 'training' | 'paused' | 'done' | 'diverged' | 'failed';

/** A download begun on the page, transferred to the worker: its body stream and headers. */
export interface HandedDownload {
  body: ReadableStream<Uint8Array>;
  headers: [string, string][];
}

export type WorkerRequest =
  /**
   * Load MNIST from `dataUrl` (or from `download`, a response the page has
   * already started and hands over) and start the backend. Sent once, and
   * again to retry a failed load.
   */
  | { type: 'init'; dataUrl: string; backend: BackendChoice; download?: HandedDownload }
  | { type: 'set-backend'; backend: BackendChoice }
  /** Build a fresh model from `config` and train it. */
  | { type: 'start'; runId: number; config: ExperimentConfig }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  /** Change what can change without a new model: the learning rate and the number of epochs. */
  | { type: 'update-training'; runId: number; learningRate: number; epochs: number }
  /** Train exactly one batch (while paused or after a divergence). */
  | { type: 'step'; runId: number }
  /** Stop and free the current model. */
  | { type: 'reset' };

export interface LossPoint {
  step: number;
  total: number;
  reconstruction: number;
  kl?: number;
}

export type WorkerReply =
  | { type: 'load-progress'; loaded: number; total: number }
  | { type: 'loaded'; trainCount: number; testCount: number; bytes: number; seconds: number }
  | { type: 'load-error'; message: string }
  | { type: 'backend'; name: string; reason: string }
  | { type: 'backend-error'; message: string }
  | { type: 'run-state'; runId: number; state: RunState; step: number; epoch: number; message?: string }
  | {
      type: 'metrics';
      runId: number;
      points: LossPoint[];
      step: number;
      epoch: number;
      stepsPerEpoch: number;
      totalSteps: number;
      samplesPerSecond: number;
    }
  | { type: 'test-loss'; runId: number; epoch: number; step: number; total: number; reconstruction: number; kl?: number }
  | {
      type: 'reconstructions';
      runId: number;
      step: number;
      labels: number[];
      /** n × 784 bytes each: what the model saw (noisy for the denoising kind) and what it returned. */
      inputs: Uint8Array;
      outputs: Uint8Array;
      /** The clean originals (differ from inputs only for the denoising kind). */
      originals: Uint8Array;
    }
  | {
      type: 'latent';
      runId: number;
      step: number;
      /** n × 2 positions. */
      points: Float32Array;
      labels: Uint8Array;
      codeSize: number;
      method: 'identity' | 'pca';
      explained?: [number, number];
    };
