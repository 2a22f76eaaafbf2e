import { describe, expect, it } from 'vitest';
import {
  applyReply,
  beginRun,
  beginSweep,
  initialRunView,
  initialSweepView,
  latestLoss,
  MAX_TRAIN_POINTS,
  type RunView,
} from '../../src/app/run-state';
import type { LossPoint, WorkerReply } from '../../src/training/protocol';
import { testConfig } from '../helpers/config';

const metrics = (runId: number, points: LossPoint[], step = points.at(-1)?.step ?? 0): WorkerReply => ({
  type: 'metrics',
  runId,
  points,
  step,
  epoch: 1,
  stepsPerEpoch: 468,
  totalSteps: 4680,
  samplesPerSecond: 1234,
});

const points = (from: number, count: number, kl?: boolean): LossPoint[] =>
  Array.from({ length: count }, (_, i) => ({
    step: from + i,
    total: 1 / (from + i),
    reconstruction: 0.5 / (from + i),
    ...(kl ? { kl: 0.01 * (from + i) } : {}),
  }));

const reconstructions = (runId: number, step: number): WorkerReply => ({
  type: 'reconstructions',
  runId,
  step,
  indices: [3, 2],
  labels: [0, 1],
  inputs: new Uint8Array(2 * 784),
  outputs: new Uint8Array(2 * 784),
  originals: new Uint8Array(2 * 784),
});

const latent = (runId: number, step: number): WorkerReply => ({
  type: 'latent',
  runId,
  step,
  points: new Float32Array(4),
  codes: new Float32Array(4),
  labels: Uint8Array.from([3, 4]),
  codeSize: 2,
  method: 'identity',
});

/** A view of run 5, training, with data and backend ready. */
function runningView(): RunView {
  let view = applyReply(initialRunView, { type: 'loaded', trainCount: 60000, testCount: 10000, bytes: 1000, seconds: 1 });
  view = applyReply(view, { type: 'backend', name: 'wasm', reason: 'no GPU' });
  view = beginRun(view, 5, 'model-a');
  return applyReply(view, { type: 'run-state', runId: 5, state: 'training', step: 0, epoch: 0 });
}

describe('data and backend replies', () => {
  it('load-progress, then loaded', () => {
    let view = applyReply(initialRunView, { type: 'load-progress', loaded: 10, total: 100 });
    expect(view.load).toEqual({ status: 'loading', loaded: 10, total: 100 });
    view = applyReply(view, { type: 'load-progress', loaded: 60, total: 100 });
    expect(view.load.loaded).toBe(60);
    view = applyReply(view, { type: 'loaded', trainCount: 60000, testCount: 10000, bytes: 100, seconds: 0.5 });
    expect(view.load).toEqual({ status: 'ready', loaded: 100, total: 100, trainCount: 60000, testCount: 10000 });
  });

  it('load-error keeps the progress and adds the message', () => {
    let view = applyReply(initialRunView, { type: 'load-progress', loaded: 10, total: 100 });
    view = applyReply(view, { type: 'load-error', message: 'The MNIST download is incomplete.' });
    expect(view.load).toEqual({ status: 'error', loaded: 10, total: 100, message: 'The MNIST download is incomplete.' });
    // A retry starts over.
    view = applyReply(view, { type: 'load-progress', loaded: 5, total: 100 });
    expect(view.load.status).toBe('loading');
    expect(view.load.message).toBeUndefined();
  });

  it('backend and backend-error', () => {
    let view = applyReply(initialRunView, { type: 'backend', name: 'webgl', reason: 'GPU found' });
    expect(view.backend).toEqual({ name: 'webgl', reason: 'GPU found' });
    view = applyReply(view, { type: 'backend-error', message: 'WebGL context lost' });
    expect(view.backend).toEqual({ name: 'webgl', reason: 'GPU found', error: 'WebGL context lost' });
    view = applyReply(view, { type: 'backend', name: 'wasm', reason: 'fallback' });
    expect(view.backend).toEqual({ name: 'wasm', reason: 'fallback' });
  });

  it('apply whatever the current run', () => {
    const view = runningView();
    const next = applyReply(view, { type: 'backend', name: 'cpu', reason: 'x' });
    expect(next.backend.name).toBe('cpu');
    expect(next.runId).toBe(5);
  });

  it('do not modify the previous view', () => {
    const before = runningView();
    const snapshot = JSON.parse(JSON.stringify(before));
    applyReply(before, { type: 'load-error', message: 'x' });
    applyReply(before, metrics(5, points(1, 3)));
    expect(JSON.parse(JSON.stringify(before))).toEqual(snapshot);
  });
});

describe('run replies', () => {
  it('are ignored when they carry another runId', () => {
    const view = runningView();
    const stale: WorkerReply[] = [
      { type: 'run-state', runId: 4, state: 'done', step: 99, epoch: 9 },
      metrics(4, points(1, 10)),
      { type: 'test-loss', runId: 4, epoch: 1, step: 10, total: 0.1, reconstruction: 0.1 },
      reconstructions(6, 10),
      latent(4, 10),
    ];
    for (const reply of stale) expect(applyReply(view, reply)).toBe(view);
  });

  it('run-state sets state, step, epoch and message', () => {
    let view = applyReply(runningView(), { type: 'run-state', runId: 5, state: 'diverged', step: 7, epoch: 0, message: 'lower the learning rate' });
    expect(view).toMatchObject({ state: 'diverged', step: 7, epoch: 0, message: 'lower the learning rate' });
    view = applyReply(view, { type: 'run-state', runId: 5, state: 'paused', step: 7, epoch: 0 });
    expect(view.state).toBe('paused');
    expect(view.message).toBeUndefined();
  });

  it('metrics append points and update the counters', () => {
    let view = applyReply(runningView(), metrics(5, points(1, 3)));
    view = applyReply(view, metrics(5, points(4, 2, true)));
    expect(view.train.step).toEqual([1, 2, 3, 4, 5]);
    expect(view.train.total).toEqual([1, 1 / 2, 1 / 3, 1 / 4, 1 / 5]);
    expect(view.train.reconstruction).toEqual([0.5, 0.25, 0.5 / 3, 0.125, 0.1]);
    // Points without KL count as 0.
    expect(view.train.kl).toEqual([0, 0, 0, 0.04, 0.05]);
    expect(view).toMatchObject({ step: 5, epoch: 1, stepsPerEpoch: 468, totalSteps: 4680, samplesPerSecond: 1234 });
    expect(latestLoss(view)).toBe(1 / 5);
    // An empty batch of points still updates the counters.
    view = applyReply(view, metrics(5, [], 6));
    expect(view.train.step).toHaveLength(5);
    expect(view.step).toBe(6);
  });

  it('metrics thin the series by half when it grows over MAX_TRAIN_POINTS', () => {
    let view = applyReply(runningView(), metrics(5, points(1, MAX_TRAIN_POINTS)));
    expect(view.train.step).toHaveLength(MAX_TRAIN_POINTS);
    view = applyReply(view, metrics(5, points(MAX_TRAIN_POINTS + 1, 2)));
    const { step, total, reconstruction, kl } = view.train;
    expect(step.length).toBe((MAX_TRAIN_POINTS + 2) / 2);
    expect(step.length).toBeLessThanOrEqual(MAX_TRAIN_POINTS);
    // Every series is thinned the same way, and stays in order, from first to last step.
    expect(total).toHaveLength(step.length);
    expect(reconstruction).toHaveLength(step.length);
    expect(kl).toHaveLength(step.length);
    for (let i = 0; i < step.length; i++) {
      expect(total[i]).toBe(1 / step[i]);
      if (i > 0) expect(step[i]).toBeGreaterThan(step[i - 1]);
    }
    expect(step[0]).toBeLessThanOrEqual(2);
    expect(step[step.length - 1]).toBe(MAX_TRAIN_POINTS + 2);
    expect(latestLoss(view)).toBe(1 / (MAX_TRAIN_POINTS + 2));
    expect(view.step).toBe(MAX_TRAIN_POINTS + 2);
  });

  it('test-loss points accumulate', () => {
    let view = applyReply(runningView(), { type: 'test-loss', runId: 5, epoch: 1, step: 468, total: 0.2, reconstruction: 0.2 });
    view = applyReply(view, { type: 'test-loss', runId: 5, epoch: 2, step: 936, total: 150, reconstruction: 140, kl: 10 });
    expect(view.test).toEqual([
      { epoch: 1, step: 468, total: 0.2, reconstruction: 0.2, kl: undefined },
      { epoch: 2, step: 936, total: 150, reconstruction: 140, kl: 10 },
    ]);
  });

  it('reconstructions and latent replace the previous ones', () => {
    const r1 = reconstructions(5, 1);
    const r2 = reconstructions(5, 2);
    let view = applyReply(applyReply(runningView(), r1), r2);
    expect(view.reconstructions).toBe(r2);
    const l1 = latent(5, 1);
    view = applyReply(view, l1);
    expect(view.latent).toBe(l1);
    expect(view.reconstructions).toBe(r2);
  });
});

describe('beginRun', () => {
  it('keeps load and backend, clears the run', () => {
    let view = runningView();
    view = applyReply(view, metrics(5, points(1, 4)));
    view = applyReply(view, reconstructions(5, 4));
    view = applyReply(view, latent(5, 4));
    view = applyReply(view, { type: 'test-loss', runId: 5, epoch: 1, step: 4, total: 1, reconstruction: 1 });
    view = applyReply(view, { type: 'backend-error', message: 'slow' });

    const next = beginRun(view, 6, 'model-a');
    expect(next.load).toEqual(view.load);
    expect(next.load.status).toBe('ready');
    expect(next.backend).toEqual({ name: 'wasm', reason: 'no GPU', error: 'slow' });
    expect(next).toMatchObject({ runId: 6, state: 'starting', step: 0, epoch: 0, totalSteps: 0, reconstructions: null, latent: null, test: [] });
    expect(next.train.step).toEqual([]);
    expect(latestLoss(next)).toBeNull();

    expect(beginRun(view, 7, null).state).toBe('idle');
    // The old run's replies no longer apply.
    expect(applyReply(next, metrics(5, points(5, 1)))).toBe(next);
    expect(applyReply(next, metrics(6, points(1, 1))).train.step).toEqual([1]);
  });

  it('does not touch the view it starts from', () => {
    const view = applyReply(runningView(), metrics(5, points(1, 2)));
    beginRun(view, 6, 'model-a');
    expect(view.runId).toBe(5);
    expect(view.train.step).toEqual([1, 2]);
    expect(initialRunView.train.step).toEqual([]);
  });
});

describe('thinning keeps the newest point', () => {
  const metrics = (runId: number, from: number, count: number) => ({
    type: 'metrics' as const,
    runId,
    points: Array.from({ length: count }, (_, i) => ({ step: from + i, total: from + i, reconstruction: 0 })),
    step: from + count - 1,
    epoch: 0,
    stepsPerEpoch: 100,
    totalSteps: 1000,
    samplesPerSecond: 1,
  });

  it('an odd length over the limit still ends at the latest step', async () => {
    const { applyReply, beginRun, initialRunView, MAX_TRAIN_POINTS, latestLoss } = await import('../../src/app/run-state');
    let view = beginRun(initialRunView, 1, 'model-a');
    view = applyReply(view, metrics(1, 1, MAX_TRAIN_POINTS));
    view = applyReply(view, metrics(1, MAX_TRAIN_POINTS + 1, 1));
    expect(view.train.step.at(-1)).toBe(MAX_TRAIN_POINTS + 1);
    expect(latestLoss(view)).toBe(MAX_TRAIN_POINTS + 1);
    expect(view.train.step.length).toBeLessThanOrEqual(MAX_TRAIN_POINTS);
  });

  it('one huge reply is thinned until it fits', async () => {
    const { applyReply, beginRun, initialRunView, MAX_TRAIN_POINTS } = await import('../../src/app/run-state');
    const view = applyReply(beginRun(initialRunView, 1, 'model-a'), metrics(1, 1, 2 * MAX_TRAIN_POINTS + 10));
    expect(view.train.step.length).toBeLessThanOrEqual(MAX_TRAIN_POINTS);
    expect(view.train.step.at(-1)).toBe(2 * MAX_TRAIN_POINTS + 10);
  });
});

describe('the code-size sweep', () => {
  const sweepConfig = testConfig({ codeSize: 4 });
  const pair = (v: number) => ({ bce: v, mse: v / 10 });
  const point = (id: number, codeSize: number, error: number): WorkerReply => ({
    type: 'sweep-point',
    id,
    codeSize,
    autoencoder: pair(error),
    pca: pair(2 * error),
    bceFloor: 0.05,
  });

  it('beginSweep starts a sweep: running, with its settings and nothing measured yet', () => {
    const view = runningView();
    const next = beginSweep(view, 2, sweepConfig, [1, 4, 16], 3);
    expect(next.sweep).toEqual({
      id: 2,
      status: 'running',
      config: sweepConfig,
      codeSizes: [1, 4, 16],
      epochs: 3,
      points: [],
      bceFloor: null,
      progress: null,
    });
    // The run is left as it was, and so is the view begun from.
    expect(next.runId).toBe(5);
    expect(next.state).toBe('training');
    expect(view.sweep).toBe(initialSweepView);
  });

  it('progress, then points sorted by code size with one point per size, then done', () => {
    let view = beginSweep(runningView(), 2, sweepConfig, [1, 4, 16], 3);
    view = applyReply(view, { type: 'sweep-progress', id: 2, codeSize: 16, step: 3, totalSteps: 12 });
    expect(view.sweep.progress).toEqual({ codeSize: 16, step: 3, totalSteps: 12 });
    expect(view.sweep.status).toBe('running');

    view = applyReply(view, point(2, 16, 0.1));
    view = applyReply(view, point(2, 1, 0.3));
    view = applyReply(view, point(2, 4, 0.2));
    expect(view.sweep.points.map((p) => p.codeSize)).toEqual([1, 4, 16]);
    expect(view.sweep.points[0]).toEqual({ codeSize: 1, autoencoder: pair(0.3), pca: pair(0.6) });
    expect(view.sweep.bceFloor).toBe(0.05);
    // A size measured again replaces its point.
    view = applyReply(view, point(2, 4, 0.15));
    expect(view.sweep.points.map((p) => [p.codeSize, p.autoencoder.bce])).toEqual([
      [1, 0.3],
      [4, 0.15],
      [16, 0.1],
    ]);

    view = applyReply(view, { type: 'sweep-done', id: 2, stopped: false });
    expect(view.sweep.status).toBe('done');
    expect(view.sweep.progress).toBeNull();
    expect(view.sweep.message).toBeUndefined();
    expect(view.sweep.points).toHaveLength(3);
  });

  it('a stopped sweep keeps its points and says why', () => {
    let view = beginSweep(runningView(), 3, sweepConfig, [1, 4], 1);
    view = applyReply(view, point(3, 1, 0.3));
    view = applyReply(view, { type: 'sweep-progress', id: 3, codeSize: 4, step: 1, totalSteps: 9 });
    view = applyReply(view, { type: 'sweep-done', id: 3, stopped: true, message: 'The sweep stopped: the model diverged.' });
    expect(view.sweep).toMatchObject({ status: 'stopped', progress: null, message: 'The sweep stopped: the model diverged.' });
    expect(view.sweep.points.map((p) => p.codeSize)).toEqual([1]);
    // A new sweep starts afresh.
    const again = beginSweep(view, 4, sweepConfig, [2], 1);
    expect(again.sweep).toMatchObject({ id: 4, status: 'running', points: [], bceFloor: null });
    expect(again.sweep.message).toBeUndefined();
  });

  it('replies of another sweep are ignored', () => {
    const view = beginSweep(runningView(), 2, sweepConfig, [1, 4], 1);
    const stale: WorkerReply[] = [
      { type: 'sweep-progress', id: 1, codeSize: 1, step: 1, totalSteps: 9 },
      point(1, 1, 0.3),
      { type: 'sweep-done', id: 1, stopped: true },
    ];
    for (const reply of stale) expect(applyReply(view, reply)).toBe(view);
  });

  it('beginRun keeps the sweep, whatever the run', () => {
    let view = beginSweep(runningView(), 2, sweepConfig, [1, 4], 1);
    view = applyReply(view, point(2, 1, 0.3));
    const next = beginRun(view, 6, 'model-b');
    expect(next.sweep).toBe(view.sweep);
    expect(beginRun(view, 7, null).sweep).toBe(view.sweep);
    // And its replies still apply: they carry the sweep's id, not a run's.
    expect(applyReply(next, point(2, 4, 0.2)).sweep.points.map((p) => p.codeSize)).toEqual([1, 4]);
  });
});

describe('answers to questions', () => {
  it("'explored' and 'explore-error' leave the view unchanged, whichever run they come from", () => {
    const view = applyReply(runningView(), metrics(5, points(1, 3)));
    const replies: WorkerReply[] = [
      { type: 'explored', id: 1, runId: 5, step: 3, result: { kind: 'decode', images: new Uint8Array(784) } },
      { type: 'explored', id: 2, runId: 4, step: 9, result: { kind: 'decode', images: new Uint8Array(784) } },
      { type: 'explore-error', id: 3, message: 'there is no trained model: press Train first' },
    ];
    for (const reply of replies) expect(applyReply(view, reply)).toBe(view);
  });
});
