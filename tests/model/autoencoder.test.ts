import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addGaussianNoise,
  buildAutoencoder,
  disposeAutoencoder,
  encode,
  lossTerms,
  validateModelConfig,
  type Autoencoder,
} from '../../src/model/autoencoder';
import { KINDS, type ModelConfig } from '../../src/model/config';
import { bcePerExample, klPerExample, l1Penalty } from '../../src/model/losses';
import { gatherImages } from '../../src/data/mnist';
import { useWasmBackend } from '../helpers/backend';
import { smallMnist } from '../helpers/mnist';
import { testConfig } from '../helpers/config';
import { expectNoLeaks, trackTensors } from '../helpers/tensors';

const base: ModelConfig = testConfig({ codeSize: 8, hidden: [32, 16], filters: [4, 4], seed: 11 });

const CONFIGS: { name: string; config: ModelConfig }[] = [
  ...KINDS.map((kind) => ({ name: kind, config: { ...base, kind } })),
  { name: 'denoising (conv body)', config: { ...base, kind: 'denoising', body: 'conv' } },
];

let batch: tf.Tensor2D;

beforeAll(async () => {
  await useWasmBackend();
  const { test } = smallMnist(1, 16);
  batch = tf.tensor2d(
    gatherImages(
      test,
      Array.from({ length: 16 }, (_, i) => i),
    ),
    [16, 784],
  );
});

afterAll(() => {
  batch.dispose();
});

function weightsOf(ae: Autoencoder): Float32Array[] {
  return ae.trainableVariables.map((v) => v.dataSync().slice() as Float32Array);
}

function withModel<T>(config: ModelConfig, f: (ae: Autoencoder) => T): T {
  const ae = buildAutoencoder(config);
  try {
    return f(ae);
  } finally {
    disposeAutoencoder(ae);
  }
}

const scalar = (t: tf.Tensor) => t.dataSync()[0];

describe('validateModelConfig', () => {
  it('accepts code sizes 1 to 128', () => {
    for (const codeSize of [1, 2, 64, 128]) expect(() => validateModelConfig({ ...base, codeSize })).not.toThrow();
  });

  it('rejects code sizes outside 1–128 or not whole', () => {
    for (const codeSize of [0, 129, -1, 1.5, NaN]) {
      expect(() => validateModelConfig({ ...base, codeSize })).toThrow(RangeError);
    }
    expect(() => validateModelConfig({ ...base, codeSize: 0 })).toThrow(/code size must be an integer from 1 to 128, got 0/);
    expect(() => validateModelConfig({ ...base, codeSize: 129 })).toThrow(/got 129/);
  });

  it('rejects 0 or 3 conv stages, for the conv kind and the conv-bodied denoising kind', () => {
    for (const config of [
      { ...base, kind: 'conv' as const },
      { ...base, kind: 'denoising' as const, body: 'conv' as const },
    ]) {
      expect(() => validateModelConfig({ ...config, filters: [8, 8, 8] })).toThrow(/1 or 2 conv \+ pool stages/);
      expect(() => validateModelConfig({ ...config, filters: [] })).toThrow(RangeError);
      expect(() => validateModelConfig({ ...config, filters: [8] })).not.toThrow();
    }
    // Filters do not matter to a dense body.
    expect(() => validateModelConfig({ ...base, kind: 'deep', filters: [8, 8, 8] })).not.toThrow();
  });

  it('rejects a deep autoencoder without hidden layers', () => {
    expect(() => validateModelConfig({ ...base, kind: 'deep', hidden: [] })).toThrow(/at least one hidden layer/);
  });

  it('is applied by buildAutoencoder', () => {
    const tensors = trackTensors();
    expect(() => buildAutoencoder({ ...base, codeSize: 129 })).toThrow(RangeError);
    expect(() => buildAutoencoder({ ...base, kind: 'conv', filters: [2, 2, 2] })).toThrow(RangeError);
    tensors.expectUnchanged();
  });
});

describe.each(CONFIGS)('$name', ({ config }) => {
  it('frees every tensor on dispose', () => {
    const tensors = trackTensors();
    const ae = buildAutoencoder(config);
    expect(tensors.delta()).toBeGreaterThan(0);
    disposeAutoencoder(ae);
    tensors.expectUnchanged();
    for (const v of ae.trainableVariables) expect(v.isDisposed).toBe(true);
  });

  it('has initial weights that depend only on the seed', () => {
    const a = withModel(config, weightsOf);
    const b = withModel(config, weightsOf);
    const c = withModel({ ...config, seed: config.seed + 1 }, weightsOf);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(c.length).toBe(a.length);
    // Every kernel changes with the seed (biases start at 0 either way).
    const kernels = a.map((_, i) => i).filter((i) => a[i].some((v) => v !== 0));
    expect(kernels.length).toBeGreaterThan(1);
    for (const i of kernels) expect(c[i]).not.toEqual(a[i]);
  });

  it('computes its loss without leaking, deterministically for a given seed', () => {
    withModel(config, (ae) => {
      const tensors = trackTensors();
      const t1 = lossTerms(ae, batch, 5, false);
      const t2 = lossTerms(ae, batch, 5, false);
      const [total1, total2] = [scalar(t1.total), scalar(t2.total)];
      expect(Number.isFinite(total1)).toBe(true);
      expect(total1).toBeGreaterThan(0);
      expect(total2).toBe(total1);
      expect(t1.total.shape).toEqual([]);
      tf.dispose(
        [t1.total, t1.reconstruction, t1.penalty, t2.total, t2.reconstruction, t2.penalty].filter((t) => t != null) as tf.Tensor[],
      );
      tensors.expectUnchanged();
    });
  });
});

describe('lossTerms', () => {
  it('plain kinds: mean BCE per pixel of the end-to-end output', () => {
    for (const kind of ['vanilla', 'deep', 'conv'] as const) {
      withModel({ ...base, kind }, (ae) => {
        const terms = lossTerms(ae, batch, 1, false);
        expect(terms.penalty).toBeUndefined();
        expect(scalar(terms.total)).toBe(scalar(terms.reconstruction));
        const expected = tf.tidy(() => {
          const out = ae.autoencoder.predict(batch) as tf.Tensor2D;
          return tf.div(tf.mean(bcePerExample(batch, out)), 784);
        });
        expect(scalar(terms.total)).toBeCloseTo(scalar(expected), 5);
        // An untrained sigmoid output is near 0.5: about ln 2 per pixel.
        expect(scalar(terms.total)).toBeGreaterThan(0.5);
        expect(scalar(terms.total)).toBeLessThan(1);
        tf.dispose([terms.total, terms.reconstruction, expected]);
      });
    }
  });

  it('mse: mean squared error per pixel', () => {
    withModel({ ...base, loss: 'mse' }, (ae) => {
      const terms = lossTerms(ae, batch, 1, false);
      const expected = tf.tidy(() => tf.losses.meanSquaredError(batch, ae.autoencoder.predict(batch) as tf.Tensor2D));
      expect(scalar(terms.total)).toBeCloseTo(scalar(expected), 6);
      tf.dispose([terms.total, expected]);
    });
  });

  it('l1Penalty: the mean over the batch of the mean |z_j| over the code units', async () => {
    // Mean |z_j| of each code: 6 / 4 = 1.5 and 1 / 4 = 0.25; their mean over the batch: 0.875.
    const z = tf.tensor2d([
      [1, -2, 0, 3],
      [0.5, -0.5, 0, 0],
    ]);
    const value = await expectNoLeaks(() => {
      const p = l1Penalty(z);
      const v = scalar(p);
      p.dispose();
      return v;
    });
    expect(value).toBeCloseTo(0.875, 6);
    z.dispose();
  });

  it('sparse: total = reconstruction + λ·L1 of the code, computed by hand; the reconstruction is the unpenalised one', async () => {
    const lambda = 0.25;
    for (const kind of ['vanilla', 'deep', 'denoising'] as const) {
      const config: ModelConfig = { ...base, kind, noise: 0 };
      const plain = withModel(config, (ae) => {
        const t = lossTerms(ae, batch, 2, false);
        expect(t.penalty).toBeUndefined();
        const value = scalar(t.total);
        tf.dispose([t.total, t.reconstruction]);
        return value;
      });
      withModel({ ...config, sparsity: lambda }, (ae) => {
        const code = encode(ae, batch);
        const values = code.dataSync();
        let byHand = 0;
        for (const v of values) byHand += Math.abs(v);
        byHand /= values.length;
        code.dispose();
        const tensors = trackTensors();
        const terms = lossTerms(ae, batch, 2, false);
        expect(terms.penalty, kind).toBeDefined();
        const [total, rec, l1] = [scalar(terms.total), scalar(terms.reconstruction), scalar(terms.penalty!)];
        expect(l1, kind).toBeCloseTo(byHand, 5);
        expect(l1, kind).toBeGreaterThan(0);
        // Same seed, same weights: the penalty is added to the very same reconstruction.
        expect(rec, kind).toBeCloseTo(plain, 6);
        expect(total, kind).toBeCloseTo(rec + lambda * byHand, 5);
        tf.dispose([terms.total, terms.reconstruction, terms.penalty!]);
        tensors.expectUnchanged(kind);
      });
    }
  });

  it('sparse: the convolutional and variational kinds take no L1 penalty (the VAE keeps its KL)', () => {
    for (const config of [
      { ...base, kind: 'conv' },
      { ...base, kind: 'denoising', body: 'conv' },
      { ...base, kind: 'vae' },
    ] as ModelConfig[]) {
      const totals = [0, 0.5].map((sparsity) =>
        withModel({ ...config, sparsity }, (ae) => {
          const t = lossTerms(ae, batch, 4, false);
          const value = scalar(t.total);
          if (config.kind === 'vae') expect(scalar(t.penalty!)).toBeGreaterThan(0);
          else expect(t.penalty).toBeUndefined();
          tf.dispose([t.total, t.reconstruction, t.penalty].filter((x) => x != null) as tf.Tensor[]);
          return value;
        }),
      );
      expect(totals[1], `${config.kind} ${config.body}`).toBe(totals[0]);
    }
  });

  it('VAE: total = reconstruction + β·KL, per image, with KL of the encoder’s μ and log σ²', () => {
    for (const beta of [0, 0.5, 3]) {
      withModel({ ...base, kind: 'vae', beta }, (ae) => {
        const terms = lossTerms(ae, batch, 9, false);
        expect(terms.penalty).toBeDefined();
        const [total, rec, kl] = [scalar(terms.total), scalar(terms.reconstruction), scalar(terms.penalty!)];
        expect(total).toBeCloseTo(rec + beta * kl, 3);
        // Per image, summed over 784 pixels: hundreds of nats at the start.
        expect(rec).toBeGreaterThan(100);
        const [mean, logVar] = ae.encoder.predict(batch) as tf.Tensor2D[];
        const expectedKl = tf.tidy(() => tf.mean(klPerExample(mean, logVar)));
        expect(kl).toBeCloseTo(scalar(expectedKl), 4);
        expect(kl).toBeGreaterThan(0);
        tf.dispose([terms.total, terms.reconstruction, terms.penalty!, mean, logVar, expectedKl]);
      });
    }
  });

  it('VAE: the reconstruction term samples z (depends on the seed), the KL term does not', () => {
    withModel({ ...base, kind: 'vae' }, (ae) => {
      const a = lossTerms(ae, batch, 1, false);
      const b = lossTerms(ae, batch, 2, false);
      expect(scalar(a.reconstruction)).not.toBe(scalar(b.reconstruction));
      expect(scalar(a.penalty!)).toBeCloseTo(scalar(b.penalty!), 6);
      tf.dispose([a.total, a.reconstruction, a.penalty!, b.total, b.reconstruction, b.penalty!]);
    });
  });

  it('denoising: the input is corrupted with seeded noise, the target stays clean', () => {
    for (const body of ['dense', 'conv'] as const) {
      const config: ModelConfig = { ...base, kind: 'denoising', body, noise: 0.5 };
      const clean = withModel({ ...config, noise: 0 }, (ae) => {
        const t = lossTerms(ae, batch, 3, false);
        const expected = tf.tidy(() => tf.div(tf.mean(bcePerExample(batch, ae.autoencoder.predict(batch) as tf.Tensor2D)), 784));
        // Without noise it is the plain reconstruction loss.
        expect(scalar(t.total)).toBeCloseTo(scalar(expected), 5);
        const value = scalar(t.total);
        tf.dispose([t.total, expected]);
        return value;
      });
      withModel(config, (ae) => {
        const same = lossTerms(ae, batch, 3, false);
        const again = lossTerms(ae, batch, 3, false);
        const other = lossTerms(ae, batch, 4, false);
        expect(scalar(same.total)).not.toBeCloseTo(clean, 5);
        expect(scalar(again.total)).toBe(scalar(same.total));
        expect(scalar(other.total)).not.toBe(scalar(same.total));
        tf.dispose([same.total, again.total, other.total]);
      });
    }
  });
});

describe('addGaussianNoise', () => {
  it('adds noise of the given standard deviation, clipped to [0, 1], reproducibly', () => {
    const grey = tf.fill([200, 784], 0.5) as tf.Tensor2D;
    const a = addGaussianNoise(grey, 0.1, 42);
    const b = addGaussianNoise(grey, 0.1, 42);
    const c = addGaussianNoise(grey, 0.1, 43);
    const va = a.dataSync();
    expect(b.dataSync()).toEqual(va);
    expect(c.dataSync()).not.toEqual(va);
    let sum = 0;
    let sq = 0;
    for (const v of va) {
      sum += v;
      sq += (v - 0.5) ** 2;
    }
    expect(sum / va.length).toBeCloseTo(0.5, 2);
    expect(Math.sqrt(sq / va.length)).toBeCloseTo(0.1, 2);

    const strong = addGaussianNoise(grey, 1, 1).dataSync();
    let clipped = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const v of strong) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      if (v === 0 || v === 1) clipped++;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    // With σ = 1 about 62 % of the values fall outside [0, 1] and are clipped.
    expect(clipped / strong.length).toBeGreaterThan(0.5);
    tf.dispose([grey, a, b, c]);
  });
});

describe('encode', () => {
  it('returns the code, or the mean μ for the VAE', () => {
    for (const kind of ['deep', 'vae'] as const) {
      withModel({ ...base, kind }, (ae) => {
        const tensors = trackTensors();
        const code = encode(ae, batch);
        expect(code.shape).toEqual([16, base.codeSize]);
        const raw = ae.encoder.predict(batch) as tf.Tensor | tf.Tensor[];
        const expected = Array.isArray(raw) ? raw[0] : raw;
        expect(code.dataSync()).toEqual(expected.dataSync());
        tf.dispose([code, raw]);
        tensors.expectUnchanged();
      });
    }
  });
});
