import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/data/datasets';
import { BODIES, KINDS, LOSSES } from '../../src/model/config';
import { BACKEND_CHOICES } from '../../src/shared/backends';
import {
  DEFAULT_SETTINGS,
  defaultsFor,
  FIELDS,
  MAX_SPARSITY,
  parseSettings,
  sameSettings,
  serializeSettings,
  type Settings,
} from '../../src/state/url-state';
import { createRng } from '../../src/shared/rng';

describe('defaults', () => {
  it('an empty query gives the defaults and no problems', () => {
    for (const search of ['', '?']) {
      const { settings, problems } = parseSettings(search);
      expect(settings).toEqual(DEFAULT_SETTINGS);
      expect(problems).toEqual([]);
    }
  });

  it('the defaults are valid settings that round-trip', () => {
    const query = serializeSettings(DEFAULT_SETTINGS);
    expect(query).toBe(
      'kind=vanilla&code=32&hidden=128,64&filters=16,8&body=dense&loss=bce&lr=0.002&batch=128&epochs=10&noise=0.5&beta=1&l1=0&seed=1&backend=auto&dataset=mnist',
    );
    expect(parseSettings(query)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('missing parameters take their defaults silently', () => {
    const { settings, problems } = parseSettings('?kind=deep&code=8');
    expect(problems).toEqual([]);
    expect(settings).toEqual({ ...defaultsFor('deep'), codeSize: 8 });
  });
});

/** Random valid settings, drawn from every field's range. */
function randomSettings(rng: () => number): Settings {
  const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
  const pick = <T>(values: readonly T[]) => values[int(0, values.length - 1)];
  const list = (min: number, max: number, minCount: number, maxCount: number) =>
    Array.from({ length: int(minCount, maxCount) }, () => int(min, max));
  return {
    kind: pick(KINDS),
    codeSize: int(1, 128),
    hidden: list(1, 1024, 1, 4),
    filters: list(1, 64, 1, 2),
    body: pick(BODIES),
    loss: pick(LOSSES),
    noise: pick([0, 1, rng()]),
    beta: pick([0, 10, rng() * 10]),
    sparsity: pick([0, MAX_SPARSITY, 0.03, rng() * MAX_SPARSITY]),
    seed: pick([0, 2147483647, int(0, 2147483647)]),
    learningRate: pick([10, 1e-7, 10 ** (-6 * rng()), rng() * 10]),
    batchSize: int(1, 1024),
    epochs: int(1, 500),
    backend: pick(BACKEND_CHOICES),
    dataset: pick(DATASETS),
  };
}

describe('round trip', () => {
  it('serialise then parse gives back random valid settings exactly', () => {
    const rng = createRng(2024);
    for (let i = 0; i < 300; i++) {
      const settings = randomSettings(rng);
      const query = serializeSettings(settings);
      const parsed = parseSettings(query);
      expect(parsed.problems).toEqual([]);
      expect(parsed.settings).toEqual(settings);
      expect(sameSettings(parsed.settings, settings)).toBe(true);
      // Also with a leading "?", as in location.search.
      expect(parseSettings(`?${query}`).settings).toEqual(settings);
    }
  });

  it('writes every parameter, lists with plain commas', () => {
    const query = serializeSettings({ ...DEFAULT_SETTINGS, hidden: [1, 2, 3, 4] });
    const params = new URLSearchParams(query);
    expect([...params.keys()].sort()).toEqual(FIELDS.map((f) => f.param).sort());
    expect(query).toContain('hidden=1,2,3,4');
    expect(query).not.toContain('%2C');
  });

  it('sameSettings compares field by field', () => {
    expect(sameSettings(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, hidden: [128, 64] })).toBe(true);
    expect(sameSettings(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, hidden: [128, 65] })).toBe(false);
    expect(sameSettings(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, learningRate: 0.0021 })).toBe(false);
  });

  it('parses numbers written in other valid ways', () => {
    const { settings, problems } = parseSettings('lr=1e-3&noise=.25&beta=2.&code=%2B7&seed=0');
    expect(problems).toEqual([]);
    expect(settings.learningRate).toBe(0.001);
    expect(settings.noise).toBe(0.25);
    expect(settings.beta).toBe(2);
    expect(settings.codeSize).toBe(7);
    expect(settings.seed).toBe(0);
  });
});

/** Every field with values that must be rejected. */
const INVALID: Record<string, string[]> = {
  kind: ['', 'autoencoder', 'va e', '1'],
  code: ['', '0', '129', '-1', '1.5', '1e1', '1e999', 'abc', '32px', 'NaN', 'Infinity', '0x10'],
  hidden: ['', '0', '1025', '128,,64', '1,2,3,4,5', '-5', '12.5', 'a,b', '1e999', ','],
  filters: ['', '0', '65', '8,8,8', '8,', '-8', '1e999', 'x'],
  body: ['', 'cnn', 'dense2'],
  loss: ['', 'l2', 'b c e', 'mae'],
  lr: ['', '0', '-0.1', '10.5', '1e999', 'abc', 'NaN', 'Infinity', '0.1.2', '1e', '.'],
  batch: ['', '0', '1025', '-3', '64.5', '1e999', 'many'],
  epochs: ['', '0', '501', '-1', '2.5', '1e999', 'ten'],
  noise: ['', '-0.1', '1.01', '2', '1e999', 'loud', 'NaN'],
  beta: ['', '-1', '10.5', '1e999', 'beta', 'Infinity'],
  l1: ['', '-0.01', '1.5', '1e999', 'off', 'NaN', '0.0.1'],
  seed: ['', '-1', '2147483648', '1.5', '1e999', 'random', '9007199254740993'],
  dataset: ['', 'cifar', 'mnist2', 'fashion mnist'],
  backend: ['', 'gpu', 'web-gl', 'tpu'],
};

describe('invalid values', () => {
  it('covers every field', () => {
    expect(Object.keys(INVALID).sort()).toEqual(FIELDS.map((f) => f.param).sort());
  });

  for (const field of FIELDS) {
    it(`${field.param}: invalid values fall back to the default, with a problem naming the parameter`, () => {
      for (const value of INVALID[field.param]) {
        const search = new URLSearchParams({ [field.param]: value, kind: field.param === 'kind' ? value : 'conv' });
        const { settings, problems } = parseSettings(search.toString());
        // Defaults depend on the kind (conv here, or vanilla when the kind itself is invalid).
        const defaults = defaultsFor(field.param === 'kind' ? 'vanilla' : 'conv');
        expect(settings[field.prop], `${field.param}=${value}`).toEqual(defaults[field.prop]);
        expect(problems, `${field.param}=${value}`).toHaveLength(1);
        const [problem] = problems;
        expect(problem.param).toBe(field.param);
        expect(problem.value).toBe(value);
        expect(problem.message.startsWith(`${field.param}=`)).toBe(true);
        expect(problem.message).toMatch(/is not valid \(expected .+\); using /);
        expect(problem.message).toContain(`using ${field.format(defaults[field.prop])}`);
        // The other, valid parameter is still used.
        if (field.param !== 'kind') expect(settings.kind).toBe('conv');
      }
    });
  }

  it('says what is expected', () => {
    const problems = parseSettings('code=0&lr=0&kind=x&hidden=1,2,3,4,5&noise=5').problems;
    const byParam = Object.fromEntries(problems.map((p) => [p.param, p.message]));
    expect(byParam.code).toMatch(/whole number from 1 to 128/);
    expect(byParam.lr).toMatch(/above 0 up to 10/);
    expect(byParam.kind).toMatch(/one of vanilla, deep, conv, denoising, vae/);
    expect(byParam.hidden).toMatch(/1 to 4 comma-separated whole numbers from 1 to 1024/);
    expect(byParam.noise).toMatch(/from 0 to 1/);
  });

  it('accepts the bounds of each range', () => {
    const { settings, problems } = parseSettings(
      'code=128&hidden=1024,1,1024,1&filters=64,1&lr=10&batch=1&epochs=500&noise=1&beta=0&seed=2147483647',
    );
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      codeSize: 128,
      hidden: [1024, 1, 1024, 1],
      filters: [64, 1],
      learningRate: 10,
      batchSize: 1,
      epochs: 500,
      noise: 1,
      beta: 0,
      seed: 2147483647,
    });
  });

  it('reports several problems at once and keeps the valid values', () => {
    const { settings, problems } = parseSettings('code=999&kind=deep&batch=abc&epochs=3');
    expect(problems.map((p) => p.param).sort()).toEqual(['batch', 'code']);
    expect(settings).toEqual({ ...defaultsFor('deep'), epochs: 3 });
  });
});

describe('unknown parameters', () => {
  it('are reported once each, by name, and ignored', () => {
    const { settings, problems } = parseSettings('?kind=vae&foo=1&utm_source=x&foo=2&Code=3');
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, kind: 'vae', codeSize: 3 });
    expect(problems.map((p) => p.param)).toEqual(['foo', 'utm_source']);
    expect(problems[0]).toEqual({ param: 'foo', value: '1', message: 'unknown parameter foo was ignored' });
    expect(problems[1].message).toContain('utm_source');
  });
});

describe('per-kind defaults', () => {
  it('a link without lr or batch takes the kind’s defaults', async () => {
    const { parseSettings, KIND_DEFAULTS } = await import('../../src/state/url-state');
    expect(parseSettings('kind=conv').settings).toMatchObject(KIND_DEFAULTS.conv);
    expect(parseSettings('kind=deep').settings).toMatchObject(KIND_DEFAULTS.deep);
    expect(KIND_DEFAULTS.conv).not.toEqual(KIND_DEFAULTS.deep);
    const bad = parseSettings('kind=conv&batch=0');
    expect(bad.settings.batchSize).toBe(KIND_DEFAULTS.conv.batchSize);
    expect(bad.problems[0].message).toContain(`using ${KIND_DEFAULTS.conv.batchSize}`);
  });

  it('switching kind moves settings left at their default, and keeps chosen ones', async () => {
    const { parseSettings, switchKind, KIND_DEFAULTS } = await import('../../src/state/url-state');
    const untouched = parseSettings('kind=vanilla').settings;
    expect({ ...untouched, ...switchKind(untouched, 'conv') }).toEqual(defaultsFor('conv'));
    expect(switchKind(untouched, 'conv')).toEqual({
      kind: 'conv',
      learningRate: KIND_DEFAULTS.conv.learningRate,
      batchSize: KIND_DEFAULTS.conv.batchSize,
    });
    const chosen = parseSettings('kind=vanilla&lr=0.01').settings;
    expect(switchKind(chosen, 'conv')).toEqual({ kind: 'conv', batchSize: KIND_DEFAULTS.conv.batchSize });
    // The denoising kind has its own layers and code size; ones the user chose stay.
    expect({ ...untouched, ...switchKind(untouched, 'denoising') }).toEqual(defaultsFor('denoising'));
    expect(KIND_DEFAULTS.denoising.hidden).not.toEqual(KIND_DEFAULTS.vanilla.hidden);
    const ownCode = parseSettings('kind=vanilla&code=8').settings;
    const patch = switchKind(ownCode, 'denoising');
    expect(patch.codeSize).toBeUndefined();
    expect(patch.hidden).toEqual(KIND_DEFAULTS.denoising.hidden);
    expect(patch.hidden).not.toBe(KIND_DEFAULTS.denoising.hidden);
  });
});

describe('the sparsity penalty (l1)', () => {
  it('is off by default, read as a decimal λ and written back as l1', () => {
    expect(DEFAULT_SETTINGS.sparsity).toBe(0);
    const { settings, problems } = parseSettings('?kind=vanilla&l1=0.03');
    expect(problems).toEqual([]);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, sparsity: 0.03 });
    expect(serializeSettings(settings)).toContain('&l1=0.03&');
    expect(parseSettings('l1=3e-2').settings.sparsity).toBe(0.03);
  });

  it(`accepts 0 to ${MAX_SPARSITY} and says so when a value is outside`, () => {
    expect(parseSettings('l1=0&kind=deep').settings.sparsity).toBe(0);
    expect(parseSettings(`l1=${MAX_SPARSITY}`).settings.sparsity).toBe(MAX_SPARSITY);
    const { settings, problems } = parseSettings('kind=deep&l1=2');
    expect(settings).toEqual(defaultsFor('deep'));
    expect(problems.map((p) => p.message)).toEqual([`l1=2 is not valid (expected a number from 0 to ${MAX_SPARSITY}); using 0`]);
  });

  it('is kept for a kind that takes no penalty (the link stays as written)', () => {
    const { settings, problems } = parseSettings('kind=vae&l1=0.01');
    expect(problems).toEqual([]);
    expect(settings.sparsity).toBe(0.01);
  });
});

describe('forgiving links', () => {
  it('accepts capitals in names and values, and reports a repeated parameter', async () => {
    const { parseSettings } = await import('../../src/state/url-state');
    const { settings, problems } = parseSettings('Kind=Conv&CODE=8&loss=MSE&code=16');
    expect(settings.kind).toBe('conv');
    expect(settings.codeSize).toBe(8);
    expect(settings.loss).toBe('mse');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/code was given more than once; using the first, 8/);
  });
});
