import { describe, expect, it } from 'vitest';
import { conditionProblems, isMet, progressOf, type Condition, type PageSnapshot } from '../../src/lessons/lesson-conditions';
import { DEFAULT_SETTINGS } from '../../src/state/url-state';

const snapshot = (patch: Partial<PageSnapshot> = {}): PageSnapshot => ({
  settings: { ...DEFAULT_SETTINGS },
  run: { current: false, steps: 0, epochs: 0 },
  tab: 'interpolate',
  drawing: false,
  ...patch,
});

describe('isMet', () => {
  it('compares a setting by its URL name, as the link would write it', () => {
    const s = snapshot({ settings: { ...DEFAULT_SETTINGS, codeSize: 2, kind: 'deep', loss: 'mse' } });
    expect(isMet({ setting: 'code', is: 2 }, s)).toBe(true);
    expect(isMet({ setting: 'code', is: '2' }, s)).toBe(true);
    expect(isMet({ setting: 'code', is: 32 }, s)).toBe(false);
    expect(isMet({ setting: 'kind', is: 'Deep' }, s)).toBe(true);
    expect(isMet({ setting: 'loss', is: 'bce' }, s)).toBe(false);
    expect(isMet({ setting: 'hidden', is: '128,64' }, s)).toBe(true);
  });

  it('compares numbers with atLeast and atMost, ends included', () => {
    const s = snapshot({ settings: { ...DEFAULT_SETTINGS, noise: 0.5 } });
    expect(isMet({ setting: 'noise', atLeast: 0.5 }, s)).toBe(true);
    expect(isMet({ setting: 'noise', atLeast: 0.6 }, s)).toBe(false);
    expect(isMet({ setting: 'noise', atMost: 0.5 }, s)).toBe(true);
    expect(isMet({ setting: 'noise', atMost: 0.4 }, s)).toBe(false);
  });

  it('counts training only for a run started with the page’s model settings', () => {
    const trained: Condition = { trained: { steps: 150 } };
    expect(isMet(trained, snapshot({ run: { current: true, steps: 150, epochs: 0 } }))).toBe(true);
    expect(isMet(trained, snapshot({ run: { current: true, steps: 149, epochs: 0 } }))).toBe(false);
    expect(isMet(trained, snapshot({ run: { current: false, steps: 900, epochs: 3 } }))).toBe(false);
    const epochs: Condition = { trained: { epochs: 1 } };
    expect(isMet(epochs, snapshot({ run: { current: true, steps: 469, epochs: 0 } }))).toBe(false);
    expect(isMet(epochs, snapshot({ run: { current: true, steps: 469, epochs: 1 } }))).toBe(true);
  });

  it('sees the open tab and a drawing', () => {
    expect(isMet({ tab: 'generate' }, snapshot({ tab: 'generate' }))).toBe(true);
    expect(isMet({ tab: 'generate' }, snapshot({ tab: 'retrieve' }))).toBe(false);
    expect(isMet({ drawing: true }, snapshot({ drawing: true }))).toBe(true);
    expect(isMet({ drawing: true }, snapshot())).toBe(false);
  });

  it('combines conditions with all and any', () => {
    const both: Condition = { all: [{ setting: 'code', is: 2 }, { trained: { steps: 10 } }] };
    const s = snapshot({ settings: { ...DEFAULT_SETTINGS, codeSize: 2 }, run: { current: true, steps: 10, epochs: 0 } });
    expect(isMet(both, s)).toBe(true);
    expect(isMet(both, { ...s, run: { ...s.run, current: false } })).toBe(false);
    expect(isMet({ any: [{ tab: 'cluster' }, { drawing: true }] }, snapshot({ drawing: true }))).toBe(true);
    expect(isMet({ any: [{ tab: 'cluster' }, { drawing: true }] }, snapshot())).toBe(false);
  });
});

describe('conditionProblems', () => {
  it('accepts every form of the vocabulary', () => {
    const good: unknown[] = [
      { setting: 'code', is: 2 },
      { setting: 'kind', is: 'vae' },
      { setting: 'noise', atLeast: 0.5 },
      { setting: 'code', atMost: 4 },
      { trained: { steps: 100 } },
      { trained: { epochs: 1, steps: 5 } },
      { tab: 'generate' },
      { drawing: true },
      { all: [{ tab: 'cluster' }, { any: [{ drawing: true }, { trained: { steps: 1 } }] }] },
    ];
    for (const c of good) expect(conditionProblems(c), JSON.stringify(c)).toEqual([]);
  });

  it('names what is wrong and where', () => {
    expect(conditionProblems('trained')).toEqual([expect.stringMatching(/^done must be an object/)]);
    expect(conditionProblems({ setting: 'size', is: 2 })[0]).toMatch(/done.setting must be a URL setting name, one of kind, code/);
    expect(conditionProblems({ setting: 'code', is: 500 })[0]).toMatch(/code=500 is not valid \(expected a whole number from 1 to 128\)/);
    expect(conditionProblems({ setting: 'code' })[0]).toMatch(/exactly one of "is", "atLeast" or "atMost"/);
    expect(conditionProblems({ setting: 'kind', atLeast: 1 })[0]).toMatch(/kind is not a number/);
    expect(conditionProblems({ trained: { steps: 0 } })[0]).toMatch(/whole numbers from 1/);
    expect(conditionProblems({ trained: { minutes: 2 } })[0]).toMatch(/"steps" and\/or "epochs" only/);
    expect(conditionProblems({ tab: 'latent' })[0]).toMatch(/tab must be one of interpolate, denoise/);
    expect(conditionProblems({ drawing: false })[0]).toMatch(/\{"drawing": true\}/);
    expect(conditionProblems({ all: [] })[0]).toMatch(/done.all must be a non-empty list/);
    expect(conditionProblems({ all: [{ tab: 'x' }] })[0]).toMatch(/^done.all\[0\].tab/);
    expect(conditionProblems({ all: [{ drawing: true }], tab: 'cluster' })[0]).toMatch(/put them in the list/);
    expect(conditionProblems({ clicked: 'Train' })[0]).toMatch(/no known condition/);
  });
});

describe('progressOf', () => {
  const trained: Condition = { all: [{ setting: 'code', is: 2 }, { trained: { steps: 150 } }] };
  it('counts the steps of the run with the page’s settings', () => {
    expect(progressOf(trained, snapshot({ run: { current: true, steps: 80, epochs: 0 } }))).toBe('Trained 80 of 150 steps.');
    expect(progressOf(trained, snapshot())).toMatch(/press Train/);
    expect(progressOf({ trained: { epochs: 2 } }, snapshot({ run: { current: true, steps: 500, epochs: 1 } }))).toBe(
      'Epoch 2 of 2 in progress (step 500).',
    );
  });

  it('says nothing once done, or without training to count', () => {
    const done = snapshot({ settings: { ...DEFAULT_SETTINGS, codeSize: 2 }, run: { current: true, steps: 150, epochs: 0 } });
    expect(progressOf(trained, done)).toBeNull();
    expect(progressOf({ tab: 'cluster' }, snapshot())).toBeNull();
  });
});
