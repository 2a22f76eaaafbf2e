import { describe, expect, it } from 'vitest';
import { bandPath, decimalsOf, extent, linePath, linearScale, nearestIndex, niceTicks } from '../../src/features/loss-chart/loss-plot';
import { bucketSeries } from '../../src/shared/series';

describe('loss plot geometry', () => {
  it('round ticks that cover the range', () => {
    expect(niceTicks(0.093, 0.69, 5)).toEqual({ ticks: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], domain: [0, 0.7], step: 0.1 });
    expect(niceTicks(0, 1880, 5).ticks).toEqual([0, 500, 1000, 1500, 2000]);
    const flat = niceTicks(2, 2, 5);
    expect(flat.domain[0]).toBeLessThan(2);
    expect(flat.domain[1]).toBeGreaterThan(2);
    expect(niceTicks(NaN, 1, 5).domain).toEqual([0, 1]);
    expect(decimalsOf(0.025)).toBe(3);
    expect(decimalsOf(0.5)).toBe(1);
    expect(decimalsOf(20)).toBe(0);
  });

  it('one path per curve, broken where a value is missing', () => {
    const sx = linearScale([0, 10], [0, 100]);
    const sy = linearScale([0, 1], [100, 0]);
    expect(linePath([0, 5, 10], [0, 0.5, 1], sx, sy)).toBe('M0 100L50 50L100 0');
    expect(linePath([0, 5, 10], [0, NaN, 1], sx, sy)).toBe('M0 100M100 0');
  });

  it('a band from each run of batches’ least to greatest value', () => {
    const sx = linearScale([0, 9], [0, 90]);
    const sy = linearScale([0, 10], [100, 0]);
    const buckets = bucketSeries([0, 1, 2, 3, 4, 5], [1, 3, 2, 6, 4, 5], 3, 0);
    expect(bandPath(buckets, sx, sy)).toBe('M0 90L15 70L40 40L40 60L15 80L0 90Z');
    expect(bandPath(bucketSeries([0, 1], [1, 2], 5), sx, sy)).toBe('');
  });

  it('finds the nearest point and the extent', () => {
    expect(nearestIndex([0, 10, 20, 30], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20, 30], 16)).toBe(2);
    expect(nearestIndex([0, 10], 99)).toBe(1);
    expect(nearestIndex([], 3)).toBe(-1);
    expect(extent([3, NaN, 1], [7])).toEqual([1, 7]);
  });
});
