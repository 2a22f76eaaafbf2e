/**
 * Answers the page's questions about the current run's model (ExploreQuery):
 * decode a point of the latent space, encode a drawing, show test digits,
 * denoise with test-time noise, list codes and errors for the application
 * panels, and compare with PCA at the same code size.
 *
 * Work on the model goes through `exclusive`, between two training steps, in
 * chunks small enough that a hovered point is decoded within one step while
 * a long question (10,000 codes) is being answered. Work on data only (PCA)
 * runs outside that queue and pauses between chunks, so training goes on.
 */
import * as tf from '../shared/tf';
import { encode, predict, type Autoencoder } from '../model/autoencoder';
import { bceFromLogitsPerExample, squaredErrorPerExample } from '../model/losses';
import { gatherImages, PIXELS, type Mnist, type MnistSplit } from '../data/mnist';
import { corrupt, meanSquaredError, TEST_NOISES } from '../data/noise';
import { createRng } from '../shared/rng';
import { kMeans, purity } from '../analysis/kmeans';
import { bceFloor, explainedVariance, fitPca, pcaReconstruct, pcaTestErrors, type PcaBasis } from './pca-baseline';
import type { ErrorPair, ExploreQuery, ExploreResult } from './protocol';
import type { Trainer } from './trainer';

/** How many principal components are fitted (the bottleneck slider's maximum). */
export const PCA_COMPONENTS = 128;
/**
 * Questions about this many images or fewer (a hovered point, a drawing, the
 * walk along a line) go before other waiting work: they are what a person
 * is looking at, and they take a millisecond or two.
 */
const URGENT_MAX = 16;
/** Test digits per chunk of model work: one chunk is about as long as a training step of a dense model. */
const CHUNK = 500;

export interface ExplorerDeps {
  data(): Mnist | null;
  /** The model of run `runId`, or null when that run has been replaced or reset. */
  trainer(runId: number): Trainer | null;
  /** Runs `fn` with the model to itself, between two training steps; an urgent one goes before other waiting work. */
  exclusive<T>(fn: () => Promise<T>, urgent?: boolean): Promise<T>;
  /** Lets queued messages and training steps in. */
  yieldNow(): Promise<void>;
}

/** Codes and per-image errors of the first `count` digits of a split. */
export interface CodeTable {
  codes: Float32Array;
  /** Per image, per pixel. */
  bce: Float32Array;
  mse: Float32Array;
}

/** Floats in [0, 1] → bytes 0–255. */
export function toBytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, values[i])) * 255);
  return out;
}

function mean(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length ? sum / values.length : 0;
}

async function read(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** The decoder's images for `count` codes (rows of k floats). */
export async function decodeCodes(model: Autoencoder, codes: Float32Array, count: number): Promise<Float32Array> {
  const k = model.config.codeSize;
  if (codes.length !== count * k) throw new RangeError(`expected ${count} codes of ${k} numbers, got ${codes.length} numbers`);
  if (!codes.every(Number.isFinite)) throw new RangeError('codes must be finite numbers');
  return read(tf.tidy(() => predict(model.decoder, tf.tensor2d(codes, [count, k])) as tf.Tensor2D));
}

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

/**
 * Codes and per-image errors (BCE and squared error per pixel) of the clean
 * images `start … start + n` of a split: the image in, the same image as the
 * target, whatever kind (the denoising one too), so that every kind and PCA
 * are measured alike.
 */
export async function codeChunk(model: Autoencoder, split: MnistSplit, start: number, n: number): Promise<CodeTable> {
  const indices = Array.from({ length: n }, (_, i) => start + i);
  const [z, bce, sq] = tf.tidy(() => {
    const x = tf.tensor2d(gatherImages(split, indices), [n, PIXELS]);
    const z = encode(model, x);
    const logits = predict(model.logits.decoder, z) as tf.Tensor2D;
    return [
      z,
      tf.div(bceFromLogitsPerExample(x, logits), PIXELS),
      tf.div(squaredErrorPerExample(x, tf.sigmoid(logits) as tf.Tensor2D), PIXELS),
    ];
  });
  const [codes, b, m] = await Promise.all([read(z), read(bce), read(sq)]);
  return { codes, bce: b, mse: m };
}

export class Explorer {
  private basis: Promise<PcaBasis | null> | null = null;
  private readonly pcaErrors = new Map<number, Promise<ErrorPair | null>>();
  private table: { trainer: Trainer; step: number; count: number; table: Promise<CodeTable> } | null = null;

  constructor(private readonly deps: ExplorerDeps) {}

  private data(): Mnist {
    const data = this.deps.data();
    if (!data) throw new Error('the MNIST digits are not loaded yet');
    return data;
  }

  /** Runs `fn` on run `runId`'s model alone; fails if that model is gone by then. */
  private withModel<T>(runId: number, fn: (trainer: Trainer) => Promise<T>, urgent = false): Promise<T> {
    return this.deps.exclusive(async () => {
      const trainer = this.deps.trainer(runId);
      if (!trainer) throw new Error('there is no trained model: press Train first');
      return fn(trainer);
    }, urgent);
  }

  /**
   * Codes and errors of the first `count` test digits, in chunks (each
   * between two training steps). While training runs, chunks come from
   * successive steps; the table is kept until the model changes.
   */
  codeTable(runId: number, count: number): Promise<CodeTable> {
    const trainer = this.deps.trainer(runId);
    if (!trainer) return Promise.reject(new Error('there is no trained model: press Train first'));
    const split = this.data().test;
    const n = Math.min(count, split.count);
    const k = trainer.config.codeSize;
    const cached = this.table;
    if (cached && cached.trainer === trainer && cached.step === trainer.step && cached.count >= n) {
      return cached.table.then((t) => ({ codes: t.codes.subarray(0, n * k), bce: t.bce.subarray(0, n), mse: t.mse.subarray(0, n) }));
    }
    const table = (async () => {
      const out: CodeTable = { codes: new Float32Array(n * k), bce: new Float32Array(n), mse: new Float32Array(n) };
      for (let start = 0; start < n; start += CHUNK) {
        const part = await this.withModel(runId, (t) => {
          if (t !== trainer) throw new Error('the model changed: ask again');
          return codeChunk(t.model, split, start, Math.min(CHUNK, n - start));
        });
        out.codes.set(part.codes, start * k);
        out.bce.set(part.bce, start);
        out.mse.set(part.mse, start);
      }
      return out;
    })();
    this.table = { trainer, step: trainer.step, count: n, table };
    table.catch(() => {
      if (this.table?.table === table) this.table = null;
    });
    return table;
  }

  /** The principal components of the training set, fitted once (a few seconds, in chunks, while training goes on). */
  pcaBasis(): Promise<PcaBasis> {
    let basis = this.basis;
    if (!basis) {
      const data = this.data();
      basis = fitPca(data.train, PCA_COMPONENTS, {
        pause: async () => {
          await this.deps.yieldNow();
          return true;
        },
      });
      this.basis = basis;
      basis.catch(() => (this.basis = null));
    }
    return basis.then((b) => {
      if (!b) throw new Error('PCA was interrupted');
      return b;
    });
  }

  /** PCA's test errors with k components (cached per k). */
  pcaTestErrors(k: number): Promise<ErrorPair> {
    let errors = this.pcaErrors.get(k);
    if (!errors) {
      errors = this.pcaBasis().then((basis) =>
        pcaTestErrors(basis, k, this.data().test, {
          pause: async () => {
            await this.deps.yieldNow();
            return true;
          },
        }),
      );
      errors.catch(() => this.pcaErrors.delete(k));
      this.pcaErrors.set(k, errors);
    }
    return errors.then((e) => {
      if (!e) throw new Error('PCA was interrupted');
      return e;
    });
  }

  private floor: number | null = null;

  /** The least BCE per pixel any reconstruction can reach on the test set. */
  bceFloor(): number {
    const floor = this.floor ?? bceFloor(this.data().test);
    this.floor = floor;
    return floor;
  }

  /** The answer to one query, with the step of the model that gave it and the buffers to transfer. */
  async answer(runId: number, query: ExploreQuery): Promise<{ result: ExploreResult; step: number; transfer: Transferable[] }> {
    const data = this.data();
    const test = data.test;
    const checkIndices = (indices: number[]) => {
      if (!indices.every((i) => Number.isInteger(i) && i >= 0 && i < test.count)) {
        throw new RangeError(`test digit indices must be whole numbers from 0 to ${test.count - 1}`);
      }
    };
    switch (query.kind) {
      case 'decode':
        return this.withModel(runId, async (t) => {
          const images = toBytes(await decodeCodes(t.model, query.codes, query.count));
          return { result: { kind: 'decode', images }, step: t.step, transfer: [images.buffer] };
        }, query.count <= URGENT_MAX);
      case 'encode':
        return this.withModel(runId, async (t) => {
          const { codes, outputs } = await encodeImages(t.model, query.images, query.count);
          const bytes = toBytes(outputs);
          return { result: { kind: 'encode', codes, outputs: bytes }, step: t.step, transfer: [codes.buffer, bytes.buffer] };
        }, query.count <= URGENT_MAX);
      case 'digits':
        checkIndices(query.indices);
        return this.withModel(runId, async (t) => {
          const images = gatherImages(test, query.indices);
          const { codes, outputs } = await encodeImages(t.model, images, query.indices.length);
          const labels = Uint8Array.from(query.indices, (i) => test.labels[i]);
          const result: ExploreResult = { kind: 'digits', labels, originals: toBytes(images), outputs: toBytes(outputs), codes };
          return { result, step: t.step, transfer: [labels.buffer, result.originals.buffer, result.outputs.buffer, codes.buffer] };
        }, query.indices.length <= URGENT_MAX);
      case 'denoise': {
        checkIndices(query.indices);
        if (!(query.level >= 0 && query.level <= 1)) throw new RangeError('the noise level must be between 0 and 1');
        if (!TEST_NOISES.includes(query.noise)) throw new RangeError(`there is no noise called ${String(query.noise)}`);
        if (!Number.isInteger(query.sample)) throw new RangeError('the sample must be a whole number of digits');
        const sample = Math.max(1, Math.min(query.sample, test.count));
        const all = [...query.indices, ...Array.from({ length: sample }, (_, i) => i)];
        const clean = gatherImages(test, all);
        const noisy = corrupt(clean, query.noise, query.level, createRng(query.seed));
        const outputs = new Float32Array(clean.length);
        let step = 0;
        for (let start = 0; start < all.length; start += CHUNK) {
          const n = Math.min(CHUNK, all.length - start);
          const part = await this.withModel(runId, async (t) => {
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
      case 'codes': {
        const trainer = this.deps.trainer(runId);
        const step = trainer?.step ?? 0;
        const table = await this.codeTable(runId, query.count);
        const loss = trainer?.config.loss ?? 'bce';
        const n = table.bce.length;
        const result: ExploreResult = {
          kind: 'codes',
          codes: table.codes.slice(),
          labels: test.labels.slice(0, n),
          errors: (loss === 'bce' ? table.bce : table.mse).slice(),
          loss,
        };
        return { result, step, transfer: [result.codes.buffer, result.labels.buffer, result.errors.buffer] };
      }
      case 'pca': {
        checkIndices(query.indices);
        const trainer = this.deps.trainer(runId);
        if (!trainer) throw new Error('there is no trained model: press Train first');
        const k = trainer.config.codeSize;
        if (query.k !== k) throw new RangeError(`the model's code has ${k} numbers, not ${query.k}`);
        const basis = await this.pcaBasis();
        const step = trainer.step;
        const [pca, table] = await Promise.all([this.pcaTestErrors(k), this.codeTable(runId, test.count)]);
        const images = gatherImages(test, query.indices);
        const outputs = toBytes(pcaReconstruct(basis, k, images, query.indices.length));
        const result: ExploreResult = {
          kind: 'pca',
          k,
          outputs,
          pca,
          autoencoder: { bce: mean(table.bce), mse: mean(table.mse) },
          bceFloor: this.bceFloor(),
          explained: explainedVariance(basis, k),
        };
        return { result, step, transfer: [outputs.buffer] };
      }
      case 'pixel-clusters': {
        // k-means on the raw pixels of the first `count` test digits (bytes read as value / 255), scored by their labels.
        const count = Math.max(0, Math.min(query.count, test.count));
        const { assignments, iterations } = kMeans(test.images.subarray(0, count * PIXELS), count, PIXELS, query.k, query.seed);
        const score = purity(assignments, test.labels.subarray(0, count), query.k);
        return { result: { kind: 'pixel-clusters', count, purity: score, iterations }, step: this.deps.trainer(runId)?.step ?? 0, transfer: [] };
      }
    }
  }
}
