/** Worker replies and run views for the page's reducer tests. */
import { applyReply, beginRun, initialRunView, type RunView } from '../../src/app/run-state';
import type { LossPoint, WorkerReply } from '../../src/training/protocol';

export const metrics = (runId: number, points: LossPoint[], step = points.at(-1)?.step ?? 0): WorkerReply => ({
  type: 'metrics',
  runId,
  points,
  step,
  epoch: 1,
  stepsPerEpoch: 468,
  totalSteps: 4680,
  samplesPerSecond: 1234,
  seconds: step / 100,
});

/** Loss points of steps from, from + 1, …; with a penalty (KL or L1) if asked. */
export const points = (from: number, count: number, penalty?: boolean): LossPoint[] =>
  Array.from({ length: count }, (_, i) => ({
    step: from + i,
    total: 1 / (from + i),
    reconstruction: 0.5 / (from + i),
    ...(penalty ? { penalty: 0.01 * (from + i) } : {}),
  }));

export const reconstructions = (runId: number, step: number): WorkerReply => ({
  type: 'reconstructions',
  runId,
  step,
  indices: [3, 2],
  labels: [0, 1],
  inputs: new Uint8Array(2 * 784),
  outputs: new Uint8Array(2 * 784),
  originals: new Uint8Array(2 * 784),
});

export const latent = (runId: number, step: number): WorkerReply => ({
  type: 'latent',
  runId,
  step,
  points: new Float32Array(4),
  codes: new Float32Array(4),
  labels: Uint8Array.from([3, 4]),
  codeSize: 2,
  method: 'identity',
});

/** A reply's fields but its type: what the page keeps of it. */
export const withoutType = (reply: WorkerReply) => Object.fromEntries(Object.entries(reply).filter(([key]) => key !== 'type'));

/** A view of run 5, training, with data and backend ready. */
export function runningView(): RunView {
  let view = applyReply(initialRunView, { type: 'loaded', trainCount: 60000, testCount: 10000, bytes: 1000, seconds: 1 });
  view = applyReply(view, { type: 'backend', name: 'wasm', reason: 'no GPU', threads: 1 });
  view = beginRun(view, 5, 'model-a');
  return applyReply(view, { type: 'run-state', runId: 5, state: 'training', step: 0, epoch: 0 });
}
