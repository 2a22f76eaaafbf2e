/** Helpers for bounded chart series (plain arrays in, plain arrays out). */

export interface XY {
  x: number;
  y: number;
}

/**
 * Reduces a series to at most `maxPoints` by averaging consecutive buckets,
 * which also smooths the noisy per-batch loss. Short series pass through.
 */
export function downsample(xs: ArrayLike<number>, ys: ArrayLike<number>, maxPoints: number): XY[] {
  const n = Math.min(xs.length, ys.length);
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => ({ x: xs[i], y: ys[i] }));
  const out: XY[] = [];
  const size = n / maxPoints;
  for (let b = 0; b < maxPoints; b++) {
    const start = Math.floor(b * size);
    const end = b === maxPoints - 1 ? n : Math.max(start + 1, Math.floor((b + 1) * size));
    let sx = 0;
    let sy = 0;
    for (let i = start; i < end; i++) {
      sx += xs[i];
      sy += ys[i];
    }
    out.push({ x: sx / (end - start), y: sy / (end - start) });
  }
  return out;
}
