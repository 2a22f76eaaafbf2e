/**
 * Summaries of one number per item (a reconstruction error, a code unit):
 * a histogram, the mean per digit, and the items with the largest values.
 */

/**
 * Counts values in `bins` equal-width bins over `range` (default: the
 * values' own minimum and maximum). Bin b holds edges[b] ≤ v < edges[b+1];
 * the last bin also holds v = edges[bins]. Values outside the range and NaN
 * are not counted, so with the default range the counts sum to the number
 * of finite values. A range of zero width is widened by ½ on each side.
 */
export function histogram(values: Float32Array | number[], bins: number, range?: [number, number]): { edges: number[]; counts: number[] } {
  const nBins = Math.max(1, Math.floor(bins));
  let lo = range?.[0] ?? Infinity;
  let hi = range?.[1] ?? -Infinity;
  if (!range) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    }
  }
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / nBins;
  const edges: number[] = [];
  for (let b = 0; b <= nBins; b++) edges.push(b === nBins ? hi : lo + b * width);
  const counts = new Array<number>(nBins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue;
    const b = Math.min(nBins - 1, Math.floor((v - lo) / width));
    counts[b]++;
  }
  return { edges, counts };
}

/**
 * The mean value of each class 0…classes−1 (NaN for a class with no items):
 * mean_c = Σ_{i: label i = c} vᵢ / n_c. Labels outside the range are ignored.
 */
export function meanByClass(values: Float32Array | number[], labels: ArrayLike<number>, classes = 10): number[] {
  const sums = new Array<number>(classes).fill(0);
  const counts = new Array<number>(classes).fill(0);
  const n = Math.min(values.length, labels.length);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (c < 0 || c >= classes) continue;
    sums[c] += values[i];
    counts[c]++;
  }
  return sums.map((s, c) => (counts[c] > 0 ? s / counts[c] : NaN));
}

/**
 * Indices of the `count` largest values, largest first (ties: the smaller
 * index first; NaN counts as smallest) — the worst reconstructions, say.
 */
export function worstIndices(values: Float32Array | number[], count: number): number[] {
  const n = values.length;
  const take = Math.max(0, Math.min(Math.floor(count), n));
  const key = (i: number) => (Number.isNaN(values[i]) ? -Infinity : values[i]);
  // Keep a sorted list of the best `take` so far: O(n·take) at worst, O(n) typically.
  const best: number[] = [];
  for (let i = 0; i < n && take > 0; i++) {
    const v = key(i);
    if (best.length === take && !(v > key(best[take - 1]))) continue;
    let p = best.length === take ? take - 1 : best.length;
    while (p > 0 && key(best[p - 1]) < v) {
      best[p] = best[p - 1];
      p--;
    }
    best[p] = i;
  }
  return best;
}
