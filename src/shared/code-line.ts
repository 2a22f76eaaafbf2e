/** Points on the straight line between two codes: what an interpolation decodes. */

/** Codes evenly spaced on the segment from `a` to `b`, both ends included (steps ≥ 2). */
export function lineBetween(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Float32Array {
  const k = a.length;
  const out = new Float32Array(steps * k);
  for (let s = 0; s < steps; s++) {
    const t = steps === 1 ? 0 : s / (steps - 1);
    for (let j = 0; j < k; j++) out[s * k + j] = (1 - t) * a[j] + t * b[j];
  }
  return out;
}
