import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerCpuTrainingKernels, resizeNearestNeighborGradCpu } from '../../src/training/cpu-kernels';
import { seededValues } from '../helpers/wasm-kernels';

/** dx of sum(upscale(x) · dy) through the engine: the gradient UpSampling2D trains with. */
function upscaleGradient(shape: [number, number, number, number], factor: number, dy: Float32Array): Float32Array {
  return tf.tidy(() => {
    const g = tf.grad((x: tf.Tensor) => {
      const y = tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [shape[1] * factor, shape[2] * factor]);
      return tf.sum(tf.mul(y, tf.tensor(dy, y.shape)));
    });
    return Float32Array.from(g(tf.zeros(shape)).dataSync());
  });
}

describe('the cpu backend’s upsampling gradient', () => {
  const shape: [number, number, number, number] = [3, 7, 7, 2];
  const dy = seededValues(3 * 14 * 14 * 2, 9);
  /** By its definition: the second image's top-left pixel, channel 0, sums its 2 × 2 block of dy. */
  const firstOfSecondImage = () => {
    const b = 14 * 14 * 2;
    return dy[b] + dy[b + 2] + dy[b + 14 * 2] + dy[b + 15 * 2];
  };

  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });
  afterEach(() => expect(tf.memory().numTensors).toBe(0));

  it('is wrong in tfjs-backend-cpu 4.22 for every image after the first (the reason for the fix; runs before it is registered)', () => {
    expect(Math.abs(upscaleGradient(shape, 2, dy)[7 * 7 * 2] - firstOfSecondImage())).toBeGreaterThan(1e-3);
  });

  it('is each pixel’s block sum once the fix is registered, for every image of the batch', () => {
    registerCpuTrainingKernels();
    registerCpuTrainingKernels(); // idempotent
    const got = upscaleGradient(shape, 2, dy);
    expect(got[7 * 7 * 2]).toBeCloseTo(firstOfSecondImage(), 5);
    // Every pixel: the sum of its block.
    for (let b = 0; b < 3; b++)
      for (let r = 0; r < 7; r++)
        for (let c = 0; c < 7; c++)
          for (let d = 0; d < 2; d++) {
            let want = 0;
            for (const [i, j] of [
              [0, 0],
              [0, 1],
              [1, 0],
              [1, 1],
            ])
              want += dy[((b * 14 + 2 * r + i) * 14 + 2 * c + j) * 2 + d];
            expect(got[((b * 7 + r) * 7 + c) * 2 + d]).toBeCloseTo(want, 5);
          }
  });

  it('leaves other resizes to the backend’s kernel', () => {
    let called = 0;
    const original: tf.KernelFunc = () => {
      called++;
      return { dataId: {}, shape: [], dtype: 'float32' };
    };
    const images = tf.zeros([1, 3, 3, 1]);
    const dy = tf.zeros([1, 5, 5, 1]);
    resizeNearestNeighborGradCpu(original)({
      inputs: { images, dy },
      backend: tf.backend(),
      attrs: { alignCorners: false, halfPixelCenters: false },
    });
    resizeNearestNeighborGradCpu(original)({
      inputs: { images, dy: images },
      backend: tf.backend(),
      attrs: { alignCorners: true, halfPixelCenters: false },
    });
    tf.dispose([images, dy]);
    expect(called).toBe(2);
  });
});
