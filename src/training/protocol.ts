/**
 * The typed messages between the page and the training worker. Only plain
 * data crosses: numbers, strings, arrays and typed arrays; never tensors.
 * Every message about a run carries its runId; the page drops replies whose
 * runId is not the current one, so a late message from an old run never
 * paints over a new one.
 */
import type { ExperimentConfig } from '../model/config';
import type { BackendChoice } from '../shared/backends';
import type { TestNoise } from '../data/noise';
import type { LayersArtifacts } from '../model/model-io';
import type { SavedWeights } from '../model/weight-check';

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
  /** Build a fresh model from `config` and train it; with `weights` (a model file), start from them, paused. */
  | { type: 'start'; runId: number; config: ExperimentConfig; weights?: SavedWeights }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  /** Change what can change without a new model: the learning rate and the number of epochs. */
  | { type: 'update-training'; runId: number; learningRate: number; epochs: number }
  /** Train exactly one batch (while paused or after a divergence). */
  | { type: 'step'; runId: number }
  /** Stop and free the current model. */
  | { type: 'reset' }
  /** Ask the current run's model a question (see ExploreQuery); answered by 'explored' or 'explore-error'. */
  | { type: 'explore'; id: number; runId: number; query: ExploreQuery }
  /**
   * Train the current kind once per code size in `codeSizes`, one after
   * another, for `epochs` epochs each, and measure each model's test error
   * next to PCA's at the same size, each model trained on the first
   * `trainDigits` training digits (all by default). Pauses the run in
   * progress; a Train, Resume, Step or Reset ends the sweep.
   */
  | { type: 'sweep'; id: number; config: ExperimentConfig; codeSizes: number[]; epochs: number; trainDigits?: number }
  | { type: 'stop-sweep'; id: number }
  /** The port of the decoder copy (decoder-protocol.ts): the decoder's weights go there from now on. */
  | { type: 'decoder-port'; port: MessagePort }
  /** The page has painted run `runId`'s first views: its first step may start (see first-views.ts). */
  | { type: 'views-shown'; runId: number }
  /**
   * Are you there? Answered at once with 'pong' by the worker's entry, between
   * two steps or two chunks of a test pass: the page's watchdog sends it, and a
   * worker that leaves it unanswered for a long while is taken for dead.
   */
  | { type: 'ping'; id: number }
  /**
   * The backend measured fastest on this machine (src/app/backend-probe.ts):
   * what 'auto' starts from now on. Kept by the worker's entry.
   */
  | { type: 'measured-backend'; backend: string };

/** The requests the training session handles (the ping and the measured backend are the worker entry's own). */
export type SessionRequest = Exclude<WorkerRequest, { type: 'ping' | 'measured-backend' }>;

/**
 * Questions for a trained model. Images travel as n × 784 floats in [0, 1]
 * (to the worker) or bytes 0–255 (back); codes as n × k floats.
 */
export type ExploreQuery =
  /** Decode `count` codes (a hovered point, a grid over the latent plane, a line between two codes, samples). */
  | { kind: 'decode'; codes: Float32Array; count: number }
  /** Encode and reconstruct images that are not in the data set (a drawing). */
  | { kind: 'encode'; images: Float32Array; count: number }
  /** Test digits by index: their images, codes and reconstructions. */
  | { kind: 'digits'; indices: number[] }
  /**
   * Corrupt test digits with noise chosen now (not the training noise) and
   * reconstruct them: `indices` are shown, the errors are means over the
   * first `sample` test digits.
   */
  | { kind: 'denoise'; noise: TestNoise; level: number; seed: number; indices: number[]; sample: number }
  /** Codes and per-image reconstruction errors of the first `count` test digits. */
  | { kind: 'codes'; count: number }
  /** The model's mean errors over the whole test set. */
  | { kind: 'scores' }
  /** The model as TF.js's Layers format saves it: topology and weights. */
  | { kind: 'export-model' }
  /** PCA with k components fitted on the training set, against the autoencoder, on the test set. */
  | { kind: 'pca'; k: number; indices: number[] }
  /** k-means on the raw pixels of the first `count` test digits, scored by purity against their labels (needs no model). */
  | { kind: 'pixel-clusters'; count: number; k: number; seed: number };

/** What the model answered, the step its weights were at, and the run. */
export interface ExploreAnswer<R extends ExploreResult = ExploreResult> {
  result: R;
  step: number;
  runId: number;
}

/** The page's way to ask the current model a question. */
export type AskModel = <K extends ExploreQuery['kind']>(
  query: Extract<ExploreQuery, { kind: K }>,
) => Promise<ExploreAnswer<Extract<ExploreResult, { kind: K }>>>;

export interface ErrorPair {
  /** Binary cross-entropy per pixel (reconstruction clipped into (0, 1) for PCA). */
  bce: number;
  /** Squared error per pixel. */
  mse: number;
}

export type ExploreResult =
  | { kind: 'decode'; images: Uint8Array }
  | { kind: 'encode'; codes: Float32Array; outputs: Uint8Array }
  | {
      kind: 'digits';
      labels: Uint8Array;
      originals: Uint8Array;
      /** Reconstructions of the clean originals (for every kind, the denoising one too). */
      outputs: Uint8Array;
      codes: Float32Array;
    }
  | {
      kind: 'denoise';
      clean: Uint8Array;
      noisy: Uint8Array;
      outputs: Uint8Array;
      /** Means per pixel over the sample: corrupted vs clean, and reconstructed vs clean. */
      noisyMse: number;
      outputMse: number;
      sample: number;
    }
  | {
      kind: 'codes';
      codes: Float32Array;
      labels: Uint8Array;
      /** Per image, in the model's own loss per pixel (clean input, clean target). */
      errors: Float32Array;
      loss: 'bce' | 'mse';
    }
  | {
      kind: 'pca';
      k: number;
      /** PCA's reconstructions of the digits asked for (clipped to [0, 1] for display). */
      outputs: Uint8Array;
      pca: ErrorPair;
      autoencoder: ErrorPair;
      /** The least BCE per pixel any reconstruction can reach on the test set (grey pixels). */
      bceFloor: number;
      /** Share of the training set's variance the k components keep. */
      explained: number;
    }
  | { kind: 'pixel-clusters'; count: number; purity: number; iterations: number }
  | { kind: 'scores'; errors: ErrorPair; count: number }
  | ({ kind: 'export-model' } & LayersArtifacts);

export interface LossPoint {
  step: number;
  total: number;
  reconstruction: number;
  /** The loss's penalty before its weight, when it has one: the VAE's KL, or the sparse code's L1 (see penaltyOf). */
  penalty?: number;
}

/** The test set's loss after an epoch, at `seconds` of training. */
export interface TestLoss extends LossPoint {
  epoch: number;
  /** Training seconds when it was measured. */
  seconds: number;
}

export type WorkerReply =
  | { type: 'load-progress'; loaded: number; total: number }
  | { type: 'loaded'; trainCount: number; testCount: number; bytes: number; seconds: number }
  | { type: 'load-error'; message: string }
  /** The backend computing now, why, and WASM's threads; `notice`: a fault the page should announce (a lost GPU context). */
  | { type: 'backend'; name: string; reason: string; threads: number; notice?: string }
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
      /** Training seconds so far (pauses left out). */
      seconds: number;
    }
  /** A test pass has ended. */
  | ({ type: 'test-loss'; runId: number } & TestLoss)
  | {
      type: 'reconstructions';
      runId: number;
      step: number;
      /** Which test digits (indices), and their labels. */
      indices: number[];
      labels: number[];
      /** n × 784 bytes each: what the model saw (noisy for the denoising kind) and what it returned. */
      inputs: Uint8Array;
      outputs: Uint8Array;
      /** The clean originals (differ from inputs only for the denoising kind). */
      originals: Uint8Array;
    }
  | { type: 'explored'; id: number; runId: number; step: number; result: ExploreResult }
  | { type: 'explore-error'; id: number; runId: number; message: string }
  | { type: 'sweep-progress'; id: number; codeSize: number; step: number; totalSteps: number }
  | { type: 'sweep-point'; id: number; codeSize: number; autoencoder: ErrorPair; pca: ErrorPair; bceFloor: number }
  | { type: 'sweep-done'; id: number; stopped: boolean; message?: string }
  | { type: 'pong'; id: number }
  | LatentReply;

/** The codes of the latent view's test digits, and their 2-D positions: as they are, or by PCA. */
export type LatentReply = {
  type: 'latent';
  runId: number;
  step: number;
  /** n × 2 positions. */
  points: Float32Array;
  labels: Uint8Array;
  codeSize: number;
  /** The codes themselves, n × codeSize (to decode any point of the view, and to project otherwise). */
  codes: Float32Array;
} & (
  | { method: 'identity' }
  | {
      method: 'pca';
      /** Share of the codes' variance along each axis. */
      explained: [number, number];
      /** The codes' mean (codeSize) and the two unit axes (2 × codeSize), to map a point of the view back to a code. */
      mean: Float32Array;
      axes: Float32Array;
    }
);
