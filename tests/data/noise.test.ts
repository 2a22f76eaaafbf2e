import { describe, expect, it } from 'vitest';
import { corrupt, meanSquaredError, NOISE_LABELS, perImageMse, psnr, TEST_NOISES, type TestNoise } from '../../src/data/noise';
import { createRng } from '../../src/shared/rng';

const N = 100_000;
const grey = (value: number, n = N) => new Float32Array(n).fill(value);

/** Images with every grey level in [0, 1], spread evenly. */
const ramp = (n = N) => Float32Array.from({ length: n }, (_, i) => (i % 256) / 255);

const count = (a: Float32Array, test: (v: number, i: number) => boolean) => a.reduce((c, v, i) => c + (test(v, i) ? 1 : 0), 0);

describe('corrupt', () => {
  it('salt and pepper replaces a share `level` of the pixels, half by 0 and half by 1', () => {
    const clean = grey(0.5);
    const noisy = corrupt(clean, 'salt-pepper', 0.3, createRng(1));
    const zeros = count(noisy, (v) => v === 0);
    const ones = count(noisy, (v) => v === 1);
    const kept = count(noisy, (v) => v === 0.5);
    expect(zeros + ones + kept).toBe(N);
    // Binomial(100,000, 0.3): the standard deviation of the share is 0.0014.
    expect((zeros + ones) / N).toBeCloseTo(0.3, 2);
    expect(zeros / (zeros + ones)).toBeGreaterThan(0.48);
    expect(zeros / (zeros + ones)).toBeLessThan(0.52);
  });

  it('masking sets a share `level` of the pixels to 0 and keeps the rest', () => {
    const clean = ramp();
    const noisy = corrupt(clean, 'mask', 0.25, createRng(2));
    const changed = count(noisy, (v, i) => v !== clean[i]);
    expect(count(noisy, (v, i) => v !== clean[i] && v !== 0)).toBe(0);
    // Pixels that were 0 already cannot change: 1/256 of the ramp.
    expect(changed / (N * (255 / 256))).toBeCloseTo(0.25, 2);
  });

  it('Gaussian noise on mid-grey has mean 0 and standard deviation `level`', () => {
    const level = 0.1; // 5 standard deviations from 0 and 1: clipping hardly happens
    const noisy = corrupt(grey(0.5), 'gaussian', level, createRng(3));
    let mean = 0;
    for (const v of noisy) mean += v - 0.5;
    mean /= N;
    let variance = 0;
    for (const v of noisy) variance += (v - 0.5 - mean) ** 2;
    const std = Math.sqrt(variance / (N - 1));
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(std).toBeGreaterThan(0.097);
    expect(std).toBeLessThan(0.103);
    // About 68 % of a normal distribution lies within one standard deviation.
    expect(count(noisy, (v) => Math.abs(v - 0.5) < level) / N).toBeCloseTo(0.683, 1);
  });

  it('is the same for the same seed and different for another', () => {
    for (const kind of TEST_NOISES) {
      const clean = ramp(5_000);
      const a = corrupt(clean, kind, 0.4, createRng(42));
      const b = corrupt(clean, kind, 0.4, createRng(42));
      const c = corrupt(clean, kind, 0.4, createRng(43));
      expect(a).toEqual(b);
      expect(a).not.toEqual(c);
    }
  });

  it('keeps values in [0, 1], returns a new array and leaves the input alone', () => {
    for (const kind of TEST_NOISES) {
      const clean = ramp(10_001); // odd: Gaussian noise comes in pairs
      const before = clean.slice();
      const noisy = corrupt(clean, kind, kind === 'gaussian' ? 2 : 0.9, createRng(5));
      expect(noisy).not.toBe(clean);
      expect(noisy).toHaveLength(clean.length);
      expect(clean).toEqual(before);
      expect(noisy.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(count(noisy, (v, i) => v !== clean[i])).toBeGreaterThan(clean.length / 2);
    }
  });

  it('changes nothing at level 0', () => {
    for (const kind of TEST_NOISES) {
      const clean = ramp(1_000);
      expect(corrupt(clean, kind, 0, createRng(6))).toEqual(clean);
    }
  });

  it('rejects levels out of range', () => {
    const clean = grey(0.5, 10);
    const rng = createRng(7);
    expect(() => corrupt(clean, 'gaussian', -0.1, rng)).toThrow(RangeError);
    expect(() => corrupt(clean, 'gaussian', Number.NaN, rng)).toThrow(RangeError);
    expect(() => corrupt(clean, 'mask', 1.5, rng)).toThrow(RangeError);
    expect(() => corrupt(clean, 'salt-pepper', -1, rng)).toThrow(RangeError);
    expect(() => corrupt(clean, 'gaussian', 1.5, rng)).not.toThrow();
  });
});

describe('errors', () => {
  it('meanSquaredError is the mean of the squared differences', () => {
    const a = new Float32Array([0, 0.5, 1, 1]);
    const b = new Float32Array([0, 0, 0, 1]);
    expect(meanSquaredError(a, b)).toBeCloseTo((0.25 + 1) / 4, 10);
    expect(meanSquaredError(a, a)).toBe(0);
    expect(() => meanSquaredError(a, new Float32Array(3))).toThrow(RangeError);
  });

  it('psnr is 10 log10(peak² / mse) and infinite for identical images', () => {
    expect(psnr(0)).toBe(Infinity);
    expect(psnr(1)).toBeCloseTo(0, 10);
    expect(psnr(0.01)).toBeCloseTo(20, 10);
    expect(psnr(0.001)).toBeCloseTo(30, 10);
    expect(psnr(255 * 255 * 0.01, 255)).toBeCloseTo(20, 10);
    // Halving the error adds 3 dB.
    expect(psnr(0.005) - psnr(0.01)).toBeCloseTo(3.0103, 3);
  });

  it('perImageMse gives one error per image', () => {
    const a = new Float32Array([0, 0, 1, 1, 0.5, 0.5]);
    const b = new Float32Array([0, 0, 0, 0, 0, 1]);
    expect(Array.from(perImageMse(a, b, 3))).toEqual([0, 1, 0.25]);
    expect(() => perImageMse(a, b, 4)).toThrow(RangeError);
    expect(() => perImageMse(a, new Float32Array(4), 2)).toThrow(RangeError);
  });

  it('the noise levels of a corruption show in its error', () => {
    // Masking ink-only images at level p leaves an MSE of p.
    const clean = grey(1);
    const mse = meanSquaredError(corrupt(clean, 'mask', 0.2, createRng(8)), clean);
    expect(mse).toBeCloseTo(0.2, 2);
    expect(psnr(mse)).toBeCloseTo(10 * Math.log10(5), 1);
  });
});

describe('NOISE_LABELS', () => {
  it('names and describes every kind of noise', () => {
    const kinds: TestNoise[] = ['gaussian', 'salt-pepper', 'mask'];
    expect([...TEST_NOISES].sort()).toEqual([...kinds].sort());
    for (const kind of kinds) {
      expect(NOISE_LABELS[kind].name.length).toBeGreaterThan(2);
      expect(NOISE_LABELS[kind].description.length).toBeGreaterThan(10);
    }
  });
});
