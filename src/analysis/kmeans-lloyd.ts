/**
 * Lloyd iterations with Elkan's bounds (see kMeansFrom in kmeans.ts for the
 * method), and the repair of clusters left empty.
 */
import { squaredDistance, squaredDistance64 } from './kmeans-distance';

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

/** Lloyd iterations with Elkan's bounds; `centroids` (k × dim) is updated in place. */
export function lloyd(x: Float32Array, n: number, dim: number, k: number, centroids: Float64Array, maxIterations: number): KMeansResult {
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
