/**
 * The one way a model is scored on a split: per image, binary cross-entropy
 * and squared error per pixel between the clean image and the model's
 * reconstruction of it, end to end (the VAE through μ), with the codes when
 * wanted. The explorer's code table, the sweep's test errors and the
 * benchmark's quality figures all come from here, so every kind and PCA are
 * measured alike.
 */
import * as tf from '../shared/tf';
import { addGaussianNoise, encode, predict, type Autoencoder } from '../model/autoencoder';
import { bceFromLogitsPerExample, squaredErrorPerExample } from '../model/losses';
import { gatherImages, PIXELS, type MnistSplit } from '../data/mnist';
import { deriveSeed } from '../shared/rng';
import type { ErrorPair } from './protocol';

/** Per-image errors (per pixel) of a run of images, and their codes if asked for. */
export interface ImageErrors {
  bce: Float32Array;
  mse: Float32Array;
  /** count × k, or null when not asked for. */
  codes: Float32Array | null;
}

export interface ScoreOptions {
  /** First image and how many (default: the whole split from `start`). */
  start?: number;
  count?: number;
  /** Images per chunk of model work (default 500). */
  chunk?: number;
  /** Keep the codes as well. */
  codes?: boolean;
  /**
   * Corrupt the inputs with Gaussian noise of this standard deviation (the
   * targets stay clean): how well a denoiser denoises. The noise of each
   * chunk is seeded from `seed` and the chunk's first index.
   */
  noise?: { std: number; seed: number };
  /** Runs each chunk (e.g. between two training steps); default: at once. */
  run?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Awaited after each chunk; resolving false stops the scoring (the result is then null). */
  between?: () => Promise<boolean>;
}

async function read(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

async function scoreChunk(model: Autoencoder, split: MnistSplit, start: number, n: number, options: ScoreOptions) {
  const indices = Array.from({ length: n }, (_, i) => start + i);
  const [z, bce, sq] = tf.tidy(() => {
    const x = tf.tensor2d(gatherImages(split, indices), [n, PIXELS]);
    const input = options.noise ? addGaussianNoise(x, options.noise.std, deriveSeed(options.noise.seed, start)) : x;
    const z = encode(model, input);
    const logits = predict(model.logits.decoder, z) as tf.Tensor2D;
    return [
      z,
      tf.div(bceFromLogitsPerExample(x, logits), PIXELS),
      tf.div(squaredErrorPerExample(x, tf.sigmoid(logits) as tf.Tensor2D), PIXELS),
    ];
  });
  if (!options.codes) z.dispose();
  const [codes, b, m] = await Promise.all([options.codes ? read(z) : null, read(bce), read(sq)]);
  return { codes, bce: b, mse: m };
}

/**
 * Scores images `start … start + count` of a split, chunk by chunk (tf ops
 * called as tf.op(x): the production bundle registers no chained methods).
 */
export async function scoreImages(model: Autoencoder, split: MnistSplit, options: ScoreOptions = {}): Promise<ImageErrors | null> {
  const start = options.start ?? 0;
  const count = Math.max(0, Math.min(options.count ?? split.count - start, split.count - start));
  const chunk = Math.max(1, Math.floor(options.chunk ?? 500));
  const run = options.run ?? ((work) => work());
  const k = model.config.codeSize;
  const out: ImageErrors = {
    bce: new Float32Array(count),
    mse: new Float32Array(count),
    codes: options.codes ? new Float32Array(count * k) : null,
  };
  for (let done = 0; done < count; done += chunk) {
    const n = Math.min(chunk, count - done);
    const part = await run(() => scoreChunk(model, split, start + done, n, options));
    out.bce.set(part.bce, done);
    out.mse.set(part.mse, done);
    if (part.codes) out.codes!.set(part.codes, done * k);
    if (options.between && !(await options.between())) return null;
  }
  return out;
}

/** The mean of per-image errors: the split's error per pixel (0 for no images). */
export function meanErrors(errors: Pick<ImageErrors, 'bce' | 'mse'>): ErrorPair {
  const mean = (values: Float32Array) => {
    let sum = 0;
    for (const v of values) sum += v;
    return values.length ? sum / values.length : 0;
  };
  return { bce: mean(errors.bce), mse: mean(errors.mse) };
}
