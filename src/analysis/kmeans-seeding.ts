/** k-means++ seeding: where Lloyd iterations start. */
import { squaredDistance } from './kmeans-distance';

/**
 * k-means++ seeding: the first centroid is a uniformly random point; each
 * next one is point i with probability D(i)² / Σⱼ D(j)², D being the
 * distance to the nearest centroid chosen so far. This spreads the seeds
 * out and makes the result O(log k)-competitive in expectation. When every
 * point already sits on a centroid (k above the number of distinct points)
 * a uniformly random point is taken.
 */
export function seedPlusPlus(x: Float32Array, n: number, dim: number, k: number, rng: () => number): Float64Array {
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
