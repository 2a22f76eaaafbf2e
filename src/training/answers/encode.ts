/** Encode images that are not in the data set (a drawing), and test digits by index. */
import * as tf from '../../shared/tf';
import { encode, predict, type Autoencoder } from '../../model/autoencoder';
import { gatherImages, PIXELS } from '../../data/mnist';
import { toBytes } from '../../data/pixels';
import type { ExploreQuery, ExploreResult } from '../protocol';
import { checkIndices, read, URGENT_MAX, type Answer, type ModelAccess } from './model-access';

/** Codes (μ for the VAE) and reconstructions of images given as n × 784 floats in [0, 1]. */
export async function encodeImages(
  model: Autoencoder,
  images: Float32Array,
  count: number,
): Promise<{ codes: Float32Array; outputs: Float32Array }> {
  if (images.length !== count * PIXELS) throw new RangeError(`expected ${count} images of ${PIXELS} pixels`);
  const [z, out] = tf.tidy(() => {
    const z = encode(model, tf.tensor2d(images, [count, PIXELS]));
    return [z, predict(model.decoder, z) as tf.Tensor2D];
  });
  const [codes, outputs] = await Promise.all([read(z), read(out)]);
  return { codes, outputs };
}

export function answerEncode(access: ModelAccess, runId: number, query: Extract<ExploreQuery, { kind: 'encode' }>): Promise<Answer> {
  return access.withModel(
    runId,
    async (t) => {
      const { codes, outputs } = await encodeImages(t.model, query.images, query.count);
      const bytes = toBytes(outputs);
      return { result: { kind: 'encode', codes, outputs: bytes }, step: t.step, transfer: [codes.buffer, bytes.buffer] };
    },
    query.count <= URGENT_MAX,
  );
}

/** Test digits: their labels, the images, codes and reconstructions of the clean originals (every kind). */
export function answerDigits(access: ModelAccess, runId: number, query: Extract<ExploreQuery, { kind: 'digits' }>): Promise<Answer> {
  const test = access.data().test;
  checkIndices(test, query.indices);
  return access.withModel(
    runId,
    async (t) => {
      const images = gatherImages(test, query.indices);
      const { codes, outputs } = await encodeImages(t.model, images, query.indices.length);
      const labels = Uint8Array.from(query.indices, (i) => test.labels[i]);
      const result: ExploreResult = { kind: 'digits', labels, originals: toBytes(images), outputs: toBytes(outputs), codes };
      return { result, step: t.step, transfer: [labels.buffer, result.originals.buffer, result.outputs.buffer, codes.buffer] };
    },
    query.indices.length <= URGENT_MAX,
  );
}
