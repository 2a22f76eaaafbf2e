/** The page's reducer: the code-size sweep's replies, and answers to questions. */
import { describe, expect, it } from 'vitest';
import { applyReply, beginRun, beginSweep, initialSweepView } from '../../src/app/run-state';
import type { WorkerReply } from '../../src/training/protocol';
import { testConfig } from '../helpers/config';
import { metrics, points, runningView } from '../helpers/run-view';

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
      { type: 'explore-error', id: 3, runId: 5, message: 'there is no trained model: press Train first' },
    ];
    for (const reply of replies) expect(applyReply(view, reply)).toBe(view);
  });
});
