/**
 * What the page knows about data, backend and the current run, and how each
 * worker reply changes it: a pure reducer, so it is testable without a
 * browser. Replies from an older run (another runId) are dropped.
 */
import type { ExperimentConfig } from '../model/config';
import type { ErrorPair, LatentReply, RunState, TestLoss, WorkerReply } from '../training/protocol';

/** Keep at most this many per-batch points; past that, every other point is dropped (the newest kept). */
export const MAX_TRAIN_POINTS = 20_000;

export interface LoadStatus {
  status: 'loading' | 'ready' | 'error';
  loaded: number;
  total: number;
  message?: string;
  /** How many training and test digits the worker loaded (once ready). */
  trainCount?: number;
  testCount?: number;
}

export interface TrainSeries {
  step: number[];
  total: number[];
  reconstruction: number[];
  /** The penalty per batch, before its weight (0 where the loss has none): the VAE's KL or the sparse code's L1. */
  penalty: number[];
}

/** A test pass as the page keeps it: the worker's reply without its envelope. */
export type TestPoint = TestLoss;

/** The run's reconstructions of a few fixed test digits, at `step`. */
export interface ReconstructionsView {
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

/** The latent view: the codes of test digits at `step` and their 2-D positions. */
export interface LatentView {
  runId: number;
  step: number;
  /** n × 2 positions. */
  points: Float32Array;
  labels: Uint8Array;
  codeSize: number;
  /** The codes, n × codeSize. */
  codes: Float32Array;
  method: 'identity' | 'pca';
  /** PCA only: the share of variance on each axis, the codes' mean and the two unit axes (2 × codeSize). */
  explained?: [number, number];
  mean?: Float32Array;
  axes?: Float32Array;
}

type ReconstructionsReply = Extract<WorkerReply, { type: 'reconstructions' }>;

function reconstructionsView({ runId, step, indices, labels, inputs, outputs, originals }: ReconstructionsReply): ReconstructionsView {
  return { runId, step, indices, labels, inputs, outputs, originals };
}

function latentView(reply: LatentReply): LatentView {
  const { runId, step, points, labels, codeSize, codes } = reply;
  const view: LatentView = { runId, step, points, labels, codeSize, codes, method: reply.method };
  if (reply.method === 'pca') return { ...view, explained: reply.explained, mean: reply.mean, axes: reply.axes };
  return view;
}

/** The bottleneck sweep: one model per code size, each measured next to PCA. */
export interface SweepView {
  /** The sweep the page last asked for (0: none yet). */
  id: number;
  status: 'idle' | 'running' | 'done' | 'stopped';
  /** The settings it trains with (the code size varies). */
  config: ExperimentConfig | null;
  codeSizes: number[];
  epochs: number;
  points: { codeSize: number; autoencoder: ErrorPair; pca: ErrorPair }[];
  bceFloor: number | null;
  /** The model in training: its code size and how far it is. */
  progress: { codeSize: number; step: number; totalSteps: number } | null;
  message?: string;
}

export const initialSweepView: SweepView = {
  id: 0,
  status: 'idle',
  config: null,
  codeSizes: [],
  epochs: 0,
  points: [],
  bceFloor: null,
  progress: null,
};

export interface RunView {
  load: LoadStatus;
  /** `notice`: what the page says after the backend changed by itself (a lost GPU context), until the next change. */
  backend: { name: string | null; reason: string; threads?: number; error?: string; notice?: string };
  runId: number;
  /** Which model settings the run was started with (see App's modelKey), or null with no run. */
  runKey: string | null;
  /** The settings the run was started with: its views are labelled from these. */
  runConfig: ExperimentConfig | null;
  state: RunState | 'idle' | 'starting';
  message?: string;
  step: number;
  epoch: number;
  stepsPerEpoch: number;
  totalSteps: number;
  samplesPerSecond: number;
  /** Training seconds so far (pauses left out). */
  seconds: number;
  train: TrainSeries;
  test: TestPoint[];
  reconstructions: ReconstructionsView | null;
  latent: LatentView | null;
  sweep: SweepView;
  /** The worker that held this run's model stopped: its curves and figures stay on screen, its model is gone. */
  modelLost: boolean;
  /** What the page says after the training worker stopped and a new one took its place (until the next run). */
  workerNotice: string | null;
  /** Learning rates the run took on after it began training, from the step each applied at. */
  scheduleChanges: { step: number; learningRate: number }[];
}

const emptySeries = (): TrainSeries => ({ step: [], total: [], reconstruction: [], penalty: [] });

export const initialRunView: RunView = {
  load: { status: 'loading', loaded: 0, total: 0 },
  backend: { name: null, reason: 'starting…' },
  runId: 0,
  runKey: null,
  runConfig: null,
  state: 'idle',
  step: 0,
  epoch: 0,
  stepsPerEpoch: 0,
  totalSteps: 0,
  samplesPerSecond: 0,
  seconds: 0,
  train: emptySeries(),
  test: [],
  reconstructions: null,
  latent: null,
  sweep: initialSweepView,
  modelLost: false,
  workerNotice: null,
  scheduleChanges: [],
};

/** A fresh run (or none, after Reset): keeps data and backend, clears the rest. */
export function beginRun(view: RunView, runId: number, runKey: string | null, runConfig: ExperimentConfig | null = null): RunView {
  return {
    ...initialRunView,
    load: view.load,
    backend: view.backend,
    sweep: view.sweep,
    runId,
    runKey,
    runConfig,
    state: runKey === null ? 'idle' : 'starting',
  };
}

/** Epochs of the run as the worker last reported them (they can change mid-run). */
export function runEpochs(view: RunView): number | null {
  return view.stepsPerEpoch > 0 ? Math.round(view.totalSteps / view.stepsPerEpoch) : (view.runConfig?.epochs ?? null);
}

/** Halves a series until it fits, always keeping the newest point. */
function thin(series: TrainSeries): TrainSeries {
  let s = series;
  while (s.step.length > MAX_TRAIN_POINTS) {
    const n = s.step.length;
    const keep = (a: number[]) => a.filter((_, i) => (n - 1 - i) % 2 === 0);
    s = { step: keep(s.step), total: keep(s.total), reconstruction: keep(s.reconstruction), penalty: keep(s.penalty) };
  }
  return s;
}

export function applyReply(view: RunView, reply: WorkerReply): RunView {
  switch (reply.type) {
    case 'load-progress':
      return { ...view, load: { status: 'loading', loaded: reply.loaded, total: reply.total } };
    case 'loaded':
      return {
        ...view,
        load: { status: 'ready', loaded: reply.bytes, total: reply.bytes, trainCount: reply.trainCount, testCount: reply.testCount },
      };
    case 'load-error':
      return { ...view, load: { ...view.load, status: 'error', message: reply.message } };
    case 'backend':
      return {
        ...view,
        backend: { name: reply.name, reason: reply.reason, threads: reply.threads, ...(reply.notice ? { notice: reply.notice } : {}) },
      };
    case 'backend-error':
      return { ...view, backend: { ...view.backend, error: reply.message } };
    case 'explored':
    case 'explore-error':
    case 'pong':
      // Answers go to whoever asked (run-store), not into the view.
      return view;
    case 'sweep-progress':
    case 'sweep-point':
    case 'sweep-done':
      return reply.id === view.sweep.id ? { ...view, sweep: applySweepReply(view.sweep, reply) } : view;
    default:
      break;
  }
  if (reply.runId !== view.runId) return view;
  switch (reply.type) {
    case 'run-state':
      return { ...view, state: reply.state, step: reply.step, epoch: reply.epoch, message: reply.message };
    case 'metrics': {
      let train: TrainSeries = {
        step: view.train.step.concat(reply.points.map((p) => p.step)),
        total: view.train.total.concat(reply.points.map((p) => p.total)),
        reconstruction: view.train.reconstruction.concat(reply.points.map((p) => p.reconstruction)),
        penalty: view.train.penalty.concat(reply.points.map((p) => p.penalty ?? 0)),
      };
      if (train.step.length > MAX_TRAIN_POINTS) train = thin(train);
      return {
        ...view,
        train,
        step: reply.step,
        epoch: reply.epoch,
        stepsPerEpoch: reply.stepsPerEpoch,
        totalSteps: reply.totalSteps,
        samplesPerSecond: reply.samplesPerSecond,
        seconds: reply.seconds,
      };
    }
    case 'test-loss':
      return {
        ...view,
        test: [
          ...view.test,
          {
            epoch: reply.epoch,
            step: reply.step,
            seconds: reply.seconds,
            total: reply.total,
            reconstruction: reply.reconstruction,
            penalty: reply.penalty,
          },
        ],
      };
    case 'reconstructions':
      return { ...view, reconstructions: reconstructionsView(reply) };
    case 'latent':
      return { ...view, latent: latentView(reply) };
  }
}

type SweepReply = Extract<WorkerReply, { type: 'sweep-progress' | 'sweep-point' | 'sweep-done' }>;

function applySweepReply(sweep: SweepView, reply: SweepReply): SweepView {
  switch (reply.type) {
    case 'sweep-progress':
      return { ...sweep, progress: { codeSize: reply.codeSize, step: reply.step, totalSteps: reply.totalSteps } };
    case 'sweep-point': {
      const points = [
        ...sweep.points.filter((p) => p.codeSize !== reply.codeSize),
        { codeSize: reply.codeSize, autoencoder: reply.autoencoder, pca: reply.pca },
      ];
      points.sort((a, b) => a.codeSize - b.codeSize);
      return { ...sweep, points, bceFloor: reply.bceFloor };
    }
    case 'sweep-done':
      return { ...sweep, status: reply.stopped ? 'stopped' : 'done', progress: null, message: reply.message };
  }
}

/** A new sweep, as the page starts it. */
export function beginSweep(view: RunView, id: number, config: ExperimentConfig, codeSizes: number[], epochs: number): RunView {
  return { ...view, sweep: { ...initialSweepView, id, status: 'running', config, codeSizes, epochs } };
}

/** The latest per-batch training loss, if any. */
export function latestLoss(view: RunView): number | null {
  const n = view.train.total.length;
  return n ? view.train.total[n - 1] : null;
}
