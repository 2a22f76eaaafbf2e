import { describe, expect, it } from 'vitest';
import { histogram, meanByClass, worstIndices } from '../../src/analysis/histogram';
import { createRng } from '../../src/shared/rng';

describe('histogram', () => {
  it('counts every value once over the values’ own range, the maximum in the last bin', () => {
    const rng = createRng(1);
    const values = new Float32Array(1000).map(() => rng() * 7 - 3);
    const { edges, counts } = histogram(values, 12);
    expect(counts).toHaveLength(12);
    expect(edges).toHaveLength(13);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(edges[0]).toBe(Math.min(...values));
    expect(edges[12]).toBe(Math.max(...values));
    for (let b = 1; b < edges.length; b++) expect(edges[b]).toBeGreaterThan(edges[b - 1]);
    // Each value lies in its bin.
    for (let b = 0; b < 12; b++) {
      const inside = Array.from(values).filter((v) => v >= edges[b] && (b === 11 ? v <= edges[b + 1] : v < edges[b + 1])).length;
      expect(counts[b]).toBe(inside);
    }
  });

  it('uses a given range, leaving out values beyond it and NaN', () => {
    const { edges, counts } = histogram([0, 0.5, 1, 1.5, 2, 2, -1, 5, NaN], 4, [0, 2]);
    expect(edges).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(counts).toEqual([1, 1, 1, 3]);
  });

  it('widens a range of zero width and copes with no values', () => {
    expect(histogram([3, 3, 3], 2)).toEqual({ edges: [2.5, 3, 3.5], counts: [0, 3] });
    expect(histogram([], 2)).toEqual({ edges: [0, 0.5, 1], counts: [0, 0] });
  });
});

describe('meanByClass', () => {
  it('averages per label, NaN for a class without items', () => {
    const means = meanByClass([1, 2, 3, 10, 20], Uint8Array.of(0, 0, 0, 2, 2), 4);
    expect(means.slice(0, 1)).toEqual([2]);
    expect(means[1]).toBeNaN();
    expect(means[2]).toBe(15);
    expect(means[3]).toBeNaN();
    expect(meanByClass([1], Uint8Array.of(0))).toHaveLength(10);
  });
});

describe('worstIndices', () => {
  it('lists the largest values first, ties by index, NaN last', () => {
    expect(worstIndices([0.1, 0.9, 0.5, 0.9, NaN, 0.3], 4)).toEqual([1, 3, 2, 5]);
    expect(worstIndices([1, 2], 5)).toEqual([1, 0]);
    expect(worstIndices([1, 2], 0)).toEqual([]);
  });

  it('agrees with a full sort on random values', () => {
    const rng = createRng(2);
    const values = new Float32Array(5000).map(() => rng());
    const sorted = Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
    expect(worstIndices(values, 25)).toEqual(sorted.slice(0, 25));
  });
});
