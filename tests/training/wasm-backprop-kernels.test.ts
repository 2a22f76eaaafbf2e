import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conv2DBackpropInputWasm, maxPoolGradWasm, resizeNearestNeighborGradWasm } from '../../src/training/wasm-backprop-kernels';
import { trackTensors } from '../helpers/tensors';
import { seededValues, useWasmWithTrainingKernels } from '../helpers/wasm-kernels';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
type Shape4 = [number, number, number, number];

/** A kernel that must not be reached: the wrapper under test has to compute the case itself. */
const noFallback: tf.KernelFunc = () => {
  throw new Error('fell back to the backend kernel');
};

/** Runs `wrapped(noFallback)` on the current backend and reads its output (freed afterwards). */
function runOwn(wrapped: (original: tf.KernelFunc) => tf.KernelFunc, inputs: Record<string, tf.Tensor>, attrs: object): Float32Array {
  const backend = tf.backend();
  const info = wrapped(noFallback)({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
  const out = tf.engine().makeTensorFromTensorInfo(info);
  try {
    return Float32Array.from(out.dataSync());
  } finally {
    out.dispose();
  }
}

function worstRelative(got: Float32Array, want: Float32Array): number {
  expect(got.length).toBe(want.length);
  let scale = 0;
  let worst = 0;
  for (let k = 0; k < want.length; k++) {
    scale = Math.max(scale, Math.abs(want[k]));
    worst = Math.max(worst, Math.abs(got[k] - want[k]));
  }
  expect(scale).toBeGreaterThan(0);
  return worst / scale;
}

/** Values with many exact ties, as ReLU outputs have: about a third are 0, the rest from a few levels. */
function tiedValues(n: number, seed: number): Float32Array {
  return seededValues(n, seed).map((v) => (v < -0.17 ? 0 : Math.round(v * 8) / 8));
}

interface ConvCase {
  x: Shape4;
  filter: Shape4;
  pad: 'same' | 'valid';
}
const convCases: ConvCase[] = [
  // The conv kinds' layers (3×3, 'same'), at a small batch.
  { x: [3, 28, 28, 16], filter: [3, 3, 16, 1], pad: 'same' },
  { x: [3, 14, 14, 8], filter: [3, 3, 8, 16], pad: 'same' },
  { x: [3, 7, 7, 8], filter: [3, 3, 8, 8], pad: 'same' },
  // Even and non-square filters pad unevenly; 'valid' pads dy by k − 1 on both sides.
  { x: [2, 6, 7, 3], filter: [2, 2, 3, 4], pad: 'same' },
  { x: [2, 9, 8, 2], filter: [3, 2, 2, 5], pad: 'same' },
  { x: [2, 9, 8, 3], filter: [5, 3, 3, 2], pad: 'valid' },
];

/** dx of sum(conv2d(x, w) · dyWeights), through the engine's gradient. */
function inputGradient(c: ConvCase, x: Float32Array, w: Float32Array, dy: Float32Array): Float32Array {
  return tf.tidy(() => {
    const filter = tf.tensor4d(w, c.filter);
    const g = tf.grad((t: tf.Tensor) => {
      const y = tf.conv2d(t as tf.Tensor4D, filter, 1, c.pad);
      return tf.sum(tf.mul(y, tf.tensor(dy.subarray(0, size(y.shape)), y.shape)));
    });
    return Float32Array.from(g(tf.tensor4d(x, c.x)).dataSync());
  });
}

interface PoolCase {
  x: Shape4;
  filterSize: [number, number];
  strides: [number, number];
  pad: 'same' | 'valid';
}
const poolCases: PoolCase[] = [
  { x: [3, 28, 28, 16], filterSize: [2, 2], strides: [2, 2], pad: 'valid' },
  { x: [3, 14, 14, 8], filterSize: [2, 2], strides: [2, 2], pad: 'same' },
  // Odd sizes with 'same' pad past the edge; overlapping windows add up.
  { x: [2, 7, 7, 3], filterSize: [2, 2], strides: [2, 2], pad: 'same' },
  { x: [2, 9, 8, 2], filterSize: [3, 3], strides: [2, 2], pad: 'same' },
  { x: [2, 9, 8, 2], filterSize: [3, 2], strides: [1, 2], pad: 'valid' },
];

function poolGradient(c: PoolCase, x: Float32Array, dy: Float32Array): Float32Array {
  return tf.tidy(() => {
    const g = tf.grad((t: tf.Tensor) => {
      const y = tf.maxPool(t as tf.Tensor4D, c.filterSize, c.strides, c.pad);
      return tf.sum(tf.mul(y, tf.tensor(dy.subarray(0, size(y.shape)), y.shape)));
    });
    return Float32Array.from(g(tf.tensor4d(x, c.x)).dataSync());
  });
}

const upCases: { x: Shape4; factor: [number, number] }[] = [
  { x: [3, 14, 14, 16], factor: [2, 2] },
  { x: [3, 7, 7, 8], factor: [2, 2] },
  { x: [2, 5, 4, 3], factor: [3, 2] },
];

function upGradient(c: (typeof upCases)[number], x: Float32Array, dy: Float32Array): Float32Array {
  return tf.tidy(() => {
    const g = tf.grad((t: tf.Tensor) => {
      const y = tf.image.resizeNearestNeighbor(t as tf.Tensor4D, [c.x[1] * c.factor[0], c.x[2] * c.factor[1]]);
      return tf.sum(tf.mul(y, tf.tensor(dy.subarray(0, size(y.shape)), y.shape)));
    });
    return Float32Array.from(g(tf.tensor4d(x, c.x)).dataSync());
  });
}

/**
 * The upscaling's gradient by its definition: each pixel gets the sum of its
 * block of dy. (Not the cpu backend's: tfjs-backend-cpu 4.22 reads dy at the
 * images' batch offset, so every image after the first gets another part of
 * dy.)
 */
function blockSums(c: (typeof upCases)[number], dy: Float32Array): Float32Array {
  const [n, h, w, ch] = c.x;
  const [fy, fx] = c.factor;
  const out = new Float32Array(size(c.x));
  for (let b = 0; b < n; b++)
    for (let r = 0; r < h * fy; r++)
      for (let col = 0; col < w * fx; col++)
        for (let d = 0; d < ch; d++)
          out[((b * h + Math.floor(r / fy)) * w + Math.floor(col / fx)) * ch + d] += dy[((b * h * fy + r) * w * fx + col) * ch + d];
  return out;
}

describe('the wasm backward kernels of the conv kinds', () => {
  const convIn = convCases.map((c, i) => ({
    x: seededValues(size(c.x), 31 + i),
    w: seededValues(size(c.filter), 41 + i),
    dy: seededValues(size(c.x) * 8, 51 + i),
  }));
  const poolIn = poolCases.map((c, i) => ({ x: tiedValues(size(c.x), 61 + i), dy: seededValues(size(c.x), 71 + i) }));
  const upIn = upCases.map((c, i) => ({ x: seededValues(size(c.x), 81 + i), dy: seededValues(size(c.x) * 6, 91 + i) }));
  let convWant: Float32Array[] = [];
  let poolWant: Float32Array[] = [];
  const upWant = upCases.map((c, i) => blockSums(c, upIn[i].dy));

  beforeAll(async () => {
    // The cpu backend's own gradients are the reference.
    expect(await tf.setBackend('cpu')).toBe(true);
    convWant = convCases.map((c, i) => inputGradient(c, convIn[i].x, convIn[i].w, convIn[i].dy));
    poolWant = poolCases.map((c, i) => poolGradient(c, poolIn[i].x, poolIn[i].dy));
    await useWasmWithTrainingKernels();
  });

  afterAll(() => tf.disposeVariables());

  it.each(convCases.map((c, i) => [i, c] as const))(
    'Conv2DBackpropInput as a forward convolution matches the cpu gradient (case %i)',
    (i, c) => {
      const { w, dy } = convIn[i];
      const [n, h, wd] = c.x;
      const [kh, kw, , co] = c.filter;
      const [oh, ow] = c.pad === 'same' ? [h, wd] : [h - kh + 1, wd - kw + 1];
      const tensors = [tf.tensor4d(dy.subarray(0, n * oh * ow * co), [n, oh, ow, co]), tf.tensor4d(w, c.filter)];
      const got = runOwn(
        conv2DBackpropInputWasm,
        { dy: tensors[0], filter: tensors[1] },
        { strides: 1, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x },
      );
      tensors.forEach((t) => t.dispose());
      expect(worstRelative(got, convWant[i])).toBeLessThan(1e-5);
      // And through the registered kernel, as training reaches it.
      expect(worstRelative(inputGradient(c, convIn[i].x, w, dy), convWant[i])).toBeLessThan(1e-5);
    },
  );

  it.each(poolCases.map((c, i) => [i, c] as const))(
    'MaxPoolGrad gives each dy to its window’s first maximum, as the cpu backend does, ties included (case %i)',
    (i, c) => {
      const x = tf.tensor4d(poolIn[i].x, c.x);
      const y = tf.maxPool(x, c.filterSize, c.strides, c.pad);
      const dy = tf.tensor(poolIn[i].dy.subarray(0, size(y.shape)), y.shape);
      const got = runOwn(maxPoolGradWasm, { dy, input: x, output: y }, { filterSize: c.filterSize, strides: c.strides, pad: c.pad });
      [x, y, dy].forEach((t) => t.dispose());
      expect(worstRelative(got, poolWant[i])).toBeLessThan(1e-6);
      expect(worstRelative(poolGradient(c, poolIn[i].x, poolIn[i].dy), poolWant[i])).toBeLessThan(1e-6);
    },
  );

  it.each(upCases.map((c, i) => [i, c] as const))('ResizeNearestNeighborGrad sums each block of dy (case %i)', (i, c) => {
    const images = tf.tensor4d(upIn[i].x, c.x);
    const shape: Shape4 = [c.x[0], c.x[1] * c.factor[0], c.x[2] * c.factor[1], c.x[3]];
    const dy = tf.tensor4d(upIn[i].dy.subarray(0, size(shape)), shape);
    const got = runOwn(resizeNearestNeighborGradWasm, { images, dy }, { alignCorners: false, halfPixelCenters: false });
    [images, dy].forEach((t) => t.dispose());
    expect(worstRelative(got, upWant[i])).toBeLessThan(1e-6);
    expect(worstRelative(upGradient(c, upIn[i].x, upIn[i].dy), upWant[i])).toBeLessThan(1e-6);
  });

  it('leaves strides, corner alignment and fractional sizes to the backend’s own kernels', () => {
    const calls: string[] = [];
    const original =
      (name: string): tf.KernelFunc =>
      () => {
        calls.push(name);
        return { dataId: {}, shape: [], dtype: 'float32' };
      };
    const backend = tf.backend();
    const t = (shape: number[]) => tf.zeros(shape);
    const dy = t([1, 3, 3, 2]);
    const filter = t([3, 3, 1, 2]);
    const images = t([1, 3, 3, 2]);
    const odd = t([1, 5, 5, 2]);
    conv2DBackpropInputWasm(original('strided conv'))({
      inputs: { dy, filter },
      backend,
      attrs: { strides: 2, pad: 'same', inputShape: [1, 6, 6, 1] },
    });
    resizeNearestNeighborGradWasm(original('aligned'))({
      inputs: { images, dy: odd },
      backend,
      attrs: { alignCorners: true, halfPixelCenters: false },
    });
    resizeNearestNeighborGradWasm(original('fractional'))({
      inputs: { images, dy: odd },
      backend,
      attrs: { alignCorners: false, halfPixelCenters: false },
    });
    [dy, filter, images, odd].forEach((x) => x.dispose());
    expect(calls).toEqual(['strided conv', 'aligned', 'fractional']);
  });

  it('frees every temporary: a conv model’s training step leaves tensors and backend buffers as they were', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tf.layers.upSampling2d({ size: [2, 2] }),
        tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }),
      ],
    });
    const optimizer = tf.train.adam(0.01);
    const x = tf.tensor4d(
      seededValues(4 * 64, 3).map((v) => v + 0.5),
      [4, 8, 8, 1],
    );
    const step = () => optimizer.minimize(() => tf.losses.meanSquaredError(x, model.apply(x) as tf.Tensor), false);
    step(); // Adam's slots are made on the first step.
    const backend = tf.backend();
    const ids = backend.numDataIds();
    const tensors = trackTensors();
    for (let i = 0; i < 3; i++) step();
    expect(backend.numDataIds()).toBe(ids);
    tensors.expectUnchanged();
    model.dispose();
    optimizer.dispose();
    x.dispose();
  });
});
