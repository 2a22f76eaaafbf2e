/**
 * Model files: what tf.io saves of each kind, read back into a model built
 * from the same settings, gives the same outputs; weights that do not fit
 * are refused with a reason, and the model keeps its own.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAutoencoder, disposeAutoencoder, predict } from '../../src/model/autoencoder';
import type { ModelConfig } from '../../src/model/config';
import { exportModel, loadWeights, modelWeightShapes } from '../../src/model/model-io';
import { weightShapes } from '../../src/model/weight-check';
import { useWasmBackend } from '../helpers/backend';
import { testConfig } from '../helpers/config';
import { expectNoLeaks } from '../helpers/tensors';

beforeAll(useWasmBackend);

const KINDS: Partial<ModelConfig>[] = [
  { kind: 'vanilla' },
  { kind: 'deep', hidden: [40, 20] },
  { kind: 'conv', filters: [4, 2] },
  { kind: 'denoising', body: 'conv', filters: [3] },
  { kind: 'denoising', body: 'dense', hidden: [24] },
  { kind: 'vae', hidden: [30] },
];

const inputs = () =>
  tf.tensor2d(
    Float32Array.from({ length: 2 * 784 }, (_, i) => ((i * 31) % 97) / 96),
    [2, 784],
  );

async function outputsOf(ae: ReturnType<typeof buildAutoencoder>): Promise<Float32Array> {
  const x = inputs();
  const y = predict(ae.autoencoder, x) as tf.Tensor;
  const values = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return values;
}

describe('model files', () => {
  for (const patch of KINDS) {
    const name = `${patch.kind}${patch.body ? ` (${patch.body})` : ''}`;
    it(`${name}: saved and read into a fresh model of the same settings, it gives the same outputs`, async () => {
      await expectNoLeaks(async () => {
        const config = testConfig({ codeSize: 3, ...patch, seed: 5 });
        const original = buildAutoencoder(config);
        const saved = await exportModel(original);
        // The pure shape list is the one tf.io saves, in its order.
        expect(modelWeightShapes(original)).toEqual(weightShapes(config));
        expect(saved.weightSpecs.map((w) => w.shape)).toEqual(weightShapes(config));
        expect(saved.format).toBe('layers-model');
        expect(JSON.stringify(saved.modelTopology)).toContain('"batch_input_shape":[null,784]');

        const fresh = buildAutoencoder({ ...config, seed: 99 });
        const before = await outputsOf(fresh);
        loadWeights(fresh, saved.weightSpecs, saved.weightData);
        const [want, got] = [await outputsOf(original), await outputsOf(fresh)];
        expect(Array.from(got)).toEqual(Array.from(want));
        expect(Array.from(before)).not.toEqual(Array.from(want));
        disposeAutoencoder(original);
        disposeAutoencoder(fresh);
      });
    });
  }

  it('refuses weights of another shape, truncated or non-finite, and keeps its own', async () => {
    await expectNoLeaks(async () => {
      const config = testConfig({ codeSize: 4 });
      const other = buildAutoencoder({ ...config, codeSize: 5 });
      const wrong = await exportModel(other);
      const model = buildAutoencoder(config);
      const own = await outputsOf(model);
      expect(() => loadWeights(model, wrong.weightSpecs, wrong.weightData)).toThrow(/does not fit: .*model of another shape/);

      const right = await exportModel(model);
      expect(() => loadWeights(model, right.weightSpecs, right.weightData.slice(0, 100))).toThrow(/has 100 bytes .*truncated/);
      const bad = new Float32Array(right.weightData.slice(0));
      bad[7] = NaN;
      expect(() => loadWeights(model, right.weightSpecs, bad.buffer)).toThrow(/not finite/);
      expect(Array.from(await outputsOf(model))).toEqual(Array.from(own));
      disposeAutoencoder(model);
      disposeAutoencoder(other);
    });
  });
});
