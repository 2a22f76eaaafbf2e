/**
 * MNIST in memory, and the parser of the playground's packed asset (see
 * scripts/mnist-idx.mjs for the layout). Pixels stay uint8; they become
 * floats in [0, 1] one batch at a time (70,000 float32 images would cost
 * 220 MB).
 */

export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;
const MAGIC = 0x54534e4d;
const VERSION = 1;
const HEADER_BYTES = 24;

export interface MnistSplit {
  /** count × 784 uint8 pixels, row-major. */
  images: Uint8Array;
  /** count labels, 0–9. */
  labels: Uint8Array;
  count: number;
}

export interface Mnist {
  train: MnistSplit;
  test: MnistSplit;
}

/** Thrown when the asset is not what the playground expects. */
export class MnistFormatError extends Error {
  override name = 'MnistFormatError';
}

/**
 * Validates and slices the uncompressed asset. Views share the input buffer.
 * @throws MnistFormatError on a wrong magic, version, size or label.
 */
export function parseMnistAsset(bytes: Uint8Array): Mnist {
  if (bytes.byteLength < HEADER_BYTES) {
    throw new MnistFormatError(`the MNIST file is only ${bytes.byteLength} bytes long`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [magic, version, trainCount, testCount, rows, cols] = [0, 1, 2, 3, 4, 5].map((i) =>
    view.getUint32(4 * i, true),
  );
  if (magic !== MAGIC) throw new MnistFormatError('this is not a playground MNIST file (wrong magic number)');
  if (version !== VERSION) throw new MnistFormatError(`MNIST file format ${version} is not supported`);
  if (rows !== IMAGE_SIZE || cols !== IMAGE_SIZE) {
    throw new MnistFormatError(`MNIST images are ${rows}×${cols}, expected 28×28`);
  }
  if (trainCount === 0 || testCount === 0) throw new MnistFormatError('the MNIST file has no images');
  const expected = HEADER_BYTES + (trainCount + testCount) * (1 + PIXELS);
  if (bytes.byteLength !== expected) {
    throw new MnistFormatError(
      `the MNIST file is ${bytes.byteLength} bytes, its header says ${expected}: it is truncated or corrupt`,
    );
  }
  let at = bytes.byteOffset + HEADER_BYTES;
  const take = (n: number) => {
    const part = new Uint8Array(bytes.buffer, at, n);
    at += n;
    return part;
  };
  const trainLabels = take(trainCount);
  const testLabels = take(testCount);
  const testImages = take(testCount * PIXELS);
  const trainImages = take(trainCount * PIXELS);
  for (const labels of [trainLabels, testLabels]) {
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] > 9) throw new MnistFormatError(`MNIST label ${labels[i]} is not a digit`);
    }
  }
  return {
    train: { images: trainImages, labels: trainLabels, count: trainCount },
    test: { images: testImages, labels: testLabels, count: testCount },
  };
}

/**
 * Gathers images by index and scales them to [0, 1]: a batch × 784 float
 * array ready for a tensor. `out` may be reused between batches.
 */
export function gatherImages(
  split: MnistSplit,
  indices: ArrayLike<number>,
  out: Float32Array = new Float32Array(indices.length * PIXELS),
): Float32Array {
  const scale = 1 / 255;
  for (let b = 0; b < indices.length; b++) {
    const src = indices[b] * PIXELS;
    const dst = b * PIXELS;
    for (let p = 0; p < PIXELS; p++) out[dst + p] = split.images[src + p] * scale;
  }
  return out;
}

/** The first `perDigit` test examples of each digit 0–9, ordered by digit. */
export function examplesPerDigit(split: MnistSplit, perDigit: number): number[] {
  const buckets: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < split.count && buckets.some((b) => b.length < perDigit); i++) {
    const bucket = buckets[split.labels[i]];
    if (bucket.length < perDigit) bucket.push(i);
  }
  return buckets.flat();
}
