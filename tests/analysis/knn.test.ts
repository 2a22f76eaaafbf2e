import { describe, expect, it } from 'vitest';
import { knnGraph, KnnGraphBuilder, nearestNeighbours, retrievalPrecision } from '../../src/analysis/knn';
import { createRng, shuffledIndices } from '../../src/shared/rng';

function randomCodes(n: number, dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return new Float32Array(n * dim).map(() => rng() * 2 - 1);
}

/** All distances from a query, sorted (distance, then index): the reference answer. */
function bruteForce(codes: Float32Array, dim: number, q: Float32Array, skip: number) {
  const n = codes.length / dim;
  const all: { j: number; d: number }[] = [];
  for (let j = 0; j < n; j++) {
    if (j === skip) continue;
    let s = 0;
    for (let t = 0; t < dim; t++) s += (codes[j * dim + t] - q[t]) ** 2;
    all.push({ j, d: Math.sqrt(s) });
  }
  return all.sort((a, b) => a.d - b.d || a.j - b.j);
}

/** Three tight groups of 20 points far apart in 5-D; label = group. */
function clusters(seed: number) {
  const rng = createRng(seed);
  const dim = 5;
  const n = 60;
  const codes = new Float32Array(n * dim);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3;
    for (let t = 0; t < dim; t++) codes[i * dim + t] = (t === labels[i] ? 10 : 0) + 0.1 * rng();
  }
  return { codes, labels, dim, n };
}

describe('nearestNeighbours', () => {
  it('matches brute force for row queries, leaving the row itself out', () => {
    const dim = 7;
    const codes = randomCodes(300, dim, 1);
    for (const q of [0, 17, 299]) {
      const { indices, distances } = nearestNeighbours(codes, dim, q, 10);
      const expected = bruteForce(codes, dim, codes.subarray(q * dim, q * dim + dim), q).slice(0, 10);
      expect(Array.from(indices)).toEqual(expected.map((e) => e.j));
      expect(Array.from(indices)).not.toContain(q);
      expected.forEach((e, t) => expect(distances[t]).toBeCloseTo(e.d, 5));
      for (let t = 1; t < distances.length; t++) expect(distances[t]).toBeGreaterThanOrEqual(distances[t - 1]);
    }
  });

  it('matches brute force for a vector query, which may find an identical row at distance 0', () => {
    const dim = 4;
    const codes = randomCodes(200, dim, 2);
    const query = codes.slice(5 * dim, 6 * dim);
    const { indices, distances } = nearestNeighbours(codes, dim, query, 6);
    expect(indices[0]).toBe(5);
    expect(distances[0]).toBe(0);
    expect(Array.from(indices)).toEqual(
      bruteForce(codes, dim, query, -1)
        .slice(0, 6)
        .map((e) => e.j),
    );
  });

  it('returns fewer neighbours when k exceeds the other rows, and rejects a bad query', () => {
    const codes = randomCodes(4, 3, 3);
    expect(nearestNeighbours(codes, 3, 1, 10).indices.length).toBe(3);
    expect(nearestNeighbours(codes, 3, new Float32Array(3), 10).indices.length).toBe(4);
    expect(() => nearestNeighbours(codes, 3, 4, 2)).toThrow(RangeError);
    expect(() => nearestNeighbours(codes, 3, new Float32Array(2), 2)).toThrow(RangeError);
  });

  it('breaks ties by the smaller index', () => {
    // Rows 0..3 all at distance 1 from row 4 (the origin).
    const codes = Float32Array.of(1, 0, 0, 1, -1, 0, 0, -1, 0, 0);
    expect(Array.from(nearestNeighbours(codes, 2, 4, 3).indices)).toEqual([0, 1, 2]);
  });
});

describe('knnGraph', () => {
  it('gives every row the same neighbours as a query per row', () => {
    const dim = 6;
    const n = 150;
    const codes = randomCodes(n, dim, 4);
    const graph = knnGraph(codes, dim, 8);
    expect(graph.k).toBe(8);
    for (let i = 0; i < n; i++) {
      const single = nearestNeighbours(codes, dim, i, 8);
      expect(Array.from(graph.indices.subarray(i * 8, i * 8 + 8))).toEqual(Array.from(single.indices));
      expect(Array.from(graph.distances.subarray(i * 8, i * 8 + 8))).toEqual(Array.from(single.distances));
    }
  });

  it('is the same built in small slices', () => {
    const codes = randomCodes(120, 5, 5);
    const builder = new KnnGraphBuilder(codes, 5, 6);
    let slices = 0;
    while (!builder.advance(50)) slices++;
    expect(slices).toBeGreaterThan(10);
    const sliced = builder.result();
    const whole = knnGraph(codes, 5, 6);
    expect(Array.from(sliced.indices)).toEqual(Array.from(whole.indices));
  });
});

describe('retrievalPrecision', () => {
  it('is 1 on well-separated clusters, with chance Σ n_c(n_c − 1) / n(n − 1)', () => {
    const { codes, labels, dim } = clusters(6);
    const { precision, chance } = retrievalPrecision(codes, labels, dim, 8);
    expect(precision).toBe(1);
    expect(chance).toBeCloseTo((3 * 20 * 19) / (60 * 59), 12);
  });

  it('is near chance when labels are shuffled', () => {
    const dim = 8;
    const n = 1000;
    const codes = randomCodes(n, dim, 7);
    const order = shuffledIndices(n, createRng(8));
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) labels[order[i]] = i % 10;
    const { precision, chance } = retrievalPrecision(codes, labels, dim, 8);
    expect(chance).toBeCloseTo((10 * 100 * 99) / (1000 * 999), 12);
    // 8,000 neighbour pairs; the standard error of the mean is ≈ 0.0034.
    expect(Math.abs(precision - chance)).toBeLessThan(0.02);
  });

  it('scores only the given queries, with chance from their own labels', () => {
    const dim = 3;
    const n = 40;
    const codes = randomCodes(n, dim, 9);
    // Unequal classes: 30 rows labelled 0, 10 labelled 1.
    const labels = new Uint8Array(n).map((_, i) => (i < 30 ? 0 : 1));
    const queries = [2, 35, 36];
    const r = retrievalPrecision(codes, labels, dim, 4, queries);
    const expectedChance = (29 / 39 + 9 / 39 + 9 / 39) / 3;
    expect(r.chance).toBeCloseTo(expectedChance, 12);
    let expected = 0;
    for (const q of queries) {
      const { indices } = nearestNeighbours(codes, dim, q, 4);
      expected += Array.from(indices).filter((j) => labels[j] === labels[q]).length / 4;
    }
    expect(r.precision).toBeCloseTo(expected / 3, 12);
  });
});
