/**
 * Test-time corruption of images in [0, 1], and the errors that compare a
 * reconstruction with the clean image. Randomness comes only from the Rng
 * passed in, so the same seed corrupts the same pixels in the same way.
 */
import type { Rng } from '../shared/rng';

/** The kinds of noise a trained model can be tested against. */
export type TestNoise = 'gaussian' | 'salt-pepper' | 'mask';

/** Every kind of test noise, in the order the page lists them. */
export const TEST_NOISES: readonly TestNoise[] = ['gaussian', 'salt-pepper', 'mask'];

/** A name and a one-line description of each kind of noise, for the page. */
export const NOISE_LABELS: Record<TestNoise, { name: string; description: string }> = {
  gaussian: {
    name: 'Gaussian',
    description: 'adds a random amount to every pixel, with the level as its standard deviation',
  },
  'salt-pepper': {
    name: 'Salt and pepper',
    description: 'sets each pixel, with the level as its chance, to full ink or to blank (half each)',
  },
  mask: {
    name: 'Masking',
    description: 'blanks each pixel with the level as its chance, erasing bits of the strokes',
  },
};

/**
 * One draw from the standard normal N(0, 1) by the Box–Muller transform:
 * for independent u₁, u₂ uniform on (0, 1], z = √(−2 ln u₁) · cos(2π u₂).
 * (The sine gives a second, independent draw; corrupt uses both.)
 */
function boxMuller(rng: Rng): [number, number] {
  const u1 = 1 - rng(); // in (0, 1], so the logarithm is finite
  const u2 = rng();
  const r = Math.sqrt(-2 * Math.log(u1));
  const angle = 2 * Math.PI * u2;
  return [r * Math.cos(angle), r * Math.sin(angle)];
}

/**
 * A corrupted copy of `images` (any number of images in [0, 1], one after
 * another); the input is left alone.
 *
 * - gaussian: x̃ = clip(x + ε, 0, 1) with ε ~ N(0, level²) per pixel, by
 *   Box–Muller from `rng`. Clipping keeps images valid, so the noise added
 *   near 0 and 1 is biased and smaller than `level`.
 * - salt-pepper: each pixel, independently with probability `level`, is set
 *   to 0 or 1 (each with probability ½); the others are kept.
 * - mask: each pixel, independently with probability `level`, is set to 0,
 *   the masking noise of Vincent et al. (2010), "Stacked Denoising
 *   Autoencoders".
 *
 * `level` must be ≥ 0, and at most 1 for the two kinds where it is a
 * probability.
 * @throws RangeError for a level out of range
 */
export function corrupt(images: Float32Array, kind: TestNoise, level: number, rng: Rng): Float32Array {
  if (!(level >= 0) || (kind !== 'gaussian' && level > 1) || !Number.isFinite(level)) {
    throw new RangeError(`${kind} noise needs a level ${kind === 'gaussian' ? '≥ 0' : 'in [0, 1]'}, got ${level}`);
  }
  const out = new Float32Array(images);
  const n = out.length;
  switch (kind) {
    case 'gaussian':
      for (let i = 0; i < n; i += 2) {
        const [z0, z1] = boxMuller(rng);
        out[i] = Math.min(1, Math.max(0, out[i] + level * z0));
        if (i + 1 < n) out[i + 1] = Math.min(1, Math.max(0, out[i + 1] + level * z1));
      }
      break;
    case 'salt-pepper':
      for (let i = 0; i < n; i++) {
        if (rng() < level) out[i] = rng() < 0.5 ? 0 : 1;
      }
      break;
    case 'mask':
      for (let i = 0; i < n; i++) {
        if (rng() < level) out[i] = 0;
      }
      break;
  }
  return out;
}

function checkSameLength(a: Float32Array, b: Float32Array): void {
  if (a.length !== b.length) throw new RangeError(`the images differ in size: ${a.length} and ${b.length} values`);
}

/**
 * Mean squared error per value, (1/n) Σ (aᵢ − bᵢ)², accumulated in double
 * precision. NaN for empty arrays.
 * @throws RangeError if the lengths differ
 */
export function meanSquaredError(a: Float32Array, b: Float32Array): number {
  checkSameLength(a, b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    sum += d * d;
  }
  return a.length === 0 ? NaN : sum / a.length;
}

/**
 * Peak signal-to-noise ratio in decibels: 10 · log₁₀(peak² / mse). Infinity
 * for identical images (mse = 0); each halving of the error adds about 3 dB.
 */
export function psnr(mse: number, peak = 1): number {
  if (mse === 0) return Infinity;
  return 10 * Math.log10((peak * peak) / mse);
}

/**
 * The mean squared error of each of `count` image pairs: a and b hold
 * `count` images of equal size one after another; entry k compares image k
 * of a with image k of b.
 * @throws RangeError if the lengths differ or are not `count` equal images
 */
export function perImageMse(a: Float32Array, b: Float32Array, count: number): Float32Array {
  checkSameLength(a, b);
  if (!(count > 0) || !Number.isInteger(count) || a.length % count !== 0) {
    throw new RangeError(`${a.length} values are not ${count} images of equal size`);
  }
  const size = a.length / count;
  const out = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    let sum = 0;
    for (let i = k * size; i < (k + 1) * size; i++) {
      const d = a[i] - b[i];
      sum += d * d;
    }
    out[k] = size === 0 ? NaN : sum / size;
  }
  return out;
}
