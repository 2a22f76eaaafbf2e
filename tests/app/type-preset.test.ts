import { describe, expect, it } from 'vitest';
import { comparisonProgress, presetSettings, type TypeComparison } from '../../src/app/type-preset';
import { applyReply } from '../../src/app/run-state';
import { KIND_DEFAULTS, DEFAULT_SETTINGS } from '../../src/state/url-state';
import { metrics, points, runningView } from '../helpers/run-view';

describe('the five-types preset', () => {
  it('trains each type with its own defaults at the chosen code size and epochs, keeping the seed and backend', () => {
    const page = { ...DEFAULT_SETTINGS, kind: 'deep' as const, seed: 7, backend: 'wasm' as const, learningRate: 0.01 };
    const conv = presetSettings('conv', 8, 2, page);
    expect(conv).toMatchObject({ kind: 'conv', codeSize: 8, epochs: 2, seed: 7, backend: 'wasm' });
    expect(conv.learningRate).toBe(KIND_DEFAULTS.conv.learningRate);
    expect(conv.batchSize).toBe(KIND_DEFAULTS.conv.batchSize);
    expect(presetSettings('denoising', 8, 1, page).hidden).toEqual(KIND_DEFAULTS.denoising.hidden);
  });

  it('its progress counts finished types and the share of the current run', () => {
    const job: TypeComparison = { status: 'running', codeSize: 8, epochs: 1, index: 2, runIds: [3, 4, 5] };
    // runningView is run 5; at step 468 of 4680 the third type is a tenth done.
    const view = applyReply(runningView(), metrics(5, points(1, 468)));
    expect(comparisonProgress(job, view)).toBeCloseTo((2 + 0.1) / 5);
    // Before the run's first report, only the finished types count.
    expect(comparisonProgress({ ...job, runIds: [3, 4] }, view)).toBeCloseTo(2 / 5);
    expect(comparisonProgress({ ...job, status: 'done' }, view)).toBe(1);
  });
});
