/**
 * Seeded pseudo-random numbers. Every random choice in the playground (data
 * order, initial weights, noise) derives from the experiment's seed through
 * these functions, so a link reproduces a run.
 */

/** A generator of floats in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a small 32-bit generator with a full 2^32 period, plenty for
 * shuffling 60,000 indices. Same seed, same sequence, on every platform.
 */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with a counter into a new 31-bit seed (for per-step noise). */
export function deriveSeed(seed: number, counter: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(counter + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return (h >>> 0) & 0x7fffffff;
}

/** Fisher–Yates shuffle of 0..n-1, in a new Uint32Array. */
export function shuffledIndices(n: number, rng: Rng): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
