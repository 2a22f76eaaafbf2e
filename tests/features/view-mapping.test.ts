import { describe, expect, it } from 'vitest';
import { codeAt, gridCodes, placeCode, type ViewGeometry } from '../../src/features/latent-space/view-mapping';
import { lineBetween } from '../../src/shared/code-line';

/** A seeded stream in [−1, 1) (a small LCG), enough for test data. */
function numbers(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
};

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits);
}

/** n random codes of size k and, for the PCA view, a mean and two orthonormal axes. */
function pcaView(k: number, n: number, seed = 1): ViewGeometry {
  const next = numbers(seed);
  const codes = Float32Array.from({ length: n * k }, () => 3 * next());
  const mean = Float32Array.from({ length: k }, () => next());
  const a1 = Array.from({ length: k }, () => next());
  const a2 = Array.from({ length: k }, () => next());
  const n1 = Math.sqrt(dot(a1, a1));
  for (let j = 0; j < k; j++) a1[j] /= n1;
  const along = dot(a2, a1);
  for (let j = 0; j < k; j++) a2[j] -= along * a1[j];
  const n2 = Math.sqrt(dot(a2, a2));
  for (let j = 0; j < k; j++) a2[j] /= n2;
  const axes = Float32Array.from([...a1, ...a2]);
  const view: ViewGeometry = { method: 'pca', codeSize: k, codes, points: new Float32Array(2 * n), mean, axes };
  for (let i = 0; i < n; i++) view.points.set(placeCode(view, codes.subarray(i * k, (i + 1) * k)), 2 * i);
  return view;
}

/** Codes of size k scattered at arbitrary positions, as UMAP would draw them. */
function umapView(k: number, n: number, seed = 2): ViewGeometry {
  const next = numbers(seed);
  return {
    method: 'umap',
    codeSize: k,
    codes: Float32Array.from({ length: n * k }, () => 2 * next()),
    points: Float32Array.from({ length: 2 * n }, () => 10 * next()),
  };
}

describe('identity views (a 1-D or 2-D code is its own position)', () => {
  const view: ViewGeometry = {
    method: 'identity',
    codeSize: 2,
    codes: Float32Array.from([0.5, -1, 2, 3]),
    points: Float32Array.from([0.5, -1, 2, 3]),
  };

  it('codeAt and placeCode are each other’s inverse', () => {
    expect(Array.from(codeAt(view, 1.25, -0.5))).toEqual([1.25, -0.5]);
    expect(placeCode(view, [1.25, -0.5])).toEqual([1.25, -0.5]);
    // A view's own code is drawn at its own point.
    expect(placeCode(view, view.codes.subarray(2, 4))).toEqual([2, 3]);
  });

  it('a 1-D code is x; placed on a fixed row', () => {
    const line: ViewGeometry = { method: 'identity', codeSize: 1, codes: Float32Array.from([0.3]), points: Float32Array.from([0.3, 0]) };
    const code = codeAt(line, 0.75, 4);
    expect(code).toBeInstanceOf(Float32Array);
    expect(Array.from(code)).toEqual([0.75]);
    expect(placeCode(line, [0.75])).toEqual([0.75, -0.5]);
  });
});

describe('PCA views (linear both ways)', () => {
  const k = 6;
  const view = pcaView(k, 50);

  it('placeCode is the projection on the axes; codeAt ∘ placeCode is the identity on the plane', () => {
    const next = numbers(9);
    for (let trial = 0; trial < 20; trial++) {
      const x = 4 * next();
      const y = 4 * next();
      const code = codeAt(view, x, y);
      expect(code.length).toBe(k);
      // A code of the plane mean + x·a₁ + y·a₂ is placed at (x, y) …
      const [px, py] = placeCode(view, code);
      expect(px).toBeCloseTo(x, 4);
      expect(py).toBeCloseTo(y, 4);
      // … and mapped back to itself.
      expectClose(codeAt(view, px, py), code, 4);
    }
    expectClose(codeAt(view, 0, 0), view.mean!, 6);
    expect(placeCode(view, view.mean!)).toEqual([0, 0]);
  });

  it('a code off the plane maps back to its orthogonal projection onto the plane', () => {
    const code = view.codes.subarray(0, k);
    const [x, y] = placeCode(view, code);
    expectClose([x, y], view.points.subarray(0, 2), 6);
    const back = codeAt(view, x, y);
    const residual = Array.from(code, (v, j) => v - back[j]);
    expect(Math.sqrt(dot(residual, residual))).toBeGreaterThan(0.1);
    expect(dot(residual, view.axes!.subarray(0, k))).toBeCloseTo(0, 5);
    expect(dot(residual, view.axes!.subarray(k))).toBeCloseTo(0, 5);
  });

  it('without a mean and axes it falls back on the nearest codes, like UMAP', () => {
    const bare: ViewGeometry = { ...view, mean: undefined, axes: undefined };
    expect(Array.from(codeAt(bare, view.points[6], view.points[7]))).toEqual(Array.from(view.codes.subarray(3 * k, 4 * k)));
  });
});

describe('UMAP views (through the nearest test digits)', () => {
  const k = 4;
  const view = umapView(k, 40);

  it('codeAt on one of the drawn points gives that point’s code', () => {
    for (const i of [0, 7, 39]) {
      expect(Array.from(codeAt(view, view.points[2 * i], view.points[2 * i + 1]))).toEqual(
        Array.from(view.codes.subarray(i * k, (i + 1) * k)),
      );
    }
  });

  it('placeCode of one of the view’s codes gives that code’s point', () => {
    for (const i of [0, 13, 39]) {
      const [x, y] = placeCode(view, view.codes.subarray(i * k, (i + 1) * k));
      expect(x).toBeCloseTo(view.points[2 * i], 5);
      expect(y).toBeCloseTo(view.points[2 * i + 1], 5);
    }
    // A code very near one of them lands near its point.
    const near = Array.from(view.codes.subarray(5 * k, 6 * k), (v) => v + 1e-4);
    const [x, y] = placeCode(view, near);
    expect(Math.hypot(x - view.points[10], y - view.points[11])).toBeLessThan(0.5);
  });

  it('between points: a distance-weighted mean of the nearest codes, nearer weighing more', () => {
    const two: ViewGeometry = {
      method: 'umap',
      codeSize: 2,
      codes: Float32Array.from([0, 0, 4, 8]),
      points: Float32Array.from([0, 0, 10, 0]),
    };
    expectClose(codeAt(two, 5, 0), [2, 4]);
    expectClose(codeAt(two, 5, 3), [2, 4]);
    // A quarter of the way: weights 1/2.5 and 1/7.5, i.e. ¾ and ¼.
    expectClose(codeAt(two, 2.5, 0), [1, 2]);
    // And the other way: a code between the two is placed between their points.
    const [x, y] = placeCode(two, [1, 2]);
    expect(x).toBeCloseTo(2.5, 6);
    expect(y).toBe(0);
    // Every result is a mean of codes: inside their range.
    const far = codeAt(view, 100, -100);
    for (let j = 0; j < k; j++) {
      const column = Array.from({ length: 40 }, (_, i) => view.codes[i * k + j]);
      expect(far[j]).toBeGreaterThanOrEqual(Math.min(...column) - 1e-6);
      expect(far[j]).toBeLessThanOrEqual(Math.max(...column) + 1e-6);
    }
  });
});

describe('lineBetween', () => {
  it('evenly spaced codes from a to b, both ends included', () => {
    const a = [1, -2, 0.5];
    const b = [3, 2, 0.5];
    const line = lineBetween(a, b, 5);
    expect(line.length).toBe(15);
    expect(Array.from(line.subarray(0, 3))).toEqual(a);
    expect(Array.from(line.subarray(12, 15))).toEqual(b);
    expectClose(line.subarray(3, 6), [1.5, -1, 0.5]);
    expectClose(line.subarray(6, 9), [2, 0, 0.5]);
    expect(Array.from(lineBetween(a, b, 2))).toEqual([...a, ...b]);
    expect(Array.from(lineBetween(a, b, 1))).toEqual(a);
  });
});

describe('gridCodes', () => {
  it('n × n codes over the square, row by row from the top (largest y), left to right', () => {
    const grid = gridCodes(3, [1, 2], 0.5);
    expect(grid.length).toBe(18);
    const pairs = Array.from({ length: 9 }, (_, i) => [grid[2 * i], grid[2 * i + 1]]);
    expect(pairs).toEqual([
      [0.5, 2.5],
      [1, 2.5],
      [1.5, 2.5],
      [0.5, 2],
      [1, 2],
      [1.5, 2],
      [0.5, 1.5],
      [1, 1.5],
      [1.5, 1.5],
    ]);
  });

  it('corners at the centre ± r; a 1 × 1 grid is the centre', () => {
    const n = 8;
    const grid = gridCodes(n, [-3, 4], 2);
    const at = (row: number, col: number) => [grid[2 * (row * n + col)], grid[2 * (row * n + col) + 1]];
    expect(at(0, 0)).toEqual([-5, 6]);
    expect(at(0, n - 1)).toEqual([-1, 6]);
    expect(at(n - 1, 0)).toEqual([-5, 2]);
    expect(at(n - 1, n - 1)).toEqual([-1, 2]);
    expect(Array.from(gridCodes(1, [0.25, -0.75], 3))).toEqual([0.25, -0.75]);
  });
});
