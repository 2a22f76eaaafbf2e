/**
 * The symmetric eigen-solver, in plain Float64 JS: cyclic Jacobi rotations
 * for a small symmetric matrix (the latent view's code covariance, and the
 * Rayleigh–Ritz step of the subspace iteration), modified Gram–Schmidt for
 * the rows of a block, and seeded standard normal draws to start an
 * iteration.
 */
import { createRng } from '../shared/rng';

/** (m_i, m_j) ← (g − s(h + gτ), h + s(g − hτ)): one plane rotation of two entries. */
function rotatePair(m: Float64Array, i: number, j: number, s: number, tau: number): void {
  const g = m[i];
  const h = m[j];
  m[i] = g - s * (h + g * tau);
  m[j] = h + s * (g - h * tau);
}

/**
 * The cyclic Jacobi method for a small symmetric matrix (n × n, row-major),
 * one sweep at a time so that a caller can pause between sweeps. A sweep
 * visits every off-diagonal pair (p, q) and applies the plane rotation
 * A ← RᵀAR that zeroes a_pq (Rutishauser's formulation, as in Numerical
 * Recipes); R accumulates into the eigenvectors. The off-diagonal mass falls
 * quadratically once it is small: a few sweeps suffice for a nearly
 * diagonal matrix such as a Rayleigh–Ritz projection.
 */
export function jacobiSolver(matrix: ArrayLike<number>, n: number) {
  // Only the upper triangle of `a` is kept up to date; row i of `v` is eigenvector i.
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += a[i] * a[i];
  let sweeps = 0;
  return {
    /** True once the off-diagonal part is below 1e-12 of the matrix (in Frobenius norm). */
    converged(): boolean {
      let off = 0;
      for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
      return off <= 1e-24 * scale || sweeps >= 60;
    },
    sweep(): void {
      for (let p = 0; p < n - 1; p++) {
        const pn = p * n;
        for (let q = p + 1; q < n; q++) {
          const qn = q * n;
          const apq = a[pn + q];
          if (apq === 0) continue;
          const app = a[pn + p];
          const aqq = a[qn + q];
          // Past the first sweeps, an entry too small to change either diagonal entry is dropped.
          const tiny = 100 * Math.abs(apq);
          if (sweeps > 3 && Math.abs(app) + tiny === Math.abs(app) && Math.abs(aqq) + tiny === Math.abs(aqq)) {
            a[pn + q] = 0;
            continue;
          }
          const theta = (aqq - app) / (2 * apq);
          const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          const c = 1 / Math.sqrt(t * t + 1);
          const s = t * c;
          const tau = s / (1 + c);
          a[pn + p] = app - t * apq;
          a[qn + q] = aqq + t * apq;
          a[pn + q] = 0;
          // Entries (r, p) and (r, q) of the upper triangle, then rows p and q of v.
          for (let r = 0; r < p; r++) rotatePair(a, r * n + p, r * n + q, s, tau);
          for (let r = p + 1; r < q; r++) rotatePair(a, pn + r, r * n + q, s, tau);
          for (let r = q + 1; r < n; r++) rotatePair(a, pn + r, qn + r, s, tau);
          for (let r = 0; r < n; r++) rotatePair(v, pn + r, qn + r, s, tau);
        }
      }
      sweeps++;
    },
    /** Eigenvalues in decreasing order, eigenvectors as the matching rows. */
    result(): { values: Float64Array; vectors: Float64Array } {
      const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
      const values = Float64Array.from(order, (i) => a[i * n + i]);
      const vectors = new Float64Array(n * n);
      order.forEach((from, to) => vectors.set(v.subarray(from * n, (from + 1) * n), to * n));
      return { values, vectors };
    },
  };
}

/**
 * Eigen-decomposition A = Σ λ_i v_i v_iᵀ of a small symmetric matrix
 * (n × n, row-major) by cyclic Jacobi sweeps until the off-diagonal part is
 * negligible (jacobiSolver run to the end, for callers that need no pause).
 * Returns the eigenvalues in decreasing order and the unit eigenvectors as
 * the matching rows of `vectors` (n × n).
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): { values: Float64Array; vectors: Float64Array } {
  const jacobi = jacobiSolver(matrix, n);
  while (!jacobi.converged()) jacobi.sweep();
  return jacobi.result();
}

/**
 * Orthonormalises the rows of `rows` (count × dim, in place) by modified
 * Gram–Schmidt in Float64. One pass leaves a row orthogonal to the others up
 * to about ε / (the share of its norm that survived); a row that lost more
 * than 99.9 % of its norm is orthogonalised a second time ("twice is
 * enough"), which keeps every row orthogonal to ~1e-13. A row that vanishes
 * (the matrix has lower rank) is replaced by a random direction orthogonal
 * to the rows before it.
 */
export function orthonormalizeRows(rows: Float64Array, count: number, dim: number, gaussian: () => number): void {
  const removeEarlier = (i: number) => {
    const ri = i * dim;
    for (let j = 0; j < i; j++) {
      const rj = j * dim;
      let d = 0;
      for (let p = 0; p < dim; p++) d += rows[ri + p] * rows[rj + p];
      for (let p = 0; p < dim; p++) rows[ri + p] -= d * rows[rj + p];
    }
  };
  const norm = (i: number) => {
    let s = 0;
    for (let p = i * dim; p < (i + 1) * dim; p++) s += rows[p] * rows[p];
    return Math.sqrt(s);
  };
  for (let i = 0; i < count; i++) {
    const before = norm(i);
    removeEarlier(i);
    let after = norm(i);
    if (after < 1e-3 * before) {
      removeEarlier(i);
      after = norm(i);
    }
    for (let tries = 0; !(after > 1e-12 * before) && tries < 5; tries++) {
      for (let p = i * dim; p < (i + 1) * dim; p++) rows[p] = gaussian();
      removeEarlier(i);
      removeEarlier(i);
      after = norm(i);
    }
    for (let p = i * dim; p < (i + 1) * dim; p++) rows[p] /= after;
  }
}

/** Standard normal draws from a seeded generator (Box–Muller). */
export function gaussianSource(seed: number): () => number {
  const rng = createRng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}
