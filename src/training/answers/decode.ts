/** Decode codes: a hovered point, a grid over the latent plane, a line between two codes, samples. */
import * as tf from '../../shared/tf';
import { predict, type Autoencoder } from '../../model/autoencoder';
import { toBytes } from '../../data/pixels';
import type { ExploreQuery } from '../protocol';
import { read, URGENT_MAX, type Answer, type ModelAccess } from './model-access';

/** The decoder's images for `count` codes (rows of k floats). */
export async function decodeCodes(model: Autoencoder, codes: Float32Array, count: number): Promise<Float32Array> {
  const k = model.config.codeSize;
  if (codes.length !== count * k) throw new RangeError(`expected ${count} codes of ${k} numbers, got ${codes.length} numbers`);
  if (!codes.every(Number.isFinite)) throw new RangeError('codes must be finite numbers');
  return read(tf.tidy(() => predict(model.decoder, tf.tensor2d(codes, [count, k])) as tf.Tensor2D));
}

export function answerDecode(access: ModelAccess, runId: number, query: Extract<ExploreQuery, { kind: 'decode' }>): Promise<Answer> {
  return access.withModel(
    runId,
    async (t) => {
      const images = toBytes(await decodeCodes(t.model, query.codes, query.count));
      return { result: { kind: 'decode', images }, step: t.step, transfer: [images.buffer] };
    },
    query.count <= URGENT_MAX,
  );
}
