import { describe, expect, it } from 'vitest';
import { principalAxes, projectTo2d } from '../../src/training/projection';
import { createRng } from '../../src/shared/rng';

function gaussian(rng: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

const normalize = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

/** n points: offset + a·u·σ1 + b·w·σ2 (+ small isotropic noise), u ⟂ w unit vectors. */
function planted(n: number, u: number[], w: number[], s1: number, s2: number, offset: number, seed: number, noise = 0) {
  const k = u.length;
  const g = gaussian(createRng(seed));
  const data = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const a = s1 * g();
    const b = s2 * g();
    for (let j = 0; j < k; j++) data[i * k + j] = offset + a * u[j] + b * w[j] + noise * g();
  }
  return data;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>, k: number, offA = 0, offB = 0) => {
  let s = 0;
  for (let j = 0; j < k; j++) s += a[offA + j] * b[offB + j];
  return s;
};

describe('projectTo2d', () => {
  it('k = 1: the code on x, y = 0', () => {
    const p = projectTo2d(Float32Array.from([0.5, -2, 3]), 3, 1);
    expect(p.method).toBe('identity');
    expect(Array.from(p.points)).toEqual([0.5, 0, -2, 0, 3, 0]);
    expect(p.axes).toBeUndefined();
    expect(p.explained).toBeUndefined();
  });

  it('k = 2: the code itself', () => {
    const codes = Float32Array.from([1, 2, -3, 4.5, 0, -7]);
    const p = projectTo2d(codes, 3, 2);
    expect(p.method).toBe('identity');
    expect(Array.from(p.points)).toEqual([1, 2, -3, 4.5, 0, -7]);
    expect(p.points).not.toBe(codes);
  });

  it.each([
    { name: 'k = 3', u: [1, 2, 2], w: [2, 1, -2] },
    { name: 'k = 8', u: [1, -1, 0.5, 0, 2, 0, -1, 0.3], w: [1, 1, 0, 0.5, 0, 0, 0, 0] },
    {
      name: 'k = 32',
      u: Array.from({ length: 32 }, (_, j) => Math.sin(j + 1)),
      w: Array.from({ length: 32 }, (_, j) => (j === 5 ? 1 : 0)),
    },
  ])('$name: PCA recovers a planted dominant direction and the variance shares', ({ u: rawU, w: rawW }) => {
    const k = rawU.length;
    const u = normalize(rawU);
    // Make w orthogonal to u (Gram–Schmidt).
    const uw = dot(u, rawW, k);
    const w = normalize(rawW.map((x, j) => x - uw * u[j]));
    const n = 3000;
    const data = planted(n, u, w, 4, 2, 10, 17, 0.05);
    const p = projectTo2d(data, n, k);
    expect(p.method).toBe('pca');
    expect(p.points.length).toBe(2 * n);
    const axes = p.axes!;
    expect(axes.length).toBe(2 * k);
    // Unit, orthogonal axes along u and w (up to sign).
    expect(dot(axes, axes, k)).toBeCloseTo(1, 6);
    expect(dot(axes, axes, k, k, k)).toBeCloseTo(1, 6);
    expect(Math.abs(dot(axes, axes, k, 0, k))).toBeLessThan(1e-4);
    expect(Math.abs(dot(axes, u, k))).toBeGreaterThan(0.995);
    expect(Math.abs(dot(axes, w, k, k))).toBeGreaterThan(0.99);
    // Variances 16 and 4 (+ k·0.0025 of noise): shares ≈ 16/20 and 4/20.
    const totalVar = 16 + 4 + k * 0.0025;
    const [e1, e2] = p.explained!;
    expect(e1).toBeCloseTo(16 / totalVar, 1);
    expect(e2).toBeCloseTo(4 / totalVar, 1);
    expect(e1).toBeGreaterThan(e2);
    expect(e1 + e2).toBeLessThanOrEqual(1 + 1e-9);
    // The projection is centred, with the variances of the two axes.
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += p.points[2 * i];
      my += p.points[2 * i + 1];
    }
    expect(Math.abs(mx / n)).toBeLessThan(1e-3);
    expect(Math.abs(my / n)).toBeLessThan(1e-3);
    let vx = 0;
    for (let i = 0; i < n; i++) vx += p.points[2 * i] ** 2;
    expect(Math.sqrt(vx / (n - 1))).toBeCloseTo(4, 0);
  });

  it('explains all the variance with one axis for data on a line', () => {
    const u = normalize([3, 1, 2, 1]);
    const n = 200;
    const data = planted(n, u, [0, 0, 0, 0], 1, 0, -2, 5);
    const { explained, axes } = projectTo2d(data, n, 4);
    expect(explained![0]).toBeCloseTo(1, 5);
    expect(explained![1]).toBeCloseTo(0, 5);
    expect(Math.abs(dot(axes!, u, 4))).toBeCloseTo(1, 5);
  });

  it('gives no shares (0, 0) for constant codes, without NaN', () => {
    const data = new Float32Array(30).fill(1.5);
    const p = projectTo2d(data, 10, 3);
    expect(p.explained).toEqual([0, 0]);
    for (const v of p.points) expect(v).toBe(0);
  });

  it('is deterministic', () => {
    const data = planted(500, normalize([1, 2, 3, 4, 5]), normalize([5, -4, 0, 0, 1]), 3, 1, 0, 9, 0.1);
    const a = projectTo2d(data, 500, 5);
    const b = projectTo2d(data, 500, 5);
    expect(b.points).toEqual(a.points);
    expect(b.axes).toEqual(a.axes);
  });

  it('aligns the signs of the axes with previousAxes', () => {
    const k = 6;
    const u = normalize([1, 0.5, -1, 2, 0, 1]);
    const w = normalize([0, 1, 0, 0, 0, -0.5]);
    const uw = dot(u, w, k);
    const w2 = normalize(w.map((x, j) => x - uw * u[j]));
    const data = planted(800, u, w2, 3, 1, 1, 21, 0.01);
    const free = projectTo2d(data, 800, k);
    const axes = free.axes!;

    // Previous axes pointing the other way on the first axis only.
    const previous = Float64Array.from(axes);
    for (let j = 0; j < k; j++) previous[j] *= -1;
    const flipped = projectTo2d(data, 800, k, previous);
    for (let j = 0; j < k; j++) {
      expect(flipped.axes![j]).toBeCloseTo(-axes[j], 12);
      expect(flipped.axes![k + j]).toBeCloseTo(axes[k + j], 12);
    }
    for (let i = 0; i < 800; i++) {
      expect(flipped.points[2 * i]).toBeCloseTo(-free.points[2 * i], 4);
      expect(flipped.points[2 * i + 1]).toBeCloseTo(free.points[2 * i + 1], 4);
    }

    // Slightly different previous axes with the same orientation: nothing flips.
    const near = Float64Array.from(axes, (v, i) => v + (i % 3 === 0 ? 0.05 : -0.05));
    const kept = projectTo2d(data, 800, k, near);
    expect(kept.axes).toEqual(free.axes);

    // Both axes reversed.
    const both = projectTo2d(
      data,
      800,
      k,
      Float64Array.from(axes, (v) => -v),
    );
    for (let j = 0; j < 2 * k; j++) expect(both.axes![j]).toBeCloseTo(-axes[j], 12);

    // Previous axes of another code size are ignored.
    const otherSize = projectTo2d(data, 800, k, new Float64Array(2 * (k + 1)).fill(-1));
    expect(otherSize.axes).toEqual(free.axes);
  });
});

describe('principalAxes', () => {
  it('returns the mean of the data', () => {
    const data = planted(400, normalize([1, 1, 0]), normalize([1, -1, 0]), 2, 1, 3, 4);
    const { mean } = principalAxes(data, 400, 3);
    for (const m of mean) expect(m).toBeCloseTo(3, 0);
  });
});

describe('a main direction orthogonal to a simple start vector', () => {
  it('is still found', async () => {
    const { projectTo2d } = await import('../../src/training/projection');
    const n = 200;
    const k = 4;
    const data = new Float32Array(n * k);
    const dir = [0.5, 0.5, -0.5, -0.5];
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) data[i * k + j] = ((i % 11) - 5) * dir[j];
    const p = projectTo2d(data, n, k);
    expect(p.explained![0]).toBeGreaterThan(0.99);
    const axis = Array.from(p.axes!.subarray(0, k)).map(Math.abs);
    for (const a of axis) expect(a).toBeCloseTo(0.5, 5);
  });
});
