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

export interface KMeansResult {
  /** Cluster of each point, 0…k−1 (Uint8Array for k ≤ 256, else Uint16Array). */
  assignments: Uint8Array | Uint16Array;
  /** k × dim centroids, row-major. */
  centroids: Float32Array;
  /** Assignment passes made (the last one changed nothing unless maxIterations was reached). */
  iterations: number;
  /** Σᵢ ‖xᵢ − μ_{a(i)}‖² at the end. */
  inertia: number;
}

/** Bytes become value / 255, so pixels live in [0, 1] like the model's inputs. */
function asFloats(data: Float32Array | Uint8Array, length: number): Float32Array {
  if (data instanceof Float32Array) return data.length === length ? data : data.subarray(0, length);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = data[i] / 255;
  return out;
}

function squaredDistance(x: Float32Array, xo: number, c: Float64Array, co: number, dim: number): number {
  let s = 0;
  for (let t = 0; t < dim; t++) {
    const d = x[xo + t] - c[co + t];
    s += d * d;
  }
  return s;
}

/**
 * k-means++ seeding: the first centroid is a uniformly random point; each
 * next one is point i with probability D(i)² / Σⱼ D(j)², D being the
 * distance to the nearest centroid chosen so far. This spreads the seeds
 * out and makes the result O(log k)-competitive in expectation. When every
 * point already sits on a centroid (k above the number of distinct points)
 * a uniformly random point is taken.
 */
function seedPlusPlus(x: Float32Array, n: number, dim: number, k: number, rng: () => number): Float64Array {
  const centroids = new Float64Array(k * dim);
  const nearest = new Float64Array(n);
  let pick = Math.min(n - 1, Math.floor(rng() * n));
  for (let c = 0; c < k; c++) {
    if (c > 0) {
      let total = 0;
      for (let i = 0; i < n; i++) total += nearest[i];
      if (total > 0) {
        let r = rng() * total;
        pick = -1;
        for (let i = 0; i < n; i++) {
          if (nearest[i] === 0) continue;
          pick = i;
          r -= nearest[i];
          if (r < 0) break;
        }
      } else {
        pick = Math.min(n - 1, Math.floor(rng() * n));
      }
    }
    const co = c * dim;
    const po = pick * dim;
    for (let t = 0; t < dim; t++) centroids[co + t] = x[po + t];
    for (let i = 0; i < n; i++) {
      const d = squaredDistance(x, i * dim, centroids, co, dim);
      if (c === 0 || d < nearest[i]) nearest[i] = d;
    }
  }
  return centroids;
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
  return { assignments: k <= 256 ? new Uint8Array(n) : new Uint16Array(n), centroids: new Float32Array(k * dim), iterations: 0, inertia: 0 };
}

/** Lloyd iterations with Elkan's bounds; `centroids` (k × dim) is updated in place. */
function lloyd(x: Float32Array, n: number, dim: number, k: number, centroids: Float64Array, maxIterations: number): KMeansResult {
  const assignments = k <= 256 ? new Uint8Array(n) : new Uint16Array(n);
  const previous = new Float64Array(k * dim);

  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * dim;
    let s = 0;
    for (let t = 0; t < dim; t++) s += x[o + t] * x[o + t];
    norms[i] = s;
  }
  const centroidNorms = new Float64Array(k);
  /** d(xᵢ, μ_c) from the dot product. */
  const distance = (i: number, c: number): number => {
    const o = i * dim;
    const co = c * dim;
    let dot = 0;
    for (let t = 0; t < dim; t++) dot += x[o + t] * centroids[co + t];
    return Math.sqrt(Math.max(0, norms[i] + centroidNorms[c] - 2 * dot));
  };
  const computeCentroidNorms = () => {
    for (let c = 0; c < k; c++) {
      const co = c * dim;
      let s = 0;
      for (let t = 0; t < dim; t++) s += centroids[co + t] * centroids[co + t];
      centroidNorms[c] = s;
    }
  };
  const upper = new Float64Array(n);
  const lower = new Float64Array(n * k);
  const halfGap = new Float64Array(k * k);
  const nearestHalfGap = new Float64Array(k);
  const moved = new Float64Array(k);
  const sums = new Float64Array(k * dim);
  const counts = new Uint32Array(k);

  // First pass: every distance (ties go to the lower index).
  computeCentroidNorms();
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let bestC = 0;
    for (let c = 0; c < k; c++) {
      const d = distance(i, c);
      lower[i * k + c] = d;
      if (d < best) {
        best = d;
        bestC = c;
      }
    }
    assignments[i] = bestC;
    upper[i] = best;
  }
  let iterations = 1;

  while (iterations < maxIterations) {
    // Move each centroid to the mean of its points.
    previous.set(centroids);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const a = assignments[i];
      counts[a]++;
      const o = i * dim;
      const so = a * dim;
      for (let t = 0; t < dim; t++) sums[so + t] += x[o + t];
    }
    let empty = false;
    for (let c = 0; c < k; c++) if (counts[c] === 0) empty = true;
    if (empty) relocateEmpty(x, n, dim, k, assignments, centroids, sums, counts, upper, lower);
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      const co = c * dim;
      const inv = 1 / counts[c];
      for (let t = 0; t < dim; t++) centroids[co + t] = sums[co + t] * inv;
    }
    computeCentroidNorms();

    // Loosen the bounds by how far the centroids moved.
    for (let c = 0; c < k; c++) moved[c] = Math.sqrt(squaredDistance64(centroids, c * dim, previous, c * dim, dim));
    for (let i = 0; i < n; i++) {
      upper[i] += moved[assignments[i]];
      const lo = i * k;
      for (let c = 0; c < k; c++) {
        const l = lower[lo + c] - moved[c];
        lower[lo + c] = l > 0 ? l : 0;
      }
    }
    for (let c = 0; c < k; c++) {
      nearestHalfGap[c] = Infinity;
      halfGap[c * k + c] = 0;
    }
    for (let c = 0; c < k; c++) {
      for (let c2 = c + 1; c2 < k; c2++) {
        const h = Math.sqrt(squaredDistance64(centroids, c * dim, centroids, c2 * dim, dim)) / 2;
        halfGap[c * k + c2] = h;
        halfGap[c2 * k + c] = h;
        if (h < nearestHalfGap[c]) nearestHalfGap[c] = h;
        if (h < nearestHalfGap[c2]) nearestHalfGap[c2] = h;
      }
    }

    // Reassign, measuring only the distances the bounds cannot rule out.
    iterations++;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const was = assignments[i];
      let a = was;
      let u = upper[i];
      if (u <= nearestHalfGap[a]) continue;
      const lo = i * k;
      let exact = false;
      for (let c = 0; c < k; c++) {
        if (c === a || u <= lower[lo + c] || u <= halfGap[a * k + c]) continue;
        if (!exact) {
          u = distance(i, a);
          lower[lo + a] = u;
          exact = true;
          if (u <= lower[lo + c] || u <= halfGap[a * k + c]) continue;
        }
        const d = distance(i, c);
        lower[lo + c] = d;
        if (d < u) {
          a = c;
          u = d;
        }
      }
      upper[i] = u;
      if (a !== was) {
        assignments[i] = a;
        changed++;
      }
    }
    if (changed === 0) break;
  }

  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(x, i * dim, centroids, assignments[i] * dim, dim);
  return { assignments, centroids: Float32Array.from(centroids), iterations, inertia };
}

function squaredDistance64(a: Float64Array, ao: number, b: Float64Array, bo: number, dim: number): number {
  let s = 0;
  for (let t = 0; t < dim; t++) {
    const d = a[ao + t] - b[bo + t];
    s += d * d;
  }
  return s;
}

/**
 * Gives each empty cluster the point farthest from its current centroid
 * (exact distances), taking it out of a cluster that keeps at least one
 * point. The moved point's bounds are reset so that it is reassigned in
 * full on the next pass.
 */
function relocateEmpty(
  x: Float32Array,
  n: number,
  dim: number,
  k: number,
  assignments: Uint8Array | Uint16Array,
  centroids: Float64Array,
  sums: Float64Array,
  counts: Uint32Array,
  upper: Float64Array,
  lower: Float64Array,
): void {
  const distance = new Float64Array(n);
  for (let i = 0; i < n; i++) distance[i] = squaredDistance(x, i * dim, centroids, assignments[i] * dim, dim);
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) continue;
    let far = -1;
    let farD = 0;
    for (let i = 0; i < n; i++) {
      if (distance[i] > farD && counts[assignments[i]] > 1) {
        farD = distance[i];
        far = i;
      }
    }
    if (far < 0) return;
    const old = assignments[far];
    const o = far * dim;
    for (let t = 0; t < dim; t++) {
      sums[old * dim + t] -= x[o + t];
      sums[c * dim + t] = x[o + t];
    }
    counts[old]--;
    counts[c] = 1;
    assignments[far] = c;
    distance[far] = 0;
    upper[far] = Infinity;
    lower.fill(0, far * k, far * k + k);
  }
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
