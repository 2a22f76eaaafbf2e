/**
 * What the run history keeps of a run: a small summary for the list, and
 * the details a comparison draws (curves, the fixed test digits'
 * reconstructions, the latent view's points). Pure functions of plain data.
 */
import { describeArchitecture } from '../model/architecture';
import { KIND_LABELS, sparsityOf, type ExperimentConfig } from '../model/config';
import type { ErrorPair } from '../training/protocol';

/** How a kept run ended: it finished its epochs, was stopped (paused, replaced, reloaded) or diverged. */
export type RunOutcome = 'finished' | 'stopped' | 'diverged' | 'failed';

/** A test-set loss after an epoch, at `seconds` of training. */
export interface KeptTestPoint {
  epoch: number;
  step: number;
  seconds: number;
  total: number;
}

/** The list's view of a run (IndexedDB store `runs`). */
export interface RunSummary {
  id: string;
  name: string;
  config: ExperimentConfig;
  outcome: RunOutcome;
  /** When the run started and when it was last kept (ms since 1970). */
  createdAt: number;
  updatedAt: number;
  /** Training seconds (pauses left out). */
  seconds: number;
  steps: number;
  /** Epochs completed (test passes), and the epochs it was set to train. */
  epochs: number;
  totalEpochs: number;
  samplesPerSecond: number;
  paramCount: number;
  /** The latest test-set loss, in the run's own loss, if an epoch ended. */
  testLoss: number | null;
  /** Mean BCE and MSE per pixel over the whole test set, when they could be measured. */
  scores: ErrorPair | null;
  /** Whether its weights are kept too (store `models`). */
  hasModel: boolean;
}

/** What a comparison draws of a run (IndexedDB store `details`, same id). */
export interface RunDetails {
  id: string;
  test: KeptTestPoint[];
  /** The per-batch training loss, thinned to at most MAX_CURVE_POINTS. */
  train: { step: number[]; total: number[] };
  /** The fixed test digits (the same for every run) and the run's reconstructions of them, n × 784 bytes. */
  reconstructions: { indices: number[]; labels: number[]; originals: Uint8Array; outputs: Uint8Array } | null;
  /** The latent view's 2-D positions (n × 2) and labels. */
  latent: { points: Float32Array; labels: Uint8Array; codeSize: number; method: 'identity' | 'pca' } | null;
}

export interface RunRecord {
  summary: RunSummary;
  details: RunDetails;
}

export const MAX_CURVE_POINTS = 400;

/** Keeps at most `max` points of a curve, evenly spread, the first and the last among them. */
export function thinCurve(step: number[], total: number[], max = MAX_CURVE_POINTS): { step: number[]; total: number[] } {
  const n = step.length;
  if (n <= max) return { step: step.slice(), total: total.slice() };
  const keep = Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1)));
  return { step: keep.map((i) => step[i]), total: keep.map((i) => total[i]) };
}

/** The default name of a run: its kind, code size and how it was trained (its L1 penalty too, if any). */
export function defaultRunName(config: ExperimentConfig): string {
  const data = config.dataset === 'fashion' ? ', Fashion-MNIST' : '';
  const lambda = sparsityOf(config);
  const loss = `${config.loss.toUpperCase()}${lambda > 0 ? ` + ${lambda}·L1` : ''}`;
  return `${KIND_LABELS[config.kind]}, code ${config.codeSize}, ${loss}, seed ${config.seed}${data}`;
}

/** The state a run is in, as the page's run view has it. */
export interface RunSnapshot {
  config: ExperimentConfig;
  state: 'training' | 'paused' | 'done' | 'diverged' | 'failed' | 'idle' | 'starting';
  step: number;
  epochs: number;
  seconds: number;
  samplesPerSecond: number;
  train: { step: number[]; total: number[] };
  test: KeptTestPoint[];
  reconstructions: RunDetails['reconstructions'];
  latent: RunDetails['latent'];
  scores: ErrorPair | null;
}

export function outcomeOf(state: RunSnapshot['state']): RunOutcome {
  if (state === 'done') return 'finished';
  if (state === 'diverged' || state === 'failed') return state;
  return 'stopped';
}

/**
 * The record of a run as it stands. `kept` is its earlier record, if any:
 * its id, name, start and saved model are kept, and so are scores that the
 * snapshot could not measure. `name` names a new record (else the default).
 */
export function recordOf(run: RunSnapshot, id: string, now: number, kept?: RunSummary, name?: string): RunRecord {
  const last = run.test.at(-1);
  const summary: RunSummary = {
    id,
    name: kept?.name ?? name ?? defaultRunName(run.config),
    config: run.config,
    outcome: outcomeOf(run.state),
    createdAt: kept?.createdAt ?? now,
    updatedAt: now,
    seconds: run.seconds,
    steps: run.step,
    epochs: run.test.length,
    totalEpochs: run.epochs,
    samplesPerSecond: run.samplesPerSecond,
    paramCount: describeArchitecture(run.config).paramCount,
    testLoss: last ? last.total : null,
    scores: run.scores ?? (kept && kept.steps === run.step ? kept.scores : null),
    hasModel: kept?.hasModel ?? false,
  };
  const details: RunDetails = {
    id,
    test: run.test.map(({ epoch, step, seconds, total }) => ({ epoch, step, seconds, total })),
    train: thinCurve(run.train.step, run.train.total),
    reconstructions: run.reconstructions,
    latent: run.latent,
  };
  return { summary, details };
}

/** Bytes a record takes, counting its arrays (what dominates); strings and numbers roughly. */
export function recordBytes({ summary, details }: RunRecord): number {
  const arrays =
    (details.reconstructions ? details.reconstructions.originals.byteLength + details.reconstructions.outputs.byteLength : 0) +
    (details.latent ? details.latent.points.byteLength + details.latent.labels.byteLength : 0) +
    (details.train.step.length + details.train.total.length) * 8 +
    details.test.length * 32;
  return arrays + JSON.stringify(summary).length * 2;
}
