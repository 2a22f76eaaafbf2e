/**
 * k-means clustering in plain JS, seeded and deterministic, for comparing
 * how well raw pixels and learned codes group the digits without labels.
 *
 * k-means looks for k centroids μ₁…μ_k minimising the inertia
 * Σᵢ ‖xᵢ − μ_{a(i)}‖², where a(i) is the centroid nearest to xᵢ. Lloyd's
 * algorithm alternates two steps that each lower it: assign every point to
 * its nearest centroid, then move every centroid to the mean of its points.
 * It stops when no assignment changes (a local minimum).
 */
import { createRng } from '../shared/rng';
import { lloyd, type KMeansResult } from './kmeans-lloyd';
import { seedPlusPlus } from './kmeans-seeding';

export type { KMeansResult } from './kmeans-lloyd';

/** Bytes become value / 255, so pixels live in [0, 1] like the model's inputs. */
function asFloats(data: Float32Array | Uint8Array, length: number): Float32Array {
  if (data instanceof Float32Array) return data.length === length ? data : data.subarray(0, length);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = data[i] / 255;
  return out;
}

/**
 * Clusters n points of `dim` values (row-major; bytes are read as
 * value / 255) into k groups: k-means++ seeds from `createRng(seed)`, then
 * Lloyd iterations (see kMeansFrom) until no assignment changes or
 * `maxIterations` assignment passes. Same data and seed, same clusters.
 */
export function kMeans(
  data: Float32Array | Uint8Array,
  n: number,
  dim: number,
  k: number,
  seed: number,
  maxIterations = 100,
): KMeansResult {
  checkShape(data, n, dim, k);
  if (n === 0 || dim === 0) return emptyResult(n, dim, k);
  const x = asFloats(data, n * dim);
  return lloyd(x, n, dim, k, seedPlusPlus(x, n, dim, k, createRng(seed)), maxIterations);
}

/**
 * Lloyd iterations from the given k × dim centroids (row-major), as kMeans
 * runs them after seeding.
 *
 * Speed: Elkan's bounds. A plain assignment pass measures all n·k
 * distances. Here each point keeps an upper bound u on the distance to its
 * own centroid and a lower bound l_c on the distance to every centroid c.
 * When centroids move by p_c, u grows by its centroid's move and each l_c
 * shrinks by p_c (triangle inequality). Centroid c cannot win for a point if
 * u ≤ l_c or u ≤ ½·d(μ_a, μ_c) (then d(x, μ_c) ≥ d(μ_a, μ_c) − d(x, μ_a) ≥ u);
 * only the remaining distances are measured, as ‖x‖² − 2x·μ + ‖μ‖² with the
 * norms precomputed. Assignments are those of plain Lloyd iterations; on
 * MNIST digits about four in five distances after the first pass are never
 * measured.
 *
 * Empty clusters: a cluster left empty moves to the point farthest from its
 * own centroid (taken out of its old cluster), the usual repair. If every
 * point sits exactly on a centroid (k above the number of distinct points)
 * the empty clusters stay empty.
 */
export function kMeansFrom(
  data: Float32Array | Uint8Array,
  n: number,
  dim: number,
  initial: Float32Array | Float64Array,
  maxIterations = 100,
): KMeansResult {
  const k = dim > 0 ? Math.floor(initial.length / dim) : 0;
  checkShape(data, n, dim, k);
  if (n === 0 || dim === 0) return emptyResult(n, dim, k);
  return lloyd(asFloats(data, n * dim), n, dim, k, Float64Array.from(initial.subarray(0, k * dim)), maxIterations);
}

function checkShape(data: Float32Array | Uint8Array, n: number, dim: number, k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > 65536) throw new RangeError(`k must be an integer in 1…65536, not ${k}`);
  if (data.length < n * dim) throw new RangeError(`data has ${data.length} values, ${n} × ${dim} expected`);
}

function emptyResult(n: number, dim: number, k: number): KMeansResult {
  return {
    assignments: k <= 256 ? new Uint8Array(n) : new Uint16Array(n),
    centroids: new Float32Array(k * dim),
    iterations: 0,
    inertia: 0,
  };
}
/** Points per (cluster, label): a k × classes table, row-major. */
function contingency(assignments: ArrayLike<number>, labels: ArrayLike<number>, k: number): { table: Uint32Array; classes: number } {
  let classes = 0;
  for (let i = 0; i < labels.length; i++) classes = Math.max(classes, labels[i] + 1);
  const table = new Uint32Array(k * classes);
  const n = Math.min(assignments.length, labels.length);
  for (let i = 0; i < n; i++) table[assignments[i] * classes + labels[i]]++;
  return { table, classes };
}

/**
 * The most common label in each cluster (ties: the smaller label), or −1
 * for an empty cluster.
 */
export function clusterMajorities(assignments: ArrayLike<number>, labels: ArrayLike<number>, k: number): number[] {
  const { table, classes } = contingency(assignments, labels, k);
  const out: number[] = [];
  for (let c = 0; c < k; c++) {
    let best = -1;
    let bestCount = 0;
    for (let l = 0; l < classes; l++) {
      if (table[c * classes + l] > bestCount) {
        bestCount = table[c * classes + l];
        best = l;
      }
    }
    out.push(best);
  }
  return out;
}

/**
 * Purity: the share of points whose cluster's majority label is their own,
 * Σ_c max_l n_{c,l} / n. 1 when every cluster holds one digit; about the
 * largest class's share when clusters ignore the digits (k small), and it
 * grows with k (k = n gives 1), so compare at equal k.
 */
export function purity(assignments: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  const n = Math.min(assignments.length, labels.length);
  if (n === 0) return NaN;
  const { table, classes } = contingency(assignments, labels, k);
  let agree = 0;
  for (let c = 0; c < k; c++) {
    let most = 0;
    for (let l = 0; l < classes; l++) most = Math.max(most, table[c * classes + l]);
    agree += most;
  }
  return agree / n;
}
