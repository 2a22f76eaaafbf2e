import { describe, expect, it } from 'vitest';
import { gatherImages, PIXELS } from '../../src/data/mnist';
import { bceFloor, toBytes } from '../../src/data/pixels';
import { smallMnist } from '../helpers/mnist';

describe('toBytes', () => {
  it('clamps to [0, 1] and rounds to the nearest of 256 levels', () => {
    expect(Array.from(toBytes(Float32Array.from([-0.5, 0, 0.5, 1 / 255, 0.999, 1, 7])))).toEqual([0, 0, 128, 1, 255, 255, 255]);
    expect(toBytes(new Float32Array(0))).toEqual(new Uint8Array(0));
  });

  it('gives back the bytes of MNIST images scaled to [0, 1]', () => {
    const data = smallMnist(1, 10);
    const indices = Array.from({ length: 10 }, (_, i) => i);
    expect(toBytes(gatherImages(data.test, indices))).toEqual(data.test.images.subarray(0, 10 * PIXELS));
  });
});

describe('bceFloor', () => {
  it('is the mean binary entropy of the pixel values (0 for black and white)', () => {
    const images = new Uint8Array(2 * PIXELS);
    expect(bceFloor({ images, labels: new Uint8Array(2), count: 2 })).toBe(0);
    images.fill(255, 0, PIXELS);
    expect(bceFloor({ images, labels: new Uint8Array(2), count: 2 })).toBe(0);
    images.fill(128, PIXELS, PIXELS + 392);
    const x = 128 / 255;
    expect(bceFloor({ images, labels: new Uint8Array(2), count: 2 })).toBeCloseTo(
      (-(x * Math.log(x) + (1 - x) * Math.log(1 - x)) * 392) / (2 * PIXELS),
      12,
    );
  });
});
