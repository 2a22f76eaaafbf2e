/**
 * Projects codes to two dimensions for the latent view, in plain JS (the
 * codes are already on the CPU and k ≤ 128).
 *
 *  - k = 1: the code itself on x, y = 0 (the view spreads points by digit);
 *  - k = 2: the code as it is;
 *  - k > 2: principal component analysis — the two eigenvectors of the codes'
 *    covariance matrix with the largest eigenvalues, found by power iteration
 *    with deflation. The codes, centred, are projected onto them.
 *
 * Eigenvectors have no sign of their own, so successive projections during
 * training could flip from one frame to the next; `previousAxes` makes each
 * axis point the same way as before.
 */

import { createRng } from '../shared/rng';

export interface Projection {
  /** n × 2, row-major. */
  points: Float32Array;
  method: 'identity' | 'pca';
  /** Unit axes, 2 × k row-major (PCA only). */
  axes?: Float64Array;
  /** Share of the variance each axis explains (PCA only). */
  explained?: [number, number];
  /** The codes' mean, subtracted before projecting (PCA only): code ≈ mean + x·axis₁ + y·axis₂. */
  mean?: Float64Array;
}

/** Covariance matrix (k × k) of n centred rows; also returns the mean. */
export function covariance(data: Float32Array, n: number, k: number): { cov: Float64Array; mean: Float64Array } {
  const mean = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) mean[j] += data[i * k + j];
  for (let j = 0; j < k; j++) mean[j] /= n;
  const cov = new Float64Array(k * k);
  const row = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) row[j] = data[i * k + j] - mean[j];
    for (let a = 0; a < k; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      const base = a * k;
      for (let b = a; b < k; b++) cov[base + b] += ra * row[b];
    }
  }
  const denom = Math.max(1, n - 1);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      cov[a * k + b] /= denom;
      cov[b * k + a] = cov[a * k + b];
    }
  }
  return { cov, mean };
}

/**
 * Top eigenvector of a symmetric positive semi-definite matrix by power
 * iteration, starting from a fixed vector so the result is deterministic.
 */
export function topEigenvector(m: Float64Array, k: number, iterations = 200): { vector: Float64Array; value: number } {
  // A fixed pseudo-random start: deterministic, and orthogonal to the top
  // eigenvector only with probability zero.
  let v = new Float64Array(k);
  const rng = createRng(0x5eed);
  for (let j = 0; j < k; j++) v[j] = rng() - 0.5;
  let value = 0;
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(k);
    for (let a = 0; a < k; a++) {
      let s = 0;
      const base = a * k;
      for (let b = 0; b < k; b++) s += m[base + b] * v[b];
      next[a] = s;
    }
    const norm = Math.hypot(...next);
    if (norm === 0) break;
    for (let a = 0; a < k; a++) next[a] /= norm;
    let delta = 0;
    for (let a = 0; a < k; a++) delta = Math.max(delta, Math.abs(next[a] - v[a]));
    v = next;
    value = norm;
    if (delta < 1e-9) break;
  }
  return { vector: v, value };
}

/** The two principal axes of n × k data, 2 × k row-major, and their variances. */
export function principalAxes(data: Float32Array, n: number, k: number) {
  const { cov, mean } = covariance(data, n, k);
  let trace = 0;
  for (let j = 0; j < k; j++) trace += cov[j * k + j];
  const first = topEigenvector(cov, k);
  const deflated = new Float64Array(cov);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) deflated[a * k + b] -= first.value * first.vector[a] * first.vector[b];
  }
  const second = topEigenvector(deflated, k);
  const axes = new Float64Array(2 * k);
  axes.set(first.vector, 0);
  axes.set(second.vector, k);
  const explained: [number, number] = trace > 0 ? [first.value / trace, second.value / trace] : [0, 0];
  return { axes, mean, explained };
}

export function projectTo2d(data: Float32Array, n: number, k: number, previousAxes?: Float64Array): Projection {
  const points = new Float32Array(n * 2);
  if (k <= 2) {
    for (let i = 0; i < n; i++) {
      points[2 * i] = data[i * k];
      points[2 * i + 1] = k === 2 ? data[i * k + 1] : 0;
    }
    return { points, method: 'identity' };
  }
  const { axes, mean, explained } = principalAxes(data, n, k);
  if (previousAxes && previousAxes.length === axes.length) {
    for (let axis = 0; axis < 2; axis++) {
      let dot = 0;
      for (let j = 0; j < k; j++) dot += axes[axis * k + j] * previousAxes[axis * k + j];
      if (dot < 0) for (let j = 0; j < k; j++) axes[axis * k + j] *= -1;
    }
  }
  for (let i = 0; i < n; i++) {
    let x = 0;
    let y = 0;
    for (let j = 0; j < k; j++) {
      const c = data[i * k + j] - mean[j];
      x += c * axes[j];
      y += c * axes[k + j];
    }
    points[2 * i] = x;
    points[2 * i + 1] = y;
  }
  return { points, method: 'pca', axes, explained, mean };
}
