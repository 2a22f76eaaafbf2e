import { describe, expect, it } from 'vitest';
import { downsample } from '../../src/shared/series';

describe('downsample', () => {
  it('passes a short series through as points', () => {
    expect(downsample([1, 2, 3], [10, 20, 30], 5)).toEqual([
      { x: 1, y: 10 },
      { x: 2, y: 20 },
      { x: 3, y: 30 },
    ]);
    expect(downsample([1, 2], [10, 20], 2)).toHaveLength(2);
    expect(downsample([], [], 10)).toEqual([]);
  });

  it('uses the shorter of xs and ys', () => {
    expect(downsample([1, 2, 3], [5], 10)).toEqual([{ x: 1, y: 5 }]);
  });

  it('averages consecutive buckets down to maxPoints', () => {
    const xs = [1, 2, 3, 4, 5, 6];
    const ys = [10, 20, 30, 40, 50, 60];
    expect(downsample(xs, ys, 3)).toEqual([
      { x: 1.5, y: 15 },
      { x: 3.5, y: 35 },
      { x: 5.5, y: 55 },
    ]);
    expect(downsample(xs, ys, 1)).toEqual([{ x: 3.5, y: 35 }]);
  });

  it('covers every input once when the size does not divide evenly', () => {
    const n = 1007;
    const xs = Float64Array.from({ length: n }, (_, i) => i);
    const ys = Float64Array.from({ length: n }, () => 1);
    const out = downsample(xs, ys, 100);
    expect(out).toHaveLength(100);
    for (const p of out) expect(p.y).toBe(1);
    // Buckets of 10 or 11 consecutive inputs, from the first input to the last.
    for (let i = 1; i < out.length; i++) {
      const gap = out[i].x - out[i - 1].x;
      expect(gap).toBeGreaterThanOrEqual(10);
      expect(gap).toBeLessThanOrEqual(11);
    }
    expect(out[0].x).toBe(4.5); // mean of 0..9
    expect(out[99].x).toBe(1001); // mean of 996..1006
  });

  it('smooths noise', () => {
    const n = 10000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const ys = xs.map((i) => (i % 2 === 0 ? 1 : -1));
    for (const p of downsample(xs, ys, 50)) expect(Math.abs(p.y)).toBe(0);
  });
});

describe('downsample edge', () => {
  it('the last bucket always includes the last input, whatever the floating-point rounding', async () => {
    const { downsample } = await import('../../src/shared/series');
    for (const n of [1003, 1001, 997, 4681]) {
      const xs = Array.from({ length: n }, (_, i) => i);
      const ys = xs.map((i) => (i === n - 1 ? 1000 : 0));
      const out = downsample(xs, ys, 100);
      expect(out).toHaveLength(100);
      expect(out[99].y).toBeGreaterThan(0);
    }
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
