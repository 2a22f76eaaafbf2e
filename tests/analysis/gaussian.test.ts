import { describe, expect, it } from 'vitest';
import { choleskyFactor, fitGaussian, sampleGaussian, standardNormal } from '../../src/analysis/gaussian';
import { createRng } from '../../src/shared/rng';

/** L·Lᵀ for a dim × dim lower-triangular L. */
function lTimesLt(l: Float64Array, dim: number): Float64Array {
  const out = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++)
    for (let j = 0; j < dim; j++) for (let t = 0; t < dim; t++) out[i * dim + j] += l[i * dim + t] * l[j * dim + t];
  return out;
}

describe('standardNormal', () => {
  it('has mean 0, variance 1 and no correlation between neighbours, and repeats for a seed', () => {
    const n = 200_001; // odd: the last value comes from half a pair
    const z = standardNormal(n, createRng(1));
    let mean = 0;
    for (const v of z) mean += v;
    mean /= n;
    let variance = 0;
    let lag = 0;
    let tail = 0;
    for (let i = 0; i < n; i++) {
      variance += (z[i] - mean) ** 2;
      if (i > 0) lag += (z[i] - mean) * (z[i - 1] - mean);
      if (Math.abs(z[i]) > 1.96) tail++;
    }
    variance /= n - 1;
    expect(Math.abs(mean)).toBeLessThan(0.01); // 4.5 standard errors
    expect(Math.abs(variance - 1)).toBeLessThan(0.015);
    expect(Math.abs(lag / n)).toBeLessThan(0.01);
    expect(tail / n).toBeCloseTo(0.05, 2);
    expect(Array.from(standardNormal(5, createRng(1)))).toEqual(Array.from(z.subarray(0, 5)));
    expect(z.every(Number.isFinite)).toBe(true);
  });
});

describe('fitGaussian and sampleGaussian', () => {
  const dim = 3;
  const mean = [1, -2, 0.5];
  // Σ = A·Aᵀ for a known A: correlated, full covariance.
  const a = Float64Array.of(1, 0, 0, 0.8, 0.6, 0, -0.5, 0.3, 0.4);
  const sigma = lTimesLt(a, dim);

  it('recovers the mean and covariance of samples from a known Gaussian', () => {
    const truth = { dim, mean: Float64Array.from(mean), covariance: sigma, cholesky: a, jitter: 0 };
    const n = 50_000;
    const samples = sampleGaussian(truth, n, createRng(2));
    const fit = fitGaussian(samples, n, dim);
    for (let j = 0; j < dim; j++) expect(fit.mean[j]).toBeCloseTo(mean[j], 1.5);
    for (let i = 0; i < dim * dim; i++) expect(Math.abs(fit.covariance[i] - sigma[i])).toBeLessThan(0.03);
    expect(fit.jitter).toBe(0);
    // The factor reproduces the fitted covariance and is lower-triangular.
    const back = lTimesLt(fit.cholesky, dim);
    for (let i = 0; i < dim * dim; i++) expect(back[i]).toBeCloseTo(fit.covariance[i], 10);
    expect(fit.cholesky[0 * dim + 1]).toBe(0);
    expect(fit.cholesky[1 * dim + 2]).toBe(0);
    // Samples of the fit look like the data again.
    const again = fitGaussian(sampleGaussian(fit, n, createRng(3)), n, dim);
    for (let i = 0; i < dim * dim; i++) expect(Math.abs(again.covariance[i] - sigma[i])).toBeLessThan(0.05);
  });

  it('adds a small jitter when the covariance is singular (a dead unit, a copied unit)', () => {
    const rng = createRng(4);
    const n = 500;
    const codes = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const v = rng();
      codes[i * 3] = v;
      codes[i * 3 + 1] = v; // a copy of unit 0
      codes[i * 3 + 2] = 0.25; // dead
    }
    expect(choleskyFactor(fitGaussian(codes, n, 3).covariance, 3)).toBeNull();
    const fit = fitGaussian(codes, n, 3);
    expect(fit.jitter).toBeGreaterThan(0);
    expect(fit.jitter).toBeLessThan(1e-3 * fit.covariance[0]);
    const samples = sampleGaussian(fit, 1000, createRng(5));
    expect(samples.every(Number.isFinite)).toBe(true);
    for (let s = 0; s < 1000; s++) {
      expect(samples[s * 3 + 2]).toBeCloseTo(0.25, 2);
      expect(samples[s * 3 + 1]).toBeCloseTo(samples[s * 3], 2);
    }
  });
});
