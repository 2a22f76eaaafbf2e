import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../src/linalg/eigen';
import { topEigenpairs } from '../../src/linalg/subspace';

describe('symmetricEigen', () => {
  it('diagonalises a symmetric matrix: A v = λ v, orthonormal vectors, values decreasing', () => {
    const n = 7;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = Math.sin(3 * i + 5 * j + 1);
    const { values, vectors } = symmetricEigen(a, n);
    for (let i = 1; i < n; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    for (let i = 0; i < n; i++) {
      for (let r = 0; r < n; r++) {
        let av = 0;
        for (let c = 0; c < n; c++) av += a[r * n + c] * vectors[i * n + c];
        expect(av).toBeCloseTo(values[i] * vectors[i * n + r], 10);
      }
      for (let j = 0; j < n; j++) {
        let d = 0;
        for (let c = 0; c < n; c++) d += vectors[i * n + c] * vectors[j * n + c];
        expect(d).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
    // [[2, 1], [1, 2]]: 3 along (1, 1), 1 along (1, −1).
    expect(Array.from(symmetricEigen([2, 1, 1, 2], 2).values)).toEqual([3, 1]);
  });

  it('finds the largest eigenvalue and its unit eigenvector', () => {
    // [[2, 1], [1, 2]]: eigenvalues 3 (along (1, 1)) and 1.
    const { vectors, values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 6);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 6);
    expect(vectors[1]).toBeCloseTo(vectors[0], 6);
    // A diagonal matrix: the largest entry wins.
    const diag = symmetricEigen(Float64Array.from([1, 0, 0, 0, 5, 0, 0, 0, 2]), 3);
    expect(diag.values[0]).toBeCloseTo(5, 6);
    expect(Math.abs(diag.vectors[1])).toBeCloseTo(1, 6);
  });

  it('returns zero values for the zero matrix', () => {
    expect(symmetricEigen(new Float64Array(9), 3).values[0]).toBe(0);
  });
});

describe('topEigenpairs', () => {
  /** A PSD matrix Σ λ_i u_i u_iᵀ with eigenvalues λ_i = 2^−i along orthonormal u_i, n × n. */
  function psd(n: number): Float64Array {
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = Math.sin(3 * i + 5 * j + 1);
    const { vectors: u } = symmetricEigen(a, n);
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) m[r * n + c] += 2 ** -i * u[i * n + r] * u[i * n + c];
    return m;
  }

  it('agrees with the exact Jacobi solution on the top eigenpairs, signs made positive at the largest entry', async () => {
    const n = 30;
    const m = psd(n);
    const exact = symmetricEigen(m, n);
    const top = (await topEigenpairs(m, n, 3, { iterations: 30, oversampling: 6, seed: 2 }))!;
    for (let i = 0; i < 3; i++) {
      expect(exact.values[i]).toBeCloseTo(2 ** -i, 12);
      expect(top.values[i] / exact.values[i]).toBeCloseTo(1, 8);
      let dot = 0;
      let big = 0;
      for (let p = 0; p < n; p++) {
        dot += top.vectors[i * n + p] * exact.vectors[i * n + p];
        if (Math.abs(top.vectors[i * n + p]) > Math.abs(big)) big = top.vectors[i * n + p];
      }
      expect(Math.abs(dot)).toBeCloseTo(1, 6);
      expect(big).toBeGreaterThan(0);
    }
  });

  it('takes its products from `multiply`, stops with null when paused for good, and rejects impossible counts', async () => {
    const n = 12;
    const m = psd(n);
    let products = 0;
    const multiply = async (q: Float64Array, rows: number) => {
      products++;
      const out = new Float64Array(rows * n);
      for (let i = 0; i < rows; i++) for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) out[i * n + b] += q[i * n + a] * m[a * n + b];
      return out;
    };
    const viaMultiply = (await topEigenpairs(m, n, 2, { iterations: 5, multiply }))!;
    expect(products).toBe(6); // 5 iterations and the Rayleigh–Ritz projection
    expect(viaMultiply).toEqual(await topEigenpairs(m, n, 2, { iterations: 5 }));
    expect(await topEigenpairs(m, n, 2, { pause: async () => false })).toBeNull();
    await expect(topEigenpairs(m, n, 0)).rejects.toThrow(RangeError);
    await expect(topEigenpairs(m, n, n + 1)).rejects.toThrow(RangeError);
  });
});
