/**
 * The denoising lab: test digits corrupted with noise chosen now (whatever
 * the model trained with) and reconstructed, chunk by chunk of model work.
 */
import * as tf from '../../shared/tf';
import { predict } from '../../model/autoencoder';
import { gatherImages, PIXELS } from '../../data/mnist';
import { corrupt, meanSquaredError, TEST_NOISES } from '../../data/noise';
import { toBytes } from '../../data/pixels';
import { createRng } from '../../shared/rng';
import type { ExploreQuery, ExploreResult } from '../protocol';
import { checkIndices, CHUNK, read, type Answer, type ModelAccess } from './model-access';

export async function answerDenoise(
  access: ModelAccess,
  runId: number,
  query: Extract<ExploreQuery, { kind: 'denoise' }>,
): Promise<Answer> {
  const test = access.data().test;
  checkIndices(test, query.indices);
  if (!(query.level >= 0 && query.level <= 1)) throw new RangeError('the noise level must be between 0 and 1');
  if (!TEST_NOISES.includes(query.noise)) throw new RangeError(`there is no noise called ${String(query.noise)}`);
  if (!Number.isInteger(query.sample)) throw new RangeError('the sample must be a whole number of digits');
  const sample = Math.max(1, Math.min(query.sample, test.count));
  // The digits shown, then the sample the errors are measured on.
  const all = [...query.indices, ...Array.from({ length: sample }, (_, i) => i)];
  const clean = gatherImages(test, all);
  const noisy = corrupt(clean, query.noise, query.level, createRng(query.seed));
  const outputs = new Float32Array(clean.length);
  let step = 0;
  for (let start = 0; start < all.length; start += CHUNK) {
    const n = Math.min(CHUNK, all.length - start);
    const part = await access.withModel(runId, async (t) => {
      step = t.step;
      const slice = noisy.subarray(start * PIXELS, (start + n) * PIXELS);
      return read(tf.tidy(() => predict(t.model.autoencoder, tf.tensor2d(slice, [n, PIXELS])) as tf.Tensor2D));
    });
    outputs.set(part, start * PIXELS);
  }
  const shown = query.indices.length * PIXELS;
  const rest = (a: Float32Array) => a.subarray(shown);
  const result: ExploreResult = {
    kind: 'denoise',
    clean: toBytes(clean.subarray(0, shown)),
    noisy: toBytes(noisy.subarray(0, shown)),
    outputs: toBytes(outputs.subarray(0, shown)),
    noisyMse: meanSquaredError(rest(noisy), rest(clean)),
    outputMse: meanSquaredError(rest(outputs), rest(clean)),
    sample,
  };
  return { result, step, transfer: [result.clean.buffer, result.noisy.buffer, result.outputs.buffer] };
}
