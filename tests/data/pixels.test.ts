import { describe, expect, it } from 'vitest';
import { gatherImages, PIXELS } from '../../src/data/mnist';
import { toBytes } from '../../src/data/pixels';
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
