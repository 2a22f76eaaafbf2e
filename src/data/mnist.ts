/**
 * MNIST in memory, and the parser of the playground's packed asset (see
 * scripts/mnist-idx.mjs for the layout). Pixels stay uint8; they become
 * floats in [0, 1] one batch at a time (70,000 float32 images would cost
 * 220 MB).
 */

export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;
const MAGIC = 0x54534e4d;
const VERSION = 2;
const HEADER_BYTES = 32;
const MASK_BYTES = Math.ceil(PIXELS / 8);

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
 * Rebuilds count × 784 pixels from the mask of non-zero pixels and their
 * values (see splitNonzero in scripts/mnist-idx.mjs).
 * @throws MnistFormatError if mask and values do not agree
 */
function expandNonzero(mask: Uint8Array, values: Uint8Array, count: number, split: string): Uint8Array {
  const pixels = new Uint8Array(count * PIXELS);
  let v = 0;
  let bad = false;
  // Masks are whole bytes per image (784 = 98 × 8), so mask byte m covers pixels 8m … 8m + 7 of the split.
  scan: for (let m = 0; m < mask.length; m++) {
    let bits = mask[m];
    const base = m * 8;
    while (bits !== 0) {
      if (v === values.length) {
        bad = true; // more pixels marked than values
        break scan;
      }
      const bit = 31 - Math.clz32(bits & -bits);
      bits &= bits - 1;
      const value = values[v++];
      bad ||= value === 0;
      pixels[base + bit] = value;
    }
  }
  if (bad || v !== values.length) {
    throw new MnistFormatError(`the ${split} images are corrupt (their mask and pixel values disagree)`);
  }
  return pixels;
}

/**
 * Validates and decodes the uncompressed asset. Labels are views of the
 * input buffer; images are new arrays.
 * @throws MnistFormatError on a wrong magic, version, size or label, or
 * inconsistent pixel data.
 */
export function parseMnistAsset(bytes: Uint8Array): Mnist {
  if (bytes.byteLength < HEADER_BYTES) {
    throw new MnistFormatError(`the MNIST file is only ${bytes.byteLength} bytes long`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [magic, version, trainCount, testCount, rows, cols, testNonzero, trainNonzero] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
    view.getUint32(4 * i, true),
  );
  if (magic !== MAGIC) throw new MnistFormatError('this is not a playground MNIST file (wrong magic number)');
  if (version !== VERSION) throw new MnistFormatError(`MNIST file format ${version} is not supported`);
  if (rows !== IMAGE_SIZE || cols !== IMAGE_SIZE) {
    throw new MnistFormatError(`MNIST images are ${rows}×${cols}, expected 28×28`);
  }
  if (trainCount === 0 || testCount === 0) throw new MnistFormatError('the MNIST file has no images');
  if (testNonzero > testCount * PIXELS || trainNonzero > trainCount * PIXELS) {
    throw new MnistFormatError('the MNIST file header is corrupt (more non-zero pixels than pixels)');
  }
  const expected = HEADER_BYTES + (trainCount + testCount) * (1 + MASK_BYTES) + testNonzero + trainNonzero;
  if (bytes.byteLength !== expected) {
    throw new MnistFormatError(`the MNIST file is ${bytes.byteLength} bytes, its header says ${expected}: it is truncated or corrupt`);
  }
  let at = bytes.byteOffset + HEADER_BYTES;
  const take = (n: number) => {
    const part = new Uint8Array(bytes.buffer, at, n);
    at += n;
    return part;
  };
  const trainLabels = take(trainCount);
  const testLabels = take(testCount);
  for (const labels of [trainLabels, testLabels]) {
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] > 9) throw new MnistFormatError(`MNIST label ${labels[i]} is not a digit`);
    }
  }
  const testImages = expandNonzero(take(testCount * MASK_BYTES), take(testNonzero), testCount, 'test');
  const trainImages = expandNonzero(take(trainCount * MASK_BYTES), take(trainNonzero), trainCount, 'training');
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
