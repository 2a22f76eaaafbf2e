/** Helpers for bounded chart series (plain arrays in, plain arrays out). */

/** Consecutive points of a series gathered into one: where they are and what they span. */
export interface Bucket {
  /** First and last x of the bucket, and the mean of its xs. */
  x0: number;
  x1: number;
  x: number;
  /** Mean, least and greatest y of the bucket. */
  mean: number;
  min: number;
  max: number;
  /** How many points it holds (1: an exact point). */
  count: number;
}

/**
 * Reduces a series to at most `maxBuckets` buckets of consecutive points,
 * each keeping its mean, its least and its greatest value, so that a chart
 * can draw the mean and the range without hiding an extreme. The first
 * point and the last `exactTail` points stay buckets of their own (exact);
 * the points between are split into equal runs. Short series pass through,
 * one bucket per point. Non-finite values count in no mean, least or
 * greatest (a bucket of only those has NaN there).
 */
export function bucketSeries(xs: ArrayLike<number>, ys: ArrayLike<number>, maxBuckets: number, exactTail = 0): Bucket[] {
  const n = Math.min(xs.length, ys.length);
  const limit = Math.max(1, Math.floor(maxBuckets));
  const bucket = (start: number, end: number): Bucket => {
    let sx = 0;
    let sy = 0;
    let finite = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = start; i < end; i++) {
      sx += xs[i];
      const y = ys[i];
      if (!Number.isFinite(y)) continue;
      sy += y;
      finite++;
      if (y < min) min = y;
      if (y > max) max = y;
    }
    const none = finite === 0;
    return {
      x0: xs[start],
      x1: xs[end - 1],
      x: sx / (end - start),
      mean: none ? NaN : sy / finite,
      min: none ? NaN : min,
      max: none ? NaN : max,
      count: end - start,
    };
  };
  if (n <= limit) return Array.from({ length: n }, (_, i) => bucket(i, i + 1));
  // The first point, the exact tail, and at least one bucket between them.
  const tail = Math.max(0, Math.min(Math.floor(exactTail), limit - 2, n - 2));
  const head = limit >= 3 ? 1 : 0;
  const middleEnd = n - tail;
  const middleBuckets = limit - head - tail;
  const out: Bucket[] = [];
  if (head) out.push(bucket(0, 1));
  const size = (middleEnd - head) / middleBuckets;
  for (let b = 0; b < middleBuckets; b++) {
    const start = head + Math.floor(b * size);
    const end = b === middleBuckets - 1 ? middleEnd : head + Math.floor((b + 1) * size);
    if (end > start) out.push(bucket(start, end));
  }
  for (let i = middleEnd; i < n; i++) out.push(bucket(i, i + 1));
  return out;
}
