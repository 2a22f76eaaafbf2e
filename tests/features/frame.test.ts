import { describe, expect, it } from 'vitest';
import { makeFrame, nearestPoint, plotPositions, toData, toPixels, type Frame } from '../../src/features/latent-space/frame';

/** n points (x, y) = (i / (n − 1) · 10 − 5, −(i / (n − 1)) · 2 + 3): x over [−5, 5], y over [1, 3]. */
function line(n: number): Float32Array {
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    out[2 * i] = t * 10 - 5;
    out[2 * i + 1] = 3 - 2 * t;
  }
  return out;
}

describe('makeFrame', () => {
  it('holds the points with a 5 % margin on each axis', () => {
    const f = makeFrame(line(1001), false, 400);
    // The 0.5 % and 99.5 % quantiles of 1001 evenly spread values, then 5 % of the span either side.
    const [x0, x1] = [-5 + 0.05, 5 - 0.05];
    const [y0, y1] = [1 + 0.01, 3 - 0.01];
    expect(f.x0).toBeCloseTo(x0 - 0.05 * (x1 - x0), 4);
    expect(f.x1).toBeCloseTo(x1 + 0.05 * (x1 - x0), 4);
    expect(f.y0).toBeCloseTo(y0 - 0.05 * (y1 - y0), 4);
    expect(f.y1).toBeCloseTo(y1 + 0.05 * (y1 - y0), 4);
    expect(f).toMatchObject({ size: 400, pad: 28, oneD: false });
    expect(makeFrame(line(10), false, 300, 10).pad).toBe(10);
  });

  it('is not stretched by a few outliers, nor by values that are not finite', () => {
    const points = line(1001);
    const clean = makeFrame(points, false, 400);
    const wild = new Float32Array([...points, 1e6, -1e6, NaN, Infinity, -1e6, NaN]);
    const f = makeFrame(wild, false, 400);
    expect(f.x1).toBeLessThan(6);
    expect(f.y0).toBeGreaterThan(0);
    expect(f.x0).toBeCloseTo(clean.x0, 1);
    expect(f.y1).toBeCloseTo(clean.y1, 1);
    // With few points, an infinite one would be the 99.5 % quantile itself.
    const few = makeFrame(new Float32Array([...line(10), Infinity, -Infinity, NaN, NaN]), false, 400);
    for (const v of [few.x0, few.x1, few.y0, few.y1]) expect(Number.isFinite(v)).toBe(true);
    expect(few.x1).toBeCloseTo(5 + 0.5, 5);
    expect(few.y0).toBeCloseTo(1 - 0.1, 5);
  });

  it('a 1-D code spans the digit rows 0–9 on y, without a margin', () => {
    const f = makeFrame(line(101), true, 400);
    expect(f.oneD).toBe(true);
    expect([f.y0, f.y1]).toEqual([-0.7, 9.7]);
    expect(f.x0).toBeLessThan(-4.9);
  });

  it('gives a span of 2 around points that all coincide, and a unit frame with no points', () => {
    const f = makeFrame(Float32Array.from([2, 3, 2, 3, 2, 3]), false, 400);
    expect(f.x0).toBeCloseTo(1 - 0.1, 6);
    expect(f.x1).toBeCloseTo(3 + 0.1, 6);
    expect(f.y0).toBeCloseTo(2 - 0.1, 6);
    expect(f.y1).toBeCloseTo(4 + 0.1, 6);
    const empty = makeFrame(new Float32Array(0), false, 400);
    for (const v of [empty.x0, empty.x1, empty.y0, empty.y1]) expect(Number.isFinite(v)).toBe(true);
    expect(empty.x1).toBeGreaterThan(empty.x0);
  });
});

describe('toPixels and toData', () => {
  const f: Frame = { x0: -2, x1: 6, y0: 1, y1: 5, size: 228, pad: 14, oneD: false };

  it('the frame’s corners are the drawing area’s, with y up in data and down on screen', () => {
    expect(toPixels(f, -2, 1)).toEqual([14, 214]);
    expect(toPixels(f, 6, 5)).toEqual([214, 14]);
    expect(toPixels(f, 2, 3)).toEqual([114, 114]);
  });

  it('are each other’s inverse', () => {
    for (const [x, y] of [
      [0, 0],
      [-2, 5],
      [3.7, -1.25],
      [100, 42],
    ]) {
      const [px, py] = toPixels(f, x, y);
      const [bx, by] = toData(f, px, py);
      expect(bx).toBeCloseTo(x, 9);
      expect(by).toBeCloseTo(y, 9);
    }
    for (const [px, py] of [
      [0, 0],
      [14, 214],
      [57.5, 180.25],
    ]) {
      const [x, y] = toData(f, px, py);
      const back = toPixels(f, x, y);
      expect(back[0]).toBeCloseTo(px, 9);
      expect(back[1]).toBeCloseTo(py, 9);
    }
  });
});

describe('nearestPoint', () => {
  const pixels = Float32Array.from([10, 10, 50, 50, 53, 54, 100, 10]);

  it('the index of the point nearest to the pointer, within the radius', () => {
    expect(nearestPoint(pixels, 12, 11, 5)).toBe(0);
    expect(nearestPoint(pixels, 52, 52, 5)).toBe(2);
    expect(nearestPoint(pixels, 49, 49, 5)).toBe(1);
    expect(nearestPoint(pixels, 100, 14, 4)).toBe(3);
  });

  it('null when no point is within the radius, or when there are none', () => {
    expect(nearestPoint(pixels, 100, 15, 4.9)).toBeNull();
    expect(nearestPoint(pixels, 30, 30, 10)).toBeNull();
    expect(nearestPoint(new Float32Array(0), 0, 0, 100)).toBeNull();
  });
});

describe('plotPositions', () => {
  it('a 2-D code or projection is drawn where it is', () => {
    const points = Float32Array.from([0.5, -1, 3, 4, -2, 0]);
    const labels = Uint8Array.from([7, 1, 0]);
    expect(plotPositions(points, labels, false)).toEqual(points);
  });

  it('a 1-D code: x is the code; y is its digit’s row, with a small jitter that is the same every time', () => {
    const n = 200;
    const points = Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? i / 10 : 99));
    const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
    const pos = plotPositions(points, labels, true);
    const rows = new Set<number>();
    for (let i = 0; i < n; i++) {
      expect(pos[2 * i]).toBe(points[2 * i]);
      const offset = pos[2 * i + 1] - labels[i];
      expect(Math.abs(offset)).toBeLessThanOrEqual(0.3 + 1e-6);
      rows.add(Math.round(offset * 100));
    }
    // The jitter spreads the digits of a row out.
    expect(rows.size).toBeGreaterThan(20);
    expect(plotPositions(points, labels, true)).toEqual(pos);
  });
});
