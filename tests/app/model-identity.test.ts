import { describe, expect, it } from 'vitest';
import { MODEL_FIELDS, RUN_FIELDS, modelIdentity } from '../../src/app/model-identity';
import { DEFAULT_SETTINGS, type Settings } from '../../src/state/url-state';

const base: Settings = { ...DEFAULT_SETTINGS, kind: 'denoising', hidden: [256, 128], codeSize: 64 };

/** A value different from the base one, for each field of the settings. */
const changed: { [F in keyof Settings]: Settings[F] } = {
  kind: 'vae',
  codeSize: 2,
  hidden: [256, 64],
  filters: [16],
  body: 'conv',
  loss: 'mse',
  noise: 0.25,
  beta: 2,
  sparsity: 0.03,
  seed: 7,
  batchSize: 64,
  learningRate: 0.01,
  epochs: 30,
  backend: 'cpu',
  dataset: 'fashion',
};

describe('modelIdentity', () => {
  it('is a string, the same for equal settings (even as copies)', () => {
    const copy = { ...base, hidden: [...base.hidden], filters: [...base.filters] };
    expect(typeof modelIdentity(base)).toBe('string');
    expect(modelIdentity(copy)).toBe(modelIdentity(base));
  });

  it('does not change with the learning rate, the epochs or the backend', () => {
    for (const field of RUN_FIELDS) {
      expect(modelIdentity({ ...base, [field]: changed[field] }), field).toBe(modelIdentity(base));
    }
  });

  it.each(MODEL_FIELDS)('changes with %s', (field) => {
    expect(changed[field]).not.toEqual(base[field]);
    expect(modelIdentity({ ...base, [field]: changed[field] })).not.toBe(modelIdentity(base));
  });

  it('a run kept before the sparsity penalty existed is one without it; a kind that takes none ignores it', () => {
    const old: Partial<Settings> = { ...base };
    delete old.sparsity;
    expect(modelIdentity(old as Settings)).toBe(modelIdentity({ ...base, sparsity: 0 }));
    for (const other of [{ kind: 'vae' }, { kind: 'conv' }, { kind: 'denoising', body: 'conv' }] as Partial<Settings>[]) {
      expect(modelIdentity({ ...base, ...other, sparsity: 0.1 })).toBe(modelIdentity({ ...base, ...other, sparsity: 0 }));
    }
    expect(modelIdentity({ ...base, kind: 'deep', sparsity: 0.1 })).not.toBe(modelIdentity({ ...base, kind: 'deep', sparsity: 0 }));
  });

  it('tells apart hidden widths that would join into the same text', () => {
    expect(modelIdentity({ ...base, hidden: [12, 8] })).not.toBe(modelIdentity({ ...base, hidden: [1, 28] }));
  });

  it('classes every setting either as the model’s or as the run’s', () => {
    // A new setting must be placed in one of the two lists, or it silently joins neither.
    const classed = [...MODEL_FIELDS, ...RUN_FIELDS].sort();
    expect(classed).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    expect(new Set(classed).size).toBe(classed.length);
  });
});
