import { describe, expect, it } from 'vitest';
import { packMnist, type IdxArray } from '../../scripts/mnist-idx.mjs';
import { examplesPerDigit, gatherImages, MnistFormatError, parseMnistAsset, PIXELS, type MnistSplit } from '../../src/data/mnist';
import { smallMnist } from '../helpers/mnist';

/** A valid asset with `train` and `test` images whose pixels encode their index. */
function asset(trainLabels: number[], testLabels: number[]): Uint8Array {
  const images = (count: number, salt: number): IdxArray => {
    const data = new Uint8Array(count * PIXELS);
    for (let i = 0; i < count; i++) data.fill((salt + 17 * i) % 256, i * PIXELS, (i + 1) * PIXELS);
    return { shape: [count, 28, 28], data };
  };
  return packMnist({
    trainImages: images(trainLabels.length, 1),
    trainLabels: { shape: [trainLabels.length], data: Uint8Array.from(trainLabels) },
    testImages: images(testLabels.length, 100),
    testLabels: { shape: [testLabels.length], data: Uint8Array.from(testLabels) },
  });
}

const withHeader = (bytes: Uint8Array, index: number, value: number) => {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(4 * index, value, true);
  return copy;
};

function formatError(bytes: Uint8Array): MnistFormatError {
  try {
    parseMnistAsset(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(MnistFormatError);
    return err as MnistFormatError;
  }
  throw new Error('parseMnistAsset accepted a bad file');
}

describe('parseMnistAsset', () => {
  const good = asset([1, 2, 3], [4, 5]);

  it('slices labels and images of each split', () => {
    const mnist = parseMnistAsset(good);
    expect(mnist.train.count).toBe(3);
    expect(mnist.test.count).toBe(2);
    expect(Array.from(mnist.train.labels)).toEqual([1, 2, 3]);
    expect(Array.from(mnist.test.labels)).toEqual([4, 5]);
    expect(mnist.train.images.length).toBe(3 * PIXELS);
    expect(mnist.test.images.length).toBe(2 * PIXELS);
    expect(mnist.train.images[0]).toBe(1);
    expect(mnist.train.images[2 * PIXELS + 5]).toBe(35);
    expect(mnist.test.images[PIXELS]).toBe(117);
  });

  it('reads a view that does not start at the beginning of its buffer', () => {
    const outer = new Uint8Array(good.byteLength + 13);
    outer.set(good, 13);
    const mnist = parseMnistAsset(outer.subarray(13));
    expect(Array.from(mnist.train.labels)).toEqual([1, 2, 3]);
    expect(Array.from(mnist.test.labels)).toEqual([4, 5]);
    expect(mnist.test.images[PIXELS]).toBe(117);
    expect(mnist.train.images[2 * PIXELS]).toBe(35);
  });

  it('rejects a truncated file', () => {
    const err = formatError(good.subarray(0, good.byteLength - 1));
    expect(err.message).toMatch(/truncated or corrupt/);
    expect(err.message).toContain(String(good.byteLength - 1));
  });

  it('rejects extra bytes', () => {
    const longer = new Uint8Array(good.byteLength + 1);
    longer.set(good);
    expect(formatError(longer).message).toMatch(/its header says/);
  });

  it('rejects a file shorter than the header', () => {
    expect(formatError(good.subarray(0, 10)).message).toMatch(/only 10 bytes/);
    expect(formatError(new Uint8Array(0)).message).toMatch(/only 0 bytes/);
  });

  it('rejects a wrong magic number', () => {
    expect(formatError(withHeader(good, 0, 0x12345678)).message).toMatch(/not a playground MNIST file/);
    // The gzip magic, i.e. a file that was not decompressed.
    const gz = good.slice();
    gz[0] = 0x1f;
    gz[1] = 0x8b;
    expect(formatError(gz).message).toMatch(/magic/);
  });

  it('rejects another format version', () => {
    expect(formatError(withHeader(good, 1, 1)).message).toMatch(/format 1 is not supported/);
    expect(formatError(withHeader(good, 1, 3)).message).toMatch(/format 3 is not supported/);
  });

  it('rejects pixel data whose mask and values disagree', () => {
    // The test split's first mask byte is at 32 + 3 + 2; its first image is all 100s.
    const maskAt = 32 + 3 + 2;
    const fewer = good.slice();
    fewer[maskAt] = 0b11111110; // one set bit less: a value is left over
    expect(formatError(fewer).message).toMatch(/test images are corrupt/);
    // More pixels marked than values: a test image with zeros, and one zero pixel's bit set.
    const sparse = packMnist({
      trainImages: { shape: [1, 28, 28], data: new Uint8Array(PIXELS).fill(9) },
      trainLabels: { shape: [1], data: Uint8Array.from([1]) },
      testImages: { shape: [1, 28, 28], data: new Uint8Array(PIXELS).fill(7, 0, 400) },
      testLabels: { shape: [1], data: Uint8Array.from([2]) },
    });
    expect(parseMnistAsset(sparse).test.images[399]).toBe(7);
    const sparseMaskAt = 32 + 1 + 1;
    expect(sparse[sparseMaskAt + 60]).toBe(0); // pixels 480–487 are 0
    const more = sparse.slice();
    more[sparseMaskAt + 60] = 1;
    expect(formatError(more).message).toMatch(/test images are corrupt/);
    const zeroValue = good.slice();
    zeroValue[maskAt + 2 * (PIXELS / 8)] = 0; // a "non-zero" value that is 0
    expect(formatError(zeroValue).message).toMatch(/test images are corrupt/);
    // A header that claims more non-zero pixels than pixels.
    expect(formatError(withHeader(good, 7, 3 * PIXELS + 1)).message).toMatch(/header is corrupt/);
  });

  it('rejects images that are not 28×28', () => {
    expect(formatError(withHeader(good, 4, 27)).message).toMatch(/27×28/);
    expect(formatError(withHeader(good, 5, 32)).message).toMatch(/28×32/);
  });

  it('rejects an empty split', () => {
    expect(formatError(asset([], [1])).message).toMatch(/no images/);
    expect(formatError(asset([1], [])).message).toMatch(/no images/);
  });

  it('rejects a label that is not a digit, in either split', () => {
    expect(formatError(asset([1, 10, 3], [4, 5])).message).toMatch(/label 10 is not a digit/);
    expect(formatError(asset([1, 2, 3], [4, 255])).message).toMatch(/label 255/);
    // 9 is fine.
    expect(() => parseMnistAsset(asset([9], [0]))).not.toThrow();
  });
});

describe('gatherImages', () => {
  const split: MnistSplit = {
    images: (() => {
      const a = new Uint8Array(3 * PIXELS);
      a.fill(0, 0, PIXELS);
      a.fill(255, PIXELS, 2 * PIXELS);
      a.fill(51, 2 * PIXELS, 3 * PIXELS);
      a[2 * PIXELS + 783] = 102;
      return a;
    })(),
    labels: Uint8Array.from([0, 1, 2]),
    count: 3,
  };

  it('scales uint8 pixels to [0, 1] in the order of the indices', () => {
    const out = gatherImages(split, [2, 1, 0, 2]);
    expect(out).toBeInstanceOf(Float32Array);
    expect(out.length).toBe(4 * PIXELS);
    expect(out[0]).toBeCloseTo(0.2, 6);
    expect(out[783]).toBeCloseTo(0.4, 6);
    expect(out[PIXELS]).toBe(1);
    expect(out[2 * PIXELS - 1]).toBe(1);
    expect(out[2 * PIXELS]).toBe(0);
    expect(out[3 * PIXELS]).toBeCloseTo(0.2, 6);
  });

  it('fills a reused buffer (and leaves the rest of it alone)', () => {
    const buffer = new Float32Array(3 * PIXELS).fill(-1);
    const out = gatherImages(split, Uint32Array.from([1, 0]), buffer);
    expect(out).toBe(buffer);
    expect(buffer[0]).toBe(1);
    expect(buffer[PIXELS]).toBe(0);
    expect(buffer[2 * PIXELS]).toBe(-1);
  });

  it('keeps real digits within [0, 1] with both ends used', () => {
    const { train } = smallMnist(50, 10);
    const out = gatherImages(
      train,
      Array.from({ length: 50 }, (_, i) => i),
    );
    let min = Infinity;
    let max = -Infinity;
    for (const v of out) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    expect(out[PIXELS * 7 + 300]).toBeCloseTo(train.images[PIXELS * 7 + 300] / 255, 6);
  });
});

describe('examplesPerDigit', () => {
  it('takes the first examples of each digit, ordered by digit', () => {
    const labels = Uint8Array.from([3, 1, 0, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 4, 5, 6, 7, 8, 9, 2, 3]);
    const split: MnistSplit = { images: new Uint8Array(labels.length * PIXELS), labels, count: labels.length };
    const one = examplesPerDigit(split, 1);
    expect(one).toEqual([2, 1, 4, 0, 12, 11, 10, 9, 8, 7]);
    const two = examplesPerDigit(split, 2);
    expect(two).toEqual([2, 6, 1, 5, 4, 19, 0, 3, 12, 13, 11, 14, 10, 15, 9, 16, 8, 17, 7, 18]);
  });

  it('gives two of each digit from the real test set', () => {
    const { test } = smallMnist(10, 200);
    const indices = examplesPerDigit(test, 2);
    expect(indices).toHaveLength(20);
    expect(indices.map((i) => test.labels[i])).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
    // The first test digits are 7, 2, 1, 0, 4: the first 0 is index 3, the first 7 is index 0.
    expect(indices[0]).toBe(3);
    expect(indices[14]).toBe(0);
  });
});
