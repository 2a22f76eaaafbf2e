import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/state/url-state';
import { describeArchitecture } from '../../src/model/architecture';
import {
  MAX_CURVE_POINTS,
  defaultRunName,
  outcomeOf,
  recordBytes,
  recordOf,
  thinCurve,
  type RunSnapshot,
} from '../../src/history/run-record';

const snapshot = (patch: Partial<RunSnapshot> = {}): RunSnapshot => ({
  config: { ...DEFAULT_SETTINGS },
  state: 'done',
  step: 938,
  epochs: 2,
  seconds: 12.5,
  samplesPerSecond: 4800,
  train: { step: [1, 2, 3], total: [0.6, 0.4, 0.3] },
  test: [
    { epoch: 1, step: 469, seconds: 6, total: 0.2 },
    { epoch: 2, step: 938, seconds: 12, total: 0.15 },
  ],
  reconstructions: null,
  latent: null,
  scores: { bce: 0.1, mse: 0.02 },
  ...patch,
});

describe('thinCurve', () => {
  it('keeps a short curve as it is, as a copy', () => {
    const step = [1, 2, 3];
    const thin = thinCurve(step, [3, 2, 1]);
    expect(thin).toEqual({ step: [1, 2, 3], total: [3, 2, 1] });
    expect(thin.step).not.toBe(step);
  });

  it('keeps at most the limit, evenly spread, with the first and the last point', () => {
    const n = 10_001;
    const step = Array.from({ length: n }, (_, i) => i + 1);
    const thin = thinCurve(
      step,
      step.map((s) => 1 / s),
    );
    expect(thin.step).toHaveLength(MAX_CURVE_POINTS);
    expect(thin.step[0]).toBe(1);
    expect(thin.step.at(-1)).toBe(n);
    expect(thin.total.at(-1)).toBe(1 / n);
    const gaps = thin.step.slice(1).map((s, i) => s - thin.step[i]);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });
});

describe('recordOf', () => {
  it('summarises a finished run for the list', () => {
    const { summary, details } = recordOf(snapshot(), 'run-1', 1000);
    expect(summary).toMatchObject({
      id: 'run-1',
      name: defaultRunName(DEFAULT_SETTINGS),
      outcome: 'finished',
      createdAt: 1000,
      updatedAt: 1000,
      seconds: 12.5,
      steps: 938,
      epochs: 2,
      totalEpochs: 2,
      testLoss: 0.15,
      scores: { bce: 0.1, mse: 0.02 },
      hasModel: false,
      paramCount: describeArchitecture(DEFAULT_SETTINGS).paramCount,
    });
    expect(details.test.map((t) => t.epoch)).toEqual([1, 2]);
    expect(details.train.total).toEqual([0.6, 0.4, 0.3]);
  });

  it('keeps the earlier name, start, saved model, and scores of the same step', () => {
    const first = recordOf(snapshot(), 'run-1', 1000).summary;
    const renamed = { ...first, name: 'My best', hasModel: true };
    const later = recordOf(snapshot({ scores: null }), 'run-1', 5000, renamed).summary;
    expect(later).toMatchObject({ name: 'My best', createdAt: 1000, updatedAt: 5000, hasModel: true, scores: { bce: 0.1, mse: 0.02 } });
    // Scores of another step are stale: dropped.
    const trainedOn = recordOf(snapshot({ scores: null, step: 1200 }), 'run-1', 6000, renamed).summary;
    expect(trainedOn.scores).toBeNull();
  });

  it('a new record takes the name it is given, a kept one its own', () => {
    expect(recordOf(snapshot(), 'run-3', 1, undefined, 'Opened model, trained on').summary.name).toBe('Opened model, trained on');
    const kept = recordOf(snapshot(), 'run-3', 1, undefined, 'First').summary;
    expect(recordOf(snapshot(), 'run-3', 2, kept, 'Second').summary.name).toBe('First');
  });

  it('a run stopped before its first epoch has no test loss', () => {
    const { summary } = recordOf(snapshot({ state: 'paused', test: [], step: 40 }), 'run-2', 1);
    expect(summary.testLoss).toBeNull();
    expect(summary.epochs).toBe(0);
    expect(summary.outcome).toBe('stopped');
  });

  it('counts the bytes of its arrays', () => {
    const reconstructions = { indices: [0, 1], labels: [7, 2], originals: new Uint8Array(2 * 784), outputs: new Uint8Array(2 * 784) };
    const small = recordBytes(recordOf(snapshot(), 'a', 1));
    const big = recordBytes(recordOf(snapshot({ reconstructions }), 'a', 1));
    expect(big - small).toBe(4 * 784);
  });
});

describe('defaultRunName', () => {
  it('names the kind, code, loss and seed, and the L1 penalty of a sparse run', () => {
    expect(defaultRunName(DEFAULT_SETTINGS)).toBe('Vanilla, code 32, BCE, seed 1');
    expect(defaultRunName({ ...DEFAULT_SETTINGS, sparsity: 0.03 })).toBe('Vanilla, code 32, BCE + 0.03·L1, seed 1');
    // A kind that takes no L1 penalty is not named after one.
    expect(defaultRunName({ ...DEFAULT_SETTINGS, kind: 'vae', sparsity: 0.03 })).toBe('Variational, code 32, BCE, seed 1');
  });
});

describe('outcomeOf', () => {
  it('names how a run ended', () => {
    expect(outcomeOf('done')).toBe('finished');
    expect(outcomeOf('diverged')).toBe('diverged');
    expect(outcomeOf('failed')).toBe('failed');
    expect(outcomeOf('paused')).toBe('stopped');
    expect(outcomeOf('training')).toBe('stopped');
  });
});
