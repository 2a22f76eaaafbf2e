/**
 * A multivariate Gaussian fitted to codes, and samples drawn from it: the
 * simplest generative model of a code space. Decoding samples from it shows
 * what a plain autoencoder "imagines" between its training codes.
 */
import { covariance as sampleCovariance } from '../linalg/covariance';
import type { Rng } from '../shared/rng';

/** N(mean, Σ) with Σ = L·Lᵀ; `cholesky` is L, dim × dim row-major, lower-triangular. */
export interface GaussianFit {
  dim: number;
  mean: Float64Array;
  /** The sample covariance Σ (dim × dim, row-major), denominator n − 1. */
  covariance: Float64Array;
  cholesky: Float64Array;
  /** What was added to Σ's diagonal before it factorised (0 when it was positive definite as it was). */
  jitter: number;
}

/**
 * Cholesky factor L of a symmetric matrix A (A = L·Lᵀ, L lower-triangular)
 * by the Cholesky–Banachiewicz recurrence:
 *   L_jj = √(A_jj − Σ_{t<j} L_jt²),  L_ij = (A_ij − Σ_{t<j} L_it·L_jt) / L_jj.
 * Returns null if a pivot is not positive (A not positive definite).
 */
export function choleskyFactor(a: Float64Array, dim: number, jitter = 0): Float64Array | null {
  const l = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * dim + j] + (i === j ? jitter : 0);
      for (let t = 0; t < j; t++) s -= l[i * dim + t] * l[j * dim + t];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * dim + i] = Math.sqrt(s);
      } else {
        l[i * dim + j] = s / l[j * dim + j];
      }
    }
  }
  return l;
}

/**
 * Fits N(μ, Σ) to n codes of `dim` values: μ the sample mean,
 * Σ = Σᵢ (xᵢ − μ)(xᵢ − μ)ᵀ / (n − 1) the full sample covariance, and its
 * Cholesky factor L. Codes often have a dead unit or linearly dependent
 * units, which make Σ singular; then a jitter ε·I is added to the diagonal,
 * starting at 10⁻¹⁰ of the mean variance and growing tenfold until Σ + εI
 * factorises.
 */
export function fitGaussian(codes: Float32Array, n: number, dim: number): GaussianFit {
  const { mean, covariance } = sampleCovariance(codes, n, dim);
  let trace = 0;
  for (let j = 0; j < dim; j++) trace += covariance[j * dim + j];
  const scale = dim > 0 && trace > 0 ? trace / dim : 1;
  let jitter = 0;
  let cholesky = choleskyFactor(covariance, dim);
  for (let e = 1e-10 * scale; !cholesky && Number.isFinite(e); e *= 10) {
    jitter = e;
    cholesky = choleskyFactor(covariance, dim, jitter);
  }
  if (!cholesky) throw new Error('covariance could not be factorised (are the codes finite?)');
  return { dim, mean, covariance, cholesky, jitter };
}

/**
 * `count` independent standard normal numbers by the Box–Muller transform:
 * for u₁, u₂ uniform on (0, 1], r = √(−2 ln u₁) and θ = 2πu₂ give two
 * independent N(0, 1) values r·cos θ and r·sin θ.
 */
export function standardNormal(count: number, rng: Rng): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rng()));
    const theta = 2 * Math.PI * rng();
    out[i] = r * Math.cos(theta);
    if (i + 1 < count) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}

/**
 * `count` samples of the fitted Gaussian, count × dim row-major:
 * x = μ + L·z with z ~ N(0, I), so that Cov(x) = L·I·Lᵀ = Σ.
 */
export function sampleGaussian(fit: GaussianFit, count: number, rng: Rng): Float32Array {
  const { dim, mean, cholesky } = fit;
  const z = standardNormal(count * dim, rng);
  const out = new Float32Array(count * dim);
  for (let s = 0; s < count; s++) {
    const o = s * dim;
    for (let i = 0; i < dim; i++) {
      let v = mean[i];
      for (let t = 0; t <= i; t++) v += cholesky[i * dim + t] * z[o + t];
      out[o + i] = v;
    }
  }
  return out;
}
