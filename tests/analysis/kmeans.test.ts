import { describe, expect, it } from 'vitest';
import { clusterMajorities, kMeans, kMeansFrom, purity } from '../../src/analysis/kmeans';
import { createRng } from '../../src/shared/rng';

/** `perBlob` points around each of `blobs` centres 20 apart in `dim`-D, spread ±0.5; label = blob. */
function blobs(blobCount: number, perBlob: number, dim: number, seed: number) {
  const rng = createRng(seed);
  const n = blobCount * perBlob;
  const data = new Float32Array(n * dim);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const b = i % blobCount;
    labels[i] = b;
    for (let t = 0; t < dim; t++) data[i * dim + t] = (t % blobCount === b ? 20 : 0) + rng() - 0.5;
  }
  return { data, labels, n };
}

/** Plain Lloyd iterations (every distance, every pass) from given centroids: the reference. */
function plainLloyd(x: Float32Array, n: number, dim: number, initial: Float64Array, maxIterations: number) {
  const k = initial.length / dim;
  const c = Float64Array.from(initial);
  const a = new Int32Array(n).fill(-1);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      let bestC = 0;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let t = 0; t < dim; t++) s += (x[i * dim + t] - c[j * dim + t]) ** 2;
        if (s < best) {
          best = s;
          bestC = j;
        }
      }
      if (a[i] !== bestC) changed++;
      a[i] = bestC;
    }
    if (changed === 0) break;
    const sums = new Float64Array(k * dim);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      counts[a[i]]++;
      for (let t = 0; t < dim; t++) sums[a[i] * dim + t] += x[i * dim + t];
    }
    for (let j = 0; j < k; j++) if (counts[j] > 0) for (let t = 0; t < dim; t++) c[j * dim + t] = sums[j * dim + t] / counts[j];
  }
  return { assignments: Array.from(a), iterations };
}

describe('kMeans', () => {
  it('recovers well-separated blobs (purity 1), the same way for the same seed', () => {
    const { data, labels, n } = blobs(4, 50, 6, 1);
    const a = kMeans(data, n, 6, 4, 42);
    const b = kMeans(data, n, 6, 4, 42);
    expect(purity(a.assignments, labels, 4)).toBe(1);
    expect(Array.from(a.assignments)).toEqual(Array.from(b.assignments));
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
    // Four different clusters, each a whole blob, its centroid at the blob's centre.
    const majorities = clusterMajorities(a.assignments, labels, 4);
    expect([...majorities].sort()).toEqual([0, 1, 2, 3]);
    for (let c = 0; c < 4; c++) {
      for (let t = 0; t < 6; t++) expect(a.centroids[c * 6 + t]).toBeCloseTo(t % 4 === majorities[c] ? 20 : 0, 0);
    }
    expect(a.inertia).toBeLessThan(n * 6 * 0.25);
    for (const seed of [1, 2, 3]) expect(purity(kMeans(data, n, 6, 4, seed).assignments, labels, 4)).toBe(1);
  });

  it('gives plain Lloyd’s assignments, though it skips distances', () => {
    const rng = createRng(3);
    const n = 500;
    const dim = 5;
    const data = new Float32Array(n * dim).map(() => rng());
    const initial = Float64Array.from({ length: 8 * dim }, () => rng());
    const fast = kMeansFrom(data, n, dim, initial, 100);
    const reference = plainLloyd(data, n, dim, initial, 100);
    expect(fast.iterations).toBe(reference.iterations);
    expect(Array.from(fast.assignments)).toEqual(reference.assignments);
    expect(fast.iterations).toBeGreaterThan(3);
  });

  it('reads bytes as value / 255', () => {
    const rng = createRng(4);
    const bytes = new Uint8Array(300 * 10).map(() => Math.floor(rng() * 256));
    const floats = Float32Array.from(bytes, (v) => v / 255);
    const a = kMeans(bytes, 300, 10, 5, 7);
    const b = kMeans(floats, 300, 10, 5, 7);
    expect(Array.from(a.assignments)).toEqual(Array.from(b.assignments));
    expect(a.inertia).toBeCloseTo(b.inertia, 6);
    for (const v of a.centroids) expect(v).toBeLessThanOrEqual(1);
  });

  it('copes with k above the number of distinct points: inertia 0, copies together, no crash', () => {
    // Six points, two distinct values.
    const data = Float32Array.of(0, 0, 5, 5, 0, 0, 5, 5, 0, 0, 5, 5);
    const r = kMeans(data, 6, 2, 4, 1);
    expect(r.inertia).toBe(0);
    for (const c of r.assignments) expect(c).toBeLessThan(4);
    expect(r.assignments[0]).toBe(r.assignments[2]);
    expect(r.assignments[0]).toBe(r.assignments[4]);
    expect(r.assignments[1]).toBe(r.assignments[3]);
    expect(r.assignments[0]).not.toBe(r.assignments[1]);
    // k = n distinct points: one point each.
    const distinct = Float32Array.of(0, 1, 2, 3, 4);
    const each = kMeans(distinct, 5, 1, 5, 9);
    expect(new Set(each.assignments).size).toBe(5);
    expect(each.inertia).toBe(0);
  });

  it('moves an empty cluster to the farthest point', () => {
    // Two groups on a line; the third centroid starts far from everything and wins no point.
    const data = Float32Array.of(0, 0.1, 0.2, 10, 10.1, 10.2, 30);
    const r = kMeansFrom(data, 7, 1, Float64Array.of(0, 10, 1000));
    // The far point 30 (farthest from its centroid near 10) took over the empty cluster.
    expect(Array.from(r.assignments)).toEqual([0, 0, 0, 1, 1, 1, 2]);
    expect(r.centroids[2]).toBe(30);
    expect(r.centroids[1]).toBeCloseTo(10.1, 5);
  });

  it('uses 16-bit assignments above 256 clusters and rejects a bad k', () => {
    const rng = createRng(5);
    const data = new Float32Array(600 * 2).map(() => rng());
    const r = kMeans(data, 600, 2, 300, 1, 5);
    expect(r.assignments).toBeInstanceOf(Uint16Array);
    expect(Math.max(...r.assignments)).toBeLessThan(300);
    expect(() => kMeans(data, 600, 2, 0, 1)).toThrow(RangeError);
    expect(() => kMeans(data, 601, 2, 3, 1)).toThrow(RangeError);
  });
});

describe('purity and clusterMajorities', () => {
  it('follow a hand-worked example', () => {
    // Cluster 0: labels 1,1,2 → majority 1 (2 agree). Cluster 1: 0,0,0,2 → 0 (3 agree).
    // Cluster 2: empty. Cluster 3: 3 and 2 tie → the smaller label, 2 (1 agrees).
    const assignments = Uint8Array.of(0, 0, 0, 1, 1, 1, 1, 3, 3);
    const labels = Uint8Array.of(1, 1, 2, 0, 0, 0, 2, 3, 2);
    expect(clusterMajorities(assignments, labels, 4)).toEqual([1, 0, -1, 2]);
    expect(purity(assignments, labels, 4)).toBeCloseTo(6 / 9, 12);
  });

  it('is 1 for one cluster per item and the largest class share for a single cluster', () => {
    const labels = Uint8Array.of(0, 1, 1, 2, 1);
    expect(purity(Uint8Array.of(0, 1, 2, 3, 4), labels, 5)).toBe(1);
    expect(purity(new Uint8Array(5), labels, 1)).toBeCloseTo(3 / 5, 12);
  });
});
