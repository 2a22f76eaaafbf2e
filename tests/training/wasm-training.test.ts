import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackTensors } from '../helpers/tensors';
import { seededValues, useWasmWithTrainingKernels } from '../helpers/wasm-kernels';

describe('training a conv autoencoder on wasm', () => {
  beforeAll(useWasmWithTrainingKernels);

  afterAll(() => {
    tf.disposeVariables();
  });

  it('has every other kernel a conv autoencoder needs to train on wasm', () => {
    const needed = [
      'Conv2D',
      'Conv2DBackpropInput',
      'Conv2DBackpropFilter',
      'FusedConv2D',
      'MaxPool',
      'MaxPoolGrad',
      'ResizeNearestNeighbor',
      'ResizeNearestNeighborGrad',
      'Relu',
      'Step',
      'Sigmoid',
      'Multiply',
      'Sub',
      'Sum',
    ];
    const missing = needed.filter((k) => tf.getKernel(k, 'wasm') == null);
    expect(missing).toEqual([]);
  });

  it('trains a tiny conv autoencoder without leaking', () => {
    const seed = 7;
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [8, 8, 1],
          filters: 4,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: tf.initializers.glorotUniform({ seed }),
        }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.upSampling2d({ size: [2, 2] }),
        tf.layers.conv2d({
          filters: 1,
          kernelSize: 3,
          padding: 'same',
          activation: 'sigmoid',
          kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
        }),
      ],
    });
    const images = tf.tensor4d(
      seededValues(16 * 8 * 8, 3).map((v) => (v > 0 ? 1 : 0)),
      [16, 8, 8, 1],
    );
    const optimizer = tf.train.adam(0.02);
    const backend = tf.backend();

    const step = (): number => {
      const loss = optimizer.minimize(() => tf.losses.meanSquaredError(images, model.apply(images, { training: true }) as tf.Tensor), true);
      if (loss == null) throw new Error('minimize returned no loss');
      const value = loss.dataSync()[0];
      loss.dispose();
      return value;
    };

    // Warm-up: creates the optimizer's slot variables.
    const first = step();
    const tensorsAfterWarmUp = trackTensors();
    const dataIdsAfterWarmUp = backend.numDataIds();

    const losses = [first];
    for (let i = 0; i < 5; i++) {
      losses.push(step());
      tensorsAfterWarmUp.expectUnchanged();
      expect(backend.numDataIds()).toBe(dataIdsAfterWarmUp);
    }
    for (let i = 0; i < 24; i++) losses.push(step());

    for (const l of losses) expect(Number.isFinite(l)).toBe(true);
    expect(losses[losses.length - 1]).toBeLessThan(0.9 * first);
    tensorsAfterWarmUp.expectUnchanged();

    images.dispose();
    optimizer.dispose();
    model.dispose();
  });
});
