/**
 * The top eigenpairs of a large symmetric positive semi-definite matrix C
 * (dim × dim, row-major) by randomized subspace iteration:
 *
 *  1. Q ← an orthonormal basis of a random Gaussian l × dim block (rows),
 *     l = count + oversampling;
 *  2. `iterations` times: Q ← orth(Q C). The block power method: the
 *     component of Q along eigenvector i grows like λ_i^t, so span(Q) turns
 *     towards the top l eigenvectors, direction i at the rate
 *     (λ_{l+1}/λ_i)^t; the extra directions keep that rate fast where the
 *     spectrum decays slowly around `count`. orth is modified Gram–Schmidt
 *     in Float64; without it every row would collapse onto the top
 *     eigenvector;
 *  3. Rayleigh–Ritz: the l × l matrix T = Q C Qᵀ is diagonalised by Jacobi,
 *     T = V Θ Vᵀ; the Ritz vectors Vᵀ Q are the best approximations to
 *     eigenvectors within span(Q), and the Ritz values approach λ_i from below.
 *
 * The product Q C is the costly part (dim² · l): `multiply` computes it,
 * plain JS by default, so that a caller can hand it to a faster engine.
 */
import { gaussianSource, jacobiSolver, orthonormalizeRows } from './eigen';

/** Called between steps; resolving false aborts the computation. */
export type Pause = () => Promise<boolean>;

/** Rows Q (rows × dim) times C: rows × dim, row-major. */
export type Multiply = (q: Float64Array, rows: number) => Promise<ArrayLike<number>>;

export interface SubspaceOptions {
  iterations?: number;
  /** Extra directions iterated beyond those wanted (they absorb the slow tail of the spectrum). */
  oversampling?: number;
  /** Fixes the random start. */
  seed?: number;
  /** Awaited after the start, each iteration and each Jacobi sweep. */
  pause?: Pause;
  multiply?: Multiply;
}

const goOn: Pause = async () => true;

/** Q C in plain Float64 JS. */
function multiplyBy(matrix: ArrayLike<number>, dim: number): Multiply {
  return async (q, rows) => {
    const out = new Float64Array(rows * dim);
    for (let i = 0; i < rows; i++) {
      for (let a = 0; a < dim; a++) {
        const w = q[i * dim + a];
        if (w === 0) continue;
        for (let b = 0; b < dim; b++) out[i * dim + b] += w * matrix[a * dim + b];
      }
    }
    return out;
  };
}

/**
 * The top `count` eigenpairs of C: values by decreasing size, vectors as
 * rows, each with its largest entry positive (an eigenvector's sign is
 * arbitrary); null if `pause` says stop.
 */
export async function topEigenpairs(
  matrix: ArrayLike<number>,
  dim: number,
  count: number,
  options: SubspaceOptions = {},
): Promise<{ values: Float64Array; vectors: Float64Array } | null> {
  if (!Number.isInteger(count) || count < 1 || count > dim) throw new RangeError(`cannot find ${count} of ${dim} eigenvectors`);
  const width = Math.min(dim, count + (options.oversampling ?? 16));
  const iterations = options.iterations ?? 8;
  const pause = options.pause ?? goOn;
  const multiply = options.multiply ?? multiplyBy(matrix, dim);
  const gaussian = gaussianSource(options.seed ?? 1);
  const q = Float64Array.from({ length: width * dim }, gaussian);
  orthonormalizeRows(q, width, dim, gaussian);
  if (!(await pause())) return null;
  for (let it = 0; it < iterations; it++) {
    // (C Qᵀ)ᵀ = Q C, C being symmetric: the rows are the new directions.
    q.set(await multiply(q, width));
    orthonormalizeRows(q, width, dim, gaussian);
    if (!(await pause())) return null;
  }
  const product = await multiply(q, width);
  const t = new Float64Array(width * width);
  for (let i = 0; i < width; i++) {
    for (let j = 0; j < width; j++) {
      let s = 0;
      for (let p = 0; p < dim; p++) s += product[i * dim + p] * q[j * dim + p];
      t[i * width + j] = s;
    }
  }
  for (let i = 0; i < width; i++) {
    for (let j = i + 1; j < width; j++) t[i * width + j] = t[j * width + i] = (t[i * width + j] + t[j * width + i]) / 2;
  }
  if (!(await pause())) return null;
  const jacobi = jacobiSolver(t, width);
  while (!jacobi.converged()) {
    jacobi.sweep();
    if (!(await pause())) return null;
  }
  const ritz = jacobi.result();
  const vectors = new Float64Array(count * dim);
  for (let i = 0; i < count; i++) {
    const out = vectors.subarray(i * dim, (i + 1) * dim);
    for (let j = 0; j < width; j++) {
      const w = ritz.vectors[i * width + j];
      for (let p = 0; p < dim; p++) out[p] += w * q[j * dim + p];
    }
    let big = 0;
    for (let p = 0; p < dim; p++) if (Math.abs(out[p]) > Math.abs(big)) big = out[p];
    if (big < 0) for (let p = 0; p < dim; p++) out[p] = -out[p];
  }
  return { values: ritz.values.slice(0, count), vectors };
}
