/**
 * The sample mean and covariance of n rows of `dim` values, in Float64:
 * Σ = Σᵢ (xᵢ − μ)(xᵢ − μ)ᵀ / (n − 1) (dim × dim, row-major; 0 for one row).
 * Used for the latent view's PCA of the codes and the Gaussian fitted to them.
 */
export function covariance(rows: ArrayLike<number>, n: number, dim: number): { mean: Float64Array; covariance: Float64Array } {
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += rows[i * dim + j];
  if (n > 0) for (let j = 0; j < dim; j++) mean[j] /= n;
  const cov = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) row[j] = rows[i * dim + j] - mean[j];
    // Upper triangle only (a symmetric matrix), mirrored below.
    for (let a = 0; a < dim; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      const base = a * dim;
      for (let b = a; b < dim; b++) cov[base + b] += ra * row[b];
    }
  }
  const denominator = Math.max(1, n - 1);
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      cov[a * dim + b] /= denominator;
      cov[b * dim + a] = cov[a * dim + b];
    }
  }
  return { mean, covariance: cov };
}
