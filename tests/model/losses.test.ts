import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BCE_EPSILON,
  bceFromLogitsPerExample,
  bcePerExample,
  klPerExample,
  reconstructionPerExample,
  squaredErrorPerExample,
} from '../../src/model/losses';
import { useWasmBackend } from '../helpers/backend';
import { trackTensors } from '../helpers/tensors';

beforeAll(async () => {
  await useWasmBackend();
});

/** Runs `f` on fresh tensors and returns its values, checking nothing is left behind. */
function values(f: () => tf.Tensor): { shape: number[]; data: number[] } {
  const tensors = trackTensors();
  const out = tf.tidy(() => {
    const result = f();
    return result;
  });
  const data = Array.from(out.dataSync());
  const shape = out.shape;
  out.dispose();
  tensors.expectUnchanged();
  return { shape, data };
}

const t2 = (rows: number[][]) => tf.tensor2d(rows);

describe('bcePerExample', () => {
  it('sums −[x log p + (1 − x) log(1 − p)] over pixels, per example', () => {
    const { shape, data } = values(() =>
      bcePerExample(
        t2([
          [1, 0, 0.5],
          [0.25, 1, 0],
        ]),
        t2([
          [0.8, 0.3, 0.5],
          [0.5, 0.9, 0.2],
        ]),
      ),
    );
    expect(shape).toEqual([2]);
    // Row 1: −log 0.8 − log 0.7 − log 0.5 = 0.22314 + 0.35667 + 0.69315.
    expect(data[0]).toBeCloseTo(-Math.log(0.8) - Math.log(0.7) - Math.log(0.5), 5);
    expect(data[0]).toBeCloseTo(1.27297, 4);
    // Row 2: −(¼ log ½ + ¾ log ½) − log 0.9 − log 0.8.
    expect(data[1]).toBeCloseTo(Math.log(2) - Math.log(0.9) - Math.log(0.8), 5);
  });

  it('is smallest (but not zero) for p = x on grey pixels, and zero on 0/1 pixels', () => {
    const grey = values(() => bcePerExample(t2([[0.3]]), t2([[0.3]]))).data[0];
    expect(grey).toBeCloseTo(-(0.3 * Math.log(0.3) + 0.7 * Math.log(0.7)), 5);
    const worse = values(() => bcePerExample(t2([[0.3]]), t2([[0.4]]))).data[0];
    expect(worse).toBeGreaterThan(grey);
    // p = x = 1 and 0: only the clipping remains, −log(1 − ε) ≈ ε.
    const exact = values(() => bcePerExample(t2([[1, 0]]), t2([[1, 0]]))).data[0];
    expect(exact).toBeGreaterThanOrEqual(0);
    expect(exact).toBeLessThan(1e-5);
  });

  it('clips predictions to [1e-7, 1 − 1e-7], so that log never sees 0', () => {
    expect(BCE_EPSILON).toBe(1e-7);
    const { data } = values(() =>
      bcePerExample(
        t2([[1], [1], [1], [0], [0]]),
        // 0 and 1e-9 are clipped up to 1e-7; 1 and 1 − 1e-9 are clipped down to 1 − 1e-7.
        t2([[0], [1e-9], [1e-7], [1], [1 - 1e-9]]),
      ),
    );
    const low = -Math.log(1e-7); // 16.118
    expect(data[0]).toBeCloseTo(low, 3);
    expect(data[1]).toBeCloseTo(low, 3);
    expect(data[2]).toBeCloseTo(low, 3);
    // In float32, 1 − 1e-7 is 1 − 2⁻²³ (= 0.99999988): −log(2⁻²³) = 23 ln 2 ≈ 15.94.
    const high = -Math.log(1 - Math.fround(1 - 1e-7));
    expect(high).toBeCloseTo(23 * Math.LN2, 6);
    expect(data[3]).toBeCloseTo(high, 3);
    expect(data[4]).toBeCloseTo(high, 3);
    for (const v of data) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('squaredErrorPerExample', () => {
  it('sums (x − p)² over pixels, per example', () => {
    const { shape, data } = values(() =>
      squaredErrorPerExample(
        t2([
          [1, 0, 0.5],
          [0, 0, 0],
        ]),
        t2([
          [0.8, 0.3, 0.5],
          [1, -1, 0.5],
        ]),
      ),
    );
    expect(shape).toEqual([2]);
    expect(data[0]).toBeCloseTo(0.04 + 0.09, 6);
    expect(data[1]).toBeCloseTo(1 + 1 + 0.25, 6);
  });
});

describe('bceFromLogitsPerExample', () => {
  const x = [
    [1, 0, 0.5, 0.25],
    [0, 0.7, 1, 0.1],
  ];
  const z = [
    [1.5, -0.4, 0, 2],
    [-3, 0.8, 4, -1.2],
  ];

  it('equals the cross-entropy of sigmoid(z)', () => {
    const fromLogits = values(() => bceFromLogitsPerExample(t2(x), t2(z)));
    const fromPixels = values(() => bcePerExample(t2(x), tf.sigmoid(t2(z)) as tf.Tensor2D));
    expect(fromLogits.shape).toEqual([2]);
    for (let i = 0; i < 2; i++) expect(fromLogits.data[i]).toBeCloseTo(fromPixels.data[i], 4);
  });

  it('stays exact where the sigmoid saturates (no clipping)', () => {
    // x = 0, z = 40: p rounds to 1 in float32; the loss is softplus(40) = 40.
    // x = 1, z = −30: the loss is softplus(30) ≈ 30. The clipped form caps both at 16.1.
    const { data } = values(() => bceFromLogitsPerExample(t2([[0, 1]]), t2([[40, -30]])));
    expect(data[0]).toBeCloseTo(70, 3);
    expect(data[0]).toBeGreaterThan(2 * -Math.log(BCE_EPSILON));
  });

  it('has the gradient sigmoid(z) − x, scaled by the upstream gradient', () => {
    const tensors = trackTensors();
    const weights = [2, -0.5];
    const grad = tf.tidy(() => {
      const f = (logits: tf.Tensor) => tf.sum(tf.mul(bceFromLogitsPerExample(t2(x), logits as tf.Tensor2D), tf.tensor1d(weights)));
      return tf.grad(f)(t2(z));
    });
    const got = grad.arraySync() as number[][];
    grad.dispose();
    tensors.expectUnchanged();
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 4; j++) {
        const p = 1 / (1 + Math.exp(-z[i][j]));
        expect(got[i][j]).toBeCloseTo(weights[i] * (p - x[i][j]), 5);
      }
    }
  });

  it('matches the gradient TF.js derives for the pixel form', () => {
    const derived = tf.tidy(() => tf.grad((logits: tf.Tensor) => tf.sum(bcePerExample(t2(x), tf.sigmoid(logits) as tf.Tensor2D)))(t2(z)));
    const written = tf.tidy(() => tf.grad((logits: tf.Tensor) => tf.sum(bceFromLogitsPerExample(t2(x), logits as tf.Tensor2D)))(t2(z)));
    const a = derived.dataSync();
    const b = written.dataSync();
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 4);
    tf.dispose([derived, written]);
  });
});

describe('reconstructionPerExample', () => {
  it('picks the loss by name', () => {
    const x = [[1, 0, 0.5]];
    const p = [[0.8, 0.3, 0.5]];
    const bce = values(() => reconstructionPerExample('bce', t2(x), t2(p))).data[0];
    const mse = values(() => reconstructionPerExample('mse', t2(x), t2(p))).data[0];
    expect(bce).toBeCloseTo(1.27297, 4);
    expect(mse).toBeCloseTo(0.13, 6);
  });
});

describe('klPerExample', () => {
  it('is 0 when q(z|x) is the prior (μ = 0, log σ² = 0)', () => {
    const { shape, data } = values(() => klPerExample(tf.zeros([3, 5]) as tf.Tensor2D, tf.zeros([3, 5]) as tf.Tensor2D));
    expect(shape).toEqual([3]);
    for (const v of data) expect(Math.abs(v)).toBeLessThan(1e-7);
  });

  it('is −½ Σ (1 + log σ² − μ² − σ²)', () => {
    const { data } = values(() =>
      klPerExample(
        t2([
          [1, 2],
          [0, 0],
          [-3, 0],
        ]),
        t2([
          [0, Math.log(2)],
          [-1, 1],
          [0, 0],
        ]),
      ),
    );
    // Row 1: −½[(1 + 0 − 1 − 1) + (1 + ln 2 − 4 − 2)] = 3 − ½ ln 2.
    expect(data[0]).toBeCloseTo(3 - 0.5 * Math.log(2), 5);
    expect(data[0]).toBeCloseTo(2.65343, 4);
    // Row 2: −½[(1 − 1 − e⁻¹) + (1 + 1 − e)] = ½(e⁻¹ + e − 2).
    expect(data[1]).toBeCloseTo(0.5 * (Math.exp(-1) + Math.E - 2), 5);
    // Row 3: only the mean term, ½ μ² = 4.5.
    expect(data[2]).toBeCloseTo(4.5, 5);
  });

  it('is never negative', () => {
    const { data } = values(() =>
      klPerExample(
        tf.randomNormal([50, 4], 0, 2, 'float32', 1) as tf.Tensor2D,
        tf.randomNormal([50, 4], 0, 2, 'float32', 2) as tf.Tensor2D,
      ),
    );
    for (const v of data) expect(v).toBeGreaterThanOrEqual(-1e-5);
    expect(Math.max(...data)).toBeGreaterThan(1);
  });
});
