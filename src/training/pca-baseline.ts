/**
 * PCA of the MNIST training set: the linear baseline beside the autoencoder.
 * With k components it is the best affine code of size k for squared error
 * (Eckart–Young), so a linear autoencoder trained with MSE can at best find
 * the same subspace; what a non-linear autoencoder gains over it is what its
 * non-linearity buys. The covariance is accumulated with tf.matMul, its top
 * eigenvectors found by randomized subspace iteration (src/linalg). Tensor
 * ops are called as tf.op(x): the production bundle registers no chained
 * methods.
 */
import * as tf from '../shared/tf';
import { PIXELS, type MnistSplit } from '../data/mnist';
import { bcePerExample, squaredErrorPerExample } from '../model/losses';
import { topEigenpairs, type Pause } from '../linalg/subspace';

/** A fitted PCA: the mean image and the top K principal directions. */
export interface PcaBasis {
  /** The mean training image, 784 values in [0, 1]. */
  mean: Float32Array;
  /** K × 784, one unit-norm component per row, by decreasing variance. */
  components: Float32Array;
  /** Variance of the training images along each component (its eigenvalue λ_j, per image). */
  variances: Float64Array;
  /** tr C: the summed variance of all 784 pixels (the squared error per image of the mean image alone). */
  totalVariance: number;
  /** How many images the basis was fitted on. */
  trainCount: number;
}

const goOn: Pause = async () => true;

/**
 * Most images per tf.matMul in the covariance pass: raw pixel values are
 * integers ≤ 255, so every partial sum of a product of two 256-image columns
 * is an integer ≤ 256 · 255² < 2²⁴ and float32 holds it exactly.
 */
const EXACT_ROWS = 256;
/** Extra directions iterated beyond those wanted (they absorb the slow tail of the spectrum). */
export const PCA_OVERSAMPLING = 16;
/** Subspace iterations: enough for every k ≤ 128 to be within 0.5 % of the exact PCA error on MNIST. */
export const PCA_ITERATIONS = 8;

/** Copies images [start, start + n) of a split into `out` as floats in [0, 1]. */
function scaledImages(split: MnistSplit, start: number, n: number, out: Float32Array): Float32Array {
  const scale = 1 / 255;
  const src = split.images.subarray(start * PIXELS, (start + n) * PIXELS);
  for (let i = 0; i < src.length; i++) out[i] = src[i] * scale;
  return out.subarray(0, src.length);
}

/**
 * Mean image m and covariance C = (1/n) Σ (x − m)(x − m)ᵀ (784 × 784,
 * Float64, row-major) of a whole split, in one pass.
 *
 * The sums S = Σ xxᵀ and s = Σ x are taken on the raw pixel values
 * (integers 0–255): each block X of up to 256 images adds XᵀX (tf.matMul
 * with transposeA) to a Float64 sum, and every such product is exact in
 * float32 (see EXACT_ROWS), so S and s are exact and
 *   m = s / 255n,   C = S / 255²n − m mᵀ
 * is correct to Float64 rounding, whatever the backend's summation order
 * (on float32 backends: wasm, cpu, WebGL with float32 textures). Pixels that
 * are 0 throughout a block are left out of its product, which halves the
 * work on MNIST. `pause` is awaited after every `chunk` images, in whole
 * blocks (default: every block, about 10 ms of work); null if it resolves false.
 */
export async function splitCovariance(
  split: MnistSplit,
  options: { chunk?: number; pause?: Pause } = {},
): Promise<{ mean: Float64Array; covariance: Float64Array } | null> {
  const n = split.count;
  if (n < 1) throw new RangeError('PCA needs at least one image');
  const chunk = Math.max(1, Math.floor(options.chunk ?? EXACT_ROWS));
  const pause = options.pause ?? goOn;
  const sum = new Float64Array(PIXELS);
  const products = new Float64Array(PIXELS * PIXELS);
  const block = new Float32Array(Math.min(EXACT_ROWS, n) * PIXELS);
  const active = new Int32Array(PIXELS);
  let nextPause = chunk;
  for (let start = 0; start < n; start += EXACT_ROWS) {
    const rows = Math.min(EXACT_ROWS, n - start);
    const pixels = split.images.subarray(start * PIXELS, (start + rows) * PIXELS);
    // Pixels that are 0 in every image of the block (most of MNIST's border)
    // add nothing: the product is taken over the others only, about half the work.
    let width = 0;
    for (let p = 0; p < PIXELS; p++) {
      let total = 0;
      for (let i = p; i < pixels.length; i += PIXELS) total += pixels[i];
      sum[p] += total;
      if (total > 0) active[width++] = p;
    }
    if (width > 0) {
      for (let i = 0; i < rows; i++) {
        for (let c = 0; c < width; c++) block[i * width + c] = pixels[i * PIXELS + active[c]];
      }
      const gram = tf.tidy(() => {
        const x = tf.tensor2d(block.subarray(0, rows * width), [rows, width]);
        return tf.matMul(x, x, true, false);
      });
      const part = await gram.data();
      gram.dispose();
      // Symmetric: only the upper triangle is summed (active is ascending), and mirrored at the end.
      for (let a = 0; a < width; a++) {
        const row = active[a] * PIXELS;
        for (let b = a; b < width; b++) products[row + active[b]] += part[a * width + b];
      }
    }
    if (start + rows >= nextPause || start + rows === n) {
      nextPause = start + rows + chunk;
      if (!(await pause())) return null;
    }
  }

  const mean = sum.map((v) => v / (255 * n));
  const scale = 1 / (255 * 255 * n);
  for (let a = 0; a < PIXELS; a++) {
    for (let b = a; b < PIXELS; b++) {
      const c = products[a * PIXELS + b] * scale - mean[a] * mean[b];
      products[a * PIXELS + b] = c;
      products[b * PIXELS + a] = c;
    }
  }
  return { mean, covariance: products };
}

/**
 * The top `count` eigenpairs of a covariance (dim × dim) by subspace
 * iteration, its products taken with one float32 tf.matMul each.
 */
async function topComponents(
  covariance: Float64Array,
  dim: number,
  count: number,
  options: { seed?: number; pause?: Pause },
): Promise<{ values: Float64Array; vectors: Float64Array } | null> {
  const c = tf.tensor2d(Float32Array.from(covariance), [dim, dim]);
  try {
    return await topEigenpairs(covariance, dim, count, {
      iterations: PCA_ITERATIONS,
      oversampling: PCA_OVERSAMPLING,
      ...options,
      multiply: async (q, rows) => {
        const product = tf.tidy(() => tf.matMul(tf.tensor2d(Float32Array.from(q), [rows, dim]), c));
        try {
          return await product.data();
        } finally {
          product.dispose();
        }
      },
    });
  } finally {
    c.dispose();
  }
}

/**
 * Fits PCA to every image of a split (the 60,000 training images on the
 * page): the covariance by splitCovariance, then its top `maxComponents`
 * (1–784; the page asks for up to 128) eigenvectors by topEigenpairs.
 * Variances are per image, normalised by n (not n − 1), so that the
 * training-set squared error per pixel at k components is exactly
 * (totalVariance − Σ_{j≤k} variances_j) / 784.
 *
 * `pause` is awaited after every chunk and every iteration so that a worker
 * stays responsive; if it resolves false, the fit stops and returns null.
 * `seed` fixes the random start of the subspace iteration.
 */
export async function fitPca(
  split: MnistSplit,
  maxComponents: number,
  options: { chunk?: number; seed?: number; pause?: Pause } = {},
): Promise<PcaBasis | null> {
  if (!Number.isInteger(maxComponents) || maxComponents < 1 || maxComponents > PIXELS) {
    throw new RangeError(`PCA takes 1 to ${PIXELS} components, not ${maxComponents}`);
  }
  const moments = await splitCovariance(split, options);
  if (!moments) return null;
  const eigen = await topComponents(moments.covariance, PIXELS, maxComponents, options);
  if (!eigen) return null;
  let totalVariance = 0;
  for (let p = 0; p < PIXELS; p++) totalVariance += moments.covariance[p * PIXELS + p];
  return {
    mean: Float32Array.from(moments.mean),
    components: Float32Array.from(eigen.vectors),
    // Round-off can leave a null direction's variance a hair below zero.
    variances: eigen.values.map((v) => Math.max(0, v)),
    totalVariance,
    trainCount: split.count,
  };
}

function checkK(basis: PcaBasis, k: number): void {
  const most = basis.variances.length;
  if (!Number.isInteger(k) || k < 0 || k > most) throw new RangeError(`this PCA has 0 to ${most} components, not ${k}`);
}

/** z = W_k (x − m) for a batch × 784 tensor: batch × k (W_k: the first k components, as rows). */
function codesOf(basis: PcaBasis, k: number, x: tf.Tensor2D): tf.Tensor2D {
  const w = tf.tensor2d(basis.components.subarray(0, k * PIXELS), [k, PIXELS]);
  return tf.matMul(tf.sub(x, tf.tensor1d(basis.mean)), w, false, true);
}

/** x̂ = m + W_kᵀ W_k (x − m) for a batch × 784 tensor (the mean image when k = 0). */
function reconstructionOf(basis: PcaBasis, k: number, x: tf.Tensor2D): tf.Tensor2D {
  const mean = tf.tensor1d(basis.mean);
  if (k === 0) return tf.add(tf.zerosLike(x), mean);
  const w = tf.tensor2d(basis.components.subarray(0, k * PIXELS), [k, PIXELS]);
  return tf.add(tf.matMul(tf.matMul(tf.sub(x, mean), w, false, true), w), mean);
}

/**
 * The k-dimensional PCA codes of `count` images (count × 784 floats in
 * [0, 1], row-major): z_j = w_j · (x − m), count × k row-major, k = 0 … K.
 * Like the autoencoder's code, but linear and with uncorrelated entries of
 * decreasing variance. Reads back synchronously: meant for the images on
 * screen, not a whole split.
 */
export function pcaProject(basis: PcaBasis, k: number, images: Float32Array, count: number): Float32Array {
  checkK(basis, k);
  if (k === 0 || count === 0) return new Float32Array(count * k);
  const codes = tf.tidy(() => codesOf(basis, k, tf.tensor2d(images.subarray(0, count * PIXELS), [count, PIXELS])));
  const out = codes.dataSync() as Float32Array;
  codes.dispose();
  return out;
}

/**
 * Reconstructions of `count` images from their first k principal
 * components, x̂ = m + Σ_{j≤k} z_j w_j (count × 784). Not clipped: a linear
 * reconstruction can leave [0, 1] (a little below 0 around strokes, above 1
 * inside them); clip before drawing. k = 0 gives the mean image. Reads
 * back synchronously, like pcaProject.
 */
export function pcaReconstruct(basis: PcaBasis, k: number, images: Float32Array, count: number): Float32Array {
  checkK(basis, k);
  if (count === 0) return new Float32Array(0);
  const outputs = tf.tidy(() => reconstructionOf(basis, k, tf.tensor2d(images.subarray(0, count * PIXELS), [count, PIXELS])));
  const out = outputs.dataSync() as Float32Array;
  outputs.dispose();
  return out;
}

/**
 * Test errors of the k-component reconstruction, per pixel, averaged over
 * every image of a split, the same two measures the autoencoders report:
 *  - mse: (1/784) ‖x − x̂‖², on the raw linear reconstruction (the quantity
 *    PCA minimises);
 *  - bce: −[x log x̂ + (1 − x) log(1 − x̂)] in nats, with x̂ clipped to
 *    [1e-7, 1 − 1e-7] first (BCE_EPSILON, as in bcePerExample): a linear
 *    reconstruction leaves [0, 1], where the logarithms are undefined. The
 *    clip is the least change that makes BCE defined; it charges up to
 *    −log 1e-7 ≈ 16 nats for a pixel whose reconstruction lands on the
 *    wrong side of 0 or 1.
 * In chunks of images with tf ops; `pause` is awaited after each chunk and
 * may abort (the result is then null).
 */
export async function pcaTestErrors(
  basis: PcaBasis,
  k: number,
  split: MnistSplit,
  options: { chunk?: number; pause?: Pause } = {},
): Promise<{ mse: number; bce: number } | null> {
  checkK(basis, k);
  const chunk = Math.max(1, Math.floor(options.chunk ?? 1000));
  const pause = options.pause ?? goOn;
  const buffer = new Float32Array(Math.min(chunk, split.count) * PIXELS);
  let squared = 0;
  let crossEntropy = 0;
  for (let start = 0; start < split.count; start += chunk) {
    const rows = Math.min(chunk, split.count - start);
    const sums = tf.tidy(() => {
      const x = tf.tensor2d(scaledImages(split, start, rows, buffer), [rows, PIXELS]);
      const outputs = reconstructionOf(basis, k, x);
      return tf.stack([tf.sum(squaredErrorPerExample(x, outputs)), tf.sum(bcePerExample(x, outputs))]);
    });
    const [se, ce] = await sums.data();
    sums.dispose();
    squared += se;
    crossEntropy += ce;
    if (!(await pause())) return null;
  }
  const pixels = split.count * PIXELS;
  return { mse: squared / pixels, bce: crossEntropy / pixels };
}

/**
 * Share of the training variance the first k components capture,
 * Σ_{j≤k} λ_j / tr C (between 0 and 1); the training MSE per pixel is
 * (1 − this) · totalVariance / 784.
 */
export function explainedVariance(basis: PcaBasis, k: number): number {
  checkK(basis, k);
  if (basis.totalVariance <= 0) return k > 0 ? 1 : 0;
  let captured = 0;
  for (let j = 0; j < k; j++) captured += basis.variances[j];
  return Math.min(1, captured / basis.totalVariance);
}
