/**
 * Projects codes to two dimensions for the latent view, in plain JS (the
 * codes are already on the CPU and k ≤ 128).
 *
 *  - k = 1: the code itself on x, y = 0 (the view spreads points by digit);
 *  - k = 2: the code as it is;
 *  - k > 2: principal component analysis — the two eigenvectors of the codes'
 *    covariance matrix with the largest eigenvalues (Jacobi, src/linalg).
 *    The codes, centred, are projected onto them.
 *
 * Eigenvectors have no sign of their own, so successive projections during
 * training could flip from one frame to the next; `previousAxes` makes each
 * axis point the same way as before.
 */

import { covariance } from '../linalg/covariance';
import { symmetricEigen } from '../linalg/eigen';

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

/** The two principal axes of n × k data, 2 × k row-major, and their shares of the variance. */
export function principalAxes(data: Float32Array, n: number, k: number) {
  const { covariance: cov, mean } = covariance(data, n, k);
  let trace = 0;
  for (let j = 0; j < k; j++) trace += cov[j * k + j];
  const { values, vectors } = symmetricEigen(cov, k);
  const axes = Float64Array.from(vectors.subarray(0, 2 * k));
  // Round-off can leave a null direction's variance a hair below zero.
  const explained: [number, number] = trace > 0 ? [Math.max(0, values[0]) / trace, Math.max(0, values[1]) / trace] : [0, 0];
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
