import { describe, expect, it } from 'vitest';
import { applyReply, beginRun, initialRunView, latestLoss, MAX_TRAIN_POINTS } from '../../src/app/run-state';
import type { WorkerReply } from '../../src/training/protocol';
import { latent, metrics, points, reconstructions, runningView, withoutType } from '../helpers/run-view';

describe('data and backend replies', () => {
  it('load-progress, then loaded', () => {
    let view = applyReply(initialRunView, { type: 'load-progress', loaded: 10, total: 100 });
    expect(view.load).toEqual({ status: 'loading', loaded: 10, total: 100 });
    view = applyReply(view, { type: 'load-progress', loaded: 60, total: 100 });
    expect(view.load.loaded).toBe(60);
    view = applyReply(view, { type: 'loaded', trainCount: 60000, testCount: 10000, bytes: 100, seconds: 0.5 });
    expect(view.load).toEqual({ status: 'ready', loaded: 100, total: 100, trainCount: 60000, testCount: 10000 });
    // The counts are the worker's, not fixed figures.
    view = applyReply(view, { type: 'loaded', trainCount: 512, testCount: 200, bytes: 100, seconds: 0.5 });
    expect(view.load).toMatchObject({ trainCount: 512, testCount: 200 });
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
    let view = applyReply(initialRunView, { type: 'backend', name: 'webgl', reason: 'GPU found', threads: 1 });
    expect(view.backend).toEqual({ name: 'webgl', reason: 'GPU found', threads: 1 });
    view = applyReply(view, { type: 'backend-error', message: 'WebGL context lost' });
    expect(view.backend).toEqual({ name: 'webgl', reason: 'GPU found', threads: 1, error: 'WebGL context lost' });
    view = applyReply(view, { type: 'backend', name: 'wasm', reason: 'fallback', threads: 2 });
    expect(view.backend).toEqual({ name: 'wasm', reason: 'fallback', threads: 2 });
  });

  it('a backend that replaced another by itself (a lost GPU context) brings its notice, until the next backend', () => {
    const notice = "The graphics card's context was lost at step 40; training goes on with WebAssembly from the weights of step 35.";
    let view = applyReply(runningView(), { type: 'backend', name: 'wasm', reason: 'lost', threads: 2, notice });
    expect(view.backend).toEqual({ name: 'wasm', reason: 'lost', threads: 2, notice });
    // The run goes on: it is the same one.
    expect(view.runId).toBe(5);
    view = applyReply(view, { type: 'backend', name: 'webgl', reason: 'chosen in the settings', threads: 1 });
    expect(view.backend.notice).toBeUndefined();
  });

  it('apply whatever the current run', () => {
    const view = runningView();
    const next = applyReply(view, { type: 'backend', name: 'cpu', reason: 'x', threads: 1 });
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
      { type: 'test-loss', runId: 4, epoch: 1, step: 10, seconds: 1, total: 0.1, reconstruction: 0.1 },
      reconstructions(6, 10),
      latent(4, 10),
    ];
    for (const reply of stale) expect(applyReply(view, reply)).toBe(view);
  });

  it('run-state sets state, step, epoch and message', () => {
    let view = applyReply(runningView(), {
      type: 'run-state',
      runId: 5,
      state: 'diverged',
      step: 7,
      epoch: 0,
      message: 'lower the learning rate',
    });
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
    // Points without a penalty (KL or L1) count as 0.
    expect(view.train.penalty).toEqual([0, 0, 0, 0.04, 0.05]);
    expect(view).toMatchObject({ step: 5, epoch: 1, stepsPerEpoch: 468, totalSteps: 4680, samplesPerSecond: 1234, seconds: 0.05 });
    expect(latestLoss(view)).toBe(1 / 5);
    // An empty batch of points still updates the counters.
    view = applyReply(view, metrics(5, [], 6));
    expect(view.train.step).toHaveLength(5);
    expect(view.step).toBe(6);
  });

  it('metrics thin the series by half when it grows over MAX_TRAIN_POINTS', () => {
    let view = applyReply(runningView(), metrics(5, points(1, MAX_TRAIN_POINTS, true)));
    expect(view.train.step).toHaveLength(MAX_TRAIN_POINTS);
    view = applyReply(view, metrics(5, points(MAX_TRAIN_POINTS + 1, 2, true)));
    const { step, total, reconstruction, penalty } = view.train;
    expect(step.length).toBe((MAX_TRAIN_POINTS + 2) / 2);
    expect(step.length).toBeLessThanOrEqual(MAX_TRAIN_POINTS);
    // Every series is thinned the same way, and stays in order, from first to last step.
    expect(total).toHaveLength(step.length);
    expect(reconstruction).toHaveLength(step.length);
    expect(penalty).toHaveLength(step.length);
    for (let i = 0; i < step.length; i++) {
      expect(total[i]).toBe(1 / step[i]);
      expect(penalty[i]).toBe(0.01 * step[i]);
      if (i > 0) expect(step[i]).toBeGreaterThan(step[i - 1]);
    }
    expect(step[0]).toBeLessThanOrEqual(2);
    expect(step[step.length - 1]).toBe(MAX_TRAIN_POINTS + 2);
    expect(latestLoss(view)).toBe(1 / (MAX_TRAIN_POINTS + 2));
    expect(view.step).toBe(MAX_TRAIN_POINTS + 2);
  });

  it('test-loss points accumulate', () => {
    let view = applyReply(runningView(), { type: 'test-loss', runId: 5, epoch: 1, step: 468, seconds: 1, total: 0.2, reconstruction: 0.2 });
    view = applyReply(view, { type: 'test-loss', runId: 5, epoch: 2, step: 936, seconds: 1, total: 150, reconstruction: 140, penalty: 10 });
    view = applyReply(view, {
      type: 'test-loss',
      runId: 5,
      epoch: 3,
      step: 1404,
      seconds: 2,
      total: 0.1,
      reconstruction: 0.09,
      penalty: 0.3,
    });
    expect(view.test).toEqual([
      { epoch: 1, step: 468, seconds: 1, total: 0.2, reconstruction: 0.2, penalty: undefined },
      { epoch: 2, step: 936, seconds: 1, total: 150, reconstruction: 140, penalty: 10 },
      { epoch: 3, step: 1404, seconds: 2, total: 0.1, reconstruction: 0.09, penalty: 0.3 },
    ]);
  });

  it('reconstructions and latent replace the previous ones', () => {
    const r1 = reconstructions(5, 1);
    const r2 = reconstructions(5, 2);
    let view = applyReply(applyReply(runningView(), r1), r2);
    const rec2 = withoutType(r2);
    expect(view.reconstructions).toEqual(rec2);
    const l1 = latent(5, 1);
    view = applyReply(view, l1);
    const lat1 = withoutType(l1);
    expect(view.latent).toEqual(lat1);
    expect(view.reconstructions).toEqual(rec2);
    // The arrays are the reply's own, not copies.
    expect(view.latent!.codes).toBe((l1 as Extract<WorkerReply, { type: 'latent' }>).codes);
    expect(view.reconstructions!.outputs).toBe((r2 as Extract<WorkerReply, { type: 'reconstructions' }>).outputs);
  });

  it('a PCA latent view keeps its mean, axes and explained variance; an identity view has none', () => {
    const mean = Float32Array.from([0.5, 0.5, 0.5]);
    const axes = new Float32Array(6);
    const pca: WorkerReply = {
      type: 'latent',
      runId: 5,
      step: 3,
      points: new Float32Array(4),
      codes: new Float32Array(6),
      labels: Uint8Array.from([1, 2]),
      codeSize: 3,
      method: 'pca',
      explained: [0.6, 0.3],
      mean,
      axes,
    };
    const view = applyReply(runningView(), pca);
    expect(view.latent).toMatchObject({ method: 'pca', explained: [0.6, 0.3], codeSize: 3, step: 3 });
    expect(view.latent!.mean).toBe(mean);
    expect(view.latent!.axes).toBe(axes);
    const identity = applyReply(view, latent(5, 4)).latent!;
    expect(identity.method).toBe('identity');
    expect('mean' in identity || 'axes' in identity || 'explained' in identity).toBe(false);
  });
});

describe('beginRun', () => {
  it('keeps load and backend, clears the run', () => {
    let view = runningView();
    view = applyReply(view, metrics(5, points(1, 4)));
    view = applyReply(view, reconstructions(5, 4));
    view = applyReply(view, latent(5, 4));
    view = applyReply(view, { type: 'test-loss', runId: 5, epoch: 1, step: 4, seconds: 1, total: 1, reconstruction: 1 });
    view = applyReply(view, { type: 'backend-error', message: 'slow' });

    const next = beginRun(view, 6, 'model-a');
    expect(next.load).toEqual(view.load);
    expect(next.load.status).toBe('ready');
    expect(next.backend).toEqual({ name: 'wasm', reason: 'no GPU', threads: 1, error: 'slow' });
    expect(next).toMatchObject({
      runId: 6,
      state: 'starting',
      step: 0,
      epoch: 0,
      totalSteps: 0,
      reconstructions: null,
      latent: null,
      test: [],
    });
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
    seconds: 0,
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
