import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketSeries } from '../../src/shared/series';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('bucketSeries', () => {
  it('passes a short series through, one exact bucket per point', () => {
    expect(bucketSeries([1, 2], [10, 20], 5)).toEqual([
      { x0: 1, x1: 1, x: 1, mean: 10, min: 10, max: 10, count: 1 },
      { x0: 2, x1: 2, x: 2, mean: 20, min: 20, max: 20, count: 1 },
    ]);
    expect(bucketSeries([], [], 10)).toEqual([]);
    expect(bucketSeries([1, 2, 3], [5], 10)).toHaveLength(1);
  });

  it('keeps the first point and the latest points exact, and every extreme', () => {
    const n = 5000;
    const xs = range(n);
    const ys = xs.map((i) => (i === 1234 ? 9 : i === 3210 ? -9 : Math.sin(i)));
    const out = bucketSeries(xs, ys, 200, 20);
    expect(out).toHaveLength(200);
    expect(out[0]).toMatchObject({ x0: 0, x1: 0, count: 1, mean: ys[0] });
    const tail = out.slice(-20);
    tail.forEach((b, i) => expect(b).toMatchObject({ x0: n - 20 + i, count: 1, mean: ys[n - 20 + i] }));
    expect(Math.max(...out.map((b) => b.max))).toBe(9);
    expect(Math.min(...out.map((b) => b.min))).toBe(-9);
  });

  it('averages consecutive runs and names what each spans', () => {
    const out = bucketSeries([1, 2, 3, 4, 5, 6, 7, 8], [0, 10, 20, 30, 40, 50, 60, 70], 4, 1);
    expect(out).toEqual([
      { x0: 1, x1: 1, x: 1, mean: 0, min: 0, max: 0, count: 1 },
      { x0: 2, x1: 4, x: 3, mean: 20, min: 10, max: 30, count: 3 },
      { x0: 5, x1: 7, x: 6, mean: 50, min: 40, max: 60, count: 3 },
      { x0: 8, x1: 8, x: 8, mean: 70, min: 70, max: 70, count: 1 },
    ]);
  });

  it('leaves non-finite values out of the mean and the range', () => {
    const out = bucketSeries(range(10), [1, NaN, 3, Infinity, 5, 1, 1, 1, 1, 1], 3, 0);
    expect(out[1]).toMatchObject({ min: 3, max: 5, mean: 4 });
  });

  it('for any series and size: bounded, in order, covering every point once, extremes kept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 3000 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 50 }),
        (ys, maxBuckets, tail) => {
          const xs = range(ys.length);
          const out = bucketSeries(xs, ys, maxBuckets, tail);
          expect(out.length).toBeLessThanOrEqual(maxBuckets);
          expect(out.reduce((s, b) => s + b.count, 0)).toBe(ys.length);
          let next = 0;
          for (const b of out) {
            expect(b.x0).toBe(next);
            expect(b.x1).toBe(next + b.count - 1);
            expect(b.min).toBeLessThanOrEqual(b.mean + 1e-6);
            expect(b.max).toBeGreaterThanOrEqual(b.mean - 1e-6);
            next += b.count;
          }
          if (ys.length === 0) return;
          expect(Math.max(...out.map((b) => b.max))).toBe(Math.max(...ys));
          expect(Math.min(...out.map((b) => b.min))).toBe(Math.min(...ys));
          // The first point is exact once there are three buckets to give, and so is the tail asked for.
          if (maxBuckets >= 3) expect(out[0].count).toBe(1);
          const exactTail = Math.min(tail, maxBuckets - 2, ys.length - 2);
          if (ys.length > maxBuckets && exactTail > 0) out.slice(-exactTail).forEach((b) => expect(b.count).toBe(1));
        },
      ),
    );
  });
});

describe('spreadLabels', () => {
  it('leaves far-apart labels alone and pushes close ones to at least the gap', async () => {
    const { spreadLabels } = await import('../../src/shared/label-layout');
    const far = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
    ];
    expect(spreadLabels(far, 18)).toEqual(far);
    const close = [
      { x: 50, y: 50, d: 0 },
      { x: 52, y: 50, d: 1 },
      { x: 50, y: 50, d: 2 },
      { x: 51, y: 53, d: 3 },
    ];
    const out = spreadLabels(close, 18);
    expect(out.map((l) => l.d)).toEqual([0, 1, 2, 3]);
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        expect(Math.hypot(out[i].x - out[j].x, out[i].y - out[j].y)).toBeGreaterThanOrEqual(17.9);
      }
    }
    // The group stays where it was, on average.
    const cx = out.reduce((s, l) => s + l.x, 0) / out.length;
    expect(cx).toBeCloseTo(50.75, 0);
  });
});
