import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerWasmTrainingKernels } from '../../src/training/wasm-kernels';
import { trackTensors } from '../helpers/tensors';
import { seededValues, useWasmWithTrainingKernels } from '../helpers/wasm-kernels';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Runs `run` once to warm up, then five times more: neither tensors nor backend buffers may pile up. */
function expectNoLeak(run: () => void): void {
  const backend = tf.backend();
  run();
  const dataIds = backend.numDataIds();
  const tensors = trackTensors();
  for (let i = 0; i < 5; i++) run();
  expect(backend.numDataIds()).toBe(dataIds);
  tensors.expectUnchanged();
}

type Pad = 'same' | 'valid';
interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
}

/** Filter gradient of sum(conv2d(x, w) * dyWeights) on the current backend. */
function filterGradient(c: Case, xVals: Float32Array, wVals: Float32Array, dyVals: Float32Array): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(xVals, c.x);
    const w = tf.tensor4d(wVals, c.filter);
    const g = tf.grad((f: tf.Tensor) => {
      const y = tf.conv2d(x, f as tf.Tensor4D, c.strides, c.pad);
      return tf.sum(tf.mul(y, tf.tensor(dyVals, y.shape)));
    });
    return Float32Array.from(g(w).dataSync());
  });
}

function outShape(c: Case): number[] {
  const [n, h, w] = c.x;
  const [kh, kw, , co] = c.filter;
  const [sh, sw] = typeof c.strides === 'number' ? [c.strides, c.strides] : c.strides;
  const oh = c.pad === 'same' ? Math.ceil(h / sh) : Math.ceil((h - kh + 1) / sh);
  const ow = c.pad === 'same' ? Math.ceil(w / sw) : Math.ceil((w - kw + 1) / sw);
  return [n, oh, ow, co];
}

const cases: Case[] = [
  { x: [2, 5, 5, 1], filter: [3, 3, 1, 2], strides: 1, pad: 'same' },
  { x: [3, 6, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { x: [2, 7, 6, 2], filter: [5, 5, 2, 3], strides: 1, pad: 'same' },
  { x: [16, 14, 14, 8], filter: [3, 3, 8, 16], strides: 1, pad: 'same' },
  { x: [4, 28, 28, 1], filter: [3, 3, 1, 16], strides: 1, pad: 'same' },
  { x: [4, 14, 14, 16], filter: [3, 3, 16, 1], strides: 1, pad: 'valid' },
  { x: [2, 6, 6, 2], filter: [2, 2, 2, 3], strides: 1, pad: 'same' },
  // Strided: 'same' pads asymmetrically; the 'valid' one leaves the last row
  // of x unread (8 - 3 is odd), which exercises the slicing path.
  { x: [2, 8, 8, 4], filter: [3, 3, 4, 5], strides: 2, pad: 'same' },
  { x: [2, 7, 8, 3], filter: [2, 2, 3, 2], strides: 2, pad: 'same' },
  { x: [2, 8, 9, 2], filter: [3, 3, 2, 3], strides: 2, pad: 'valid' },
  // Non-square filters and unequal strides.
  { x: [2, 9, 8, 3], filter: [3, 2, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 9, 8, 3], filter: [3, 2, 3, 4], strides: 3, pad: 'valid' },
  { x: [2, 9, 8, 3], filter: [3, 3, 3, 2], strides: [3, 2], pad: 'valid' },
  { x: [2, 9, 8, 3], filter: [2, 3, 3, 4], strides: [1, 2], pad: 'same' },
];

interface MatMulCase {
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

const matMulCases: MatMulCase[] = [
  // The products of a dense layer's backward pass (784 → 256 at batch 64).
  { a: [64, 256], b: [784, 256], transposeA: false, transposeB: true },
  { a: [64, 784], b: [64, 256], transposeA: true, transposeB: false },
  { a: [5, 7], b: [3, 5], transposeA: true, transposeB: true },
  { a: [1, 6, 4], b: [1, 5, 4], transposeA: false, transposeB: true },
  // Several batches keep the backend's own path; it must still be right.
  { a: [3, 6, 4], b: [3, 6, 5], transposeA: true, transposeB: false },
  { a: [4, 9], b: [9, 2], transposeA: false, transposeB: false },
];

function matMulOf(c: MatMulCase, i: number): Float32Array {
  return tf.tidy(() => {
    const a = tf.tensor(seededValues(size(c.a), 501 + i), c.a);
    const b = tf.tensor(seededValues(size(c.b), 601 + i), c.b);
    return Float32Array.from(tf.matMul(a, b, c.transposeA, c.transposeB).dataSync());
  });
}

describe('registerWasmTrainingKernels', () => {
  let reference: Float32Array[] = [];
  let inputs: { x: Float32Array; w: Float32Array; dy: Float32Array }[] = [];
  let matMulReference: Float32Array[] = [];

  beforeAll(async () => {
    // Reference values from the cpu backend, which has its own
    // Conv2DBackpropFilter.
    expect(await tf.setBackend('cpu')).toBe(true);
    inputs = cases.map((c, i) => ({
      x: seededValues(size(c.x), 11 + i),
      w: seededValues(size(c.filter), 101 + i),
      dy: seededValues(size(outShape(c)), 1001 + i),
    }));
    reference = cases.map((c, i) => filterGradient(c, inputs[i].x, inputs[i].w, inputs[i].dy));
    matMulReference = matMulCases.map(matMulOf);

    await useWasmWithTrainingKernels();
  });

  afterAll(() => {
    tf.disposeVariables();
  });

  it('is idempotent', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const before = tf.getKernel('Conv2DBackpropFilter', 'wasm');
      const matMulBefore = tf.getKernel('BatchMatMul', 'wasm');
      expect(before).toBeDefined();
      expect(matMulBefore).toBeDefined();
      registerWasmTrainingKernels();
      registerWasmTrainingKernels();
      expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBe(before);
      expect(tf.getKernel('BatchMatMul', 'wasm')).toBe(matMulBefore);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it.each(cases.map((c, i) => [i, c] as const))('matches the cpu filter gradient (case %i: %o)', (i, c) => {
    const got = filterGradient(c, inputs[i].x, inputs[i].w, inputs[i].dy);
    const want = reference[i];
    expect(got.length).toBe(size(c.filter));
    let scale = 0;
    for (const v of want) scale = Math.max(scale, Math.abs(v));
    expect(scale).toBeGreaterThan(0);
    let worst = 0;
    for (let k = 0; k < want.length; k++) worst = Math.max(worst, Math.abs(got[k] - want[k]));
    expect(worst / scale).toBeLessThan(1e-4);
  });

  it.each(matMulCases.map((c, i) => [i, c] as const))('multiplies transposed matrices as the cpu backend does (case %i: %o)', (i, c) => {
    const got = matMulOf(c, i);
    const want = matMulReference[i];
    expect(got.length).toBe(want.length);
    let worst = 0;
    for (let k = 0; k < want.length; k++) worst = Math.max(worst, Math.abs(got[k] - want[k]));
    expect(worst).toBeLessThan(1e-4);
  });

  it('keeps the shape of a transposed product and frees its temporary copies', () => {
    const a = tf.tensor(seededValues(8 * 3, 21), [8, 3]);
    const b = tf.tensor(seededValues(5 * 8, 22), [5, 8]);
    expectNoLeak(() => {
      const out = tf.matMul(a, b, true, true);
      expect(out.shape).toEqual([3, 5]);
      out.dispose();
    });
    a.dispose();
    b.dispose();
  });

  it('rejects NCHW with a clear error', () => {
    const x = tf.zeros([1, 1, 4, 4]);
    const dy = tf.zeros([1, 1, 4, 4]);
    try {
      expect(() =>
        tf.engine().runKernel(
          'Conv2DBackpropFilter',
          { x, dy },
          {
            strides: 1,
            pad: 'same',
            dataFormat: 'NCHW',
            filterShape: [3, 3, 1, 1],
          },
        ),
      ).toThrow(/NHWC/);
    } finally {
      x.dispose();
      dy.dispose();
    }
  });

  it('does not leak backend memory per call', () => {
    const x = tf.tensor4d(seededValues(2 * 8 * 9 * 2, 5), [2, 8, 9, 2]);
    const dy = tf.tensor4d(seededValues(2 * 3 * 4 * 3, 6), [2, 3, 4, 3]);
    const attrs = { strides: 2, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 2, 3] };
    expectNoLeak(() => (tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs) as tf.Tensor).dispose());
    x.dispose();
    dy.dispose();
  });
});
