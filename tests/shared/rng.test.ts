import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, shuffledIndices } from '../../src/shared/rng';

const draw = (seed: number, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng());
};

describe('createRng', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
    // Seeds are taken as uint32.
    expect(draw(-1, 10)).toEqual(draw(0xffffffff, 10));
  });

  it('gives different sequences for different seeds', () => {
    const a = draw(1, 20);
    const b = draw(2, 20);
    expect(a.filter((v, i) => v === b[i]).length).toBe(0);
  });

  it('is mulberry32: known first outputs', () => {
    // Reference values of mulberry32 for seed 0 (t·2⁻³²).
    const rng = createRng(0);
    expect(rng()).toBeCloseTo(0.26642920868471265, 15);
    expect(rng()).toBeCloseTo(0.0003297457005828619, 15);
  });

  it('draws uniformly in [0, 1)', () => {
    const values = draw(123, 20000);
    const buckets = new Array(10).fill(0);
    for (const v of values) {
      expect(v >= 0 && v < 1).toBe(true);
      buckets[Math.floor(v * 10)]++;
    }
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(200);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 1);
    expect(new Set(values).size).toBeGreaterThan(19990);
  });
});

describe('shuffledIndices', () => {
  it('is a permutation of 0..n−1', () => {
    for (const n of [0, 1, 2, 7, 1000]) {
      const out = shuffledIndices(n, createRng(n + 3));
      expect(out).toBeInstanceOf(Uint32Array);
      expect(out.length).toBe(n);
      expect(Array.from(out).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('actually shuffles, reproducibly for a seed', () => {
    const a = shuffledIndices(1000, createRng(5));
    const b = shuffledIndices(1000, createRng(5));
    const c = shuffledIndices(1000, createRng(6));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    const fixedPoints = Array.from(a).filter((v, i) => v === i).length;
    expect(fixedPoints).toBeLessThan(10); // about 1 expected
  });

  it('gives a new order on each call with the same generator', () => {
    const rng = createRng(8);
    const first = shuffledIndices(100, rng);
    const second = shuffledIndices(100, rng);
    expect(second).not.toEqual(first);
  });

  it('puts each element in each position about equally often', () => {
    const rng = createRng(99);
    const counts = Array.from({ length: 4 }, () => new Array(4).fill(0));
    for (let t = 0; t < 8000; t++) {
      const p = shuffledIndices(4, rng);
      for (let i = 0; i < 4; i++) counts[i][p[i]]++;
    }
    for (const row of counts) for (const c of row) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });
});

describe('deriveSeed', () => {
  it('is deterministic and a 31-bit non-negative integer', () => {
    for (const [seed, counter] of [
      [1, 0],
      [0, 0],
      [2147483647, 12345],
      [7, -1],
      [7, -1001],
    ]) {
      const s = deriveSeed(seed, counter);
      expect(s).toBe(deriveSeed(seed, counter));
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(2 ** 31);
    }
  });

  it('differs per counter and per seed', () => {
    const perCounter = new Set(Array.from({ length: 2000 }, (_, c) => deriveSeed(1, c)));
    expect(perCounter.size).toBe(2000);
    const negative = new Set(Array.from({ length: 200 }, (_, c) => deriveSeed(1, -1 - c)));
    expect(negative.size).toBe(200);
    const perSeed = new Set(Array.from({ length: 2000 }, (_, s) => deriveSeed(s, 0)));
    expect(perSeed.size).toBe(2000);
    expect(deriveSeed(1, 1)).not.toBe(deriveSeed(2, 1));
  });
});
