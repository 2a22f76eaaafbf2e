/**
 * How sparse a batch of codes is: the share of code units near zero, and the
 * mean activation. Plain JS on n × k codes (row-major), cheap enough to run
 * wherever the codes are (the page, over the latent view's 2,000 codes; the
 * benchmark, over the 10,000 test digits).
 *
 * "Near zero" is relative to the same code: unit j of example i is near zero
 * when |z_ij| ≤ NEAR_ZERO_FRACTION · max_j' |z_ij'|, a tenth of that code's
 * largest unit. An absolute threshold (|z| < 0.1) would flatter an L1
 * penalty: the encoder can shrink every code by a factor c and the decoder
 * grow its first weights by 1/c, which lowers the penalty and puts every unit
 * under any fixed threshold without making one of them matter less. A ratio
 * within the code does not move when the code is scaled.
 */

/** A unit is near zero below this fraction of its code's largest |z|. */
export const NEAR_ZERO_FRACTION = 0.1;

export interface CodeSparsity {
  /** Share of all n·k units near zero (the mean over examples of each one's share), 0–1. */
  nearZero: number;
  /** Mean |z| over all units: the L1 penalty's own measure (it depends on the code's scale). */
  meanActivation: number;
  /** Mean over examples of the code's largest |z| (the scale "near zero" is relative to). */
  meanPeak: number;
  /** How many codes were measured. */
  count: number;
}

/**
 * Measures n codes of `codeSize` units each. A code that is all zeros counts
 * as all near zero. Returns zeros for no codes.
 */
export function codeSparsity(codes: Float32Array, codeSize: number, fraction = NEAR_ZERO_FRACTION): CodeSparsity {
  if (!(codeSize >= 1) || codes.length % codeSize !== 0) {
    throw new RangeError(`${codes.length} numbers are not whole codes of ${codeSize}`);
  }
  const n = codes.length / codeSize;
  let near = 0;
  let sum = 0;
  let peaks = 0;
  for (let i = 0; i < n; i++) {
    const row = i * codeSize;
    let peak = 0;
    for (let j = 0; j < codeSize; j++) {
      const a = Math.abs(codes[row + j]);
      sum += a;
      if (a > peak) peak = a;
    }
    peaks += peak;
    const threshold = fraction * peak;
    for (let j = 0; j < codeSize; j++) if (Math.abs(codes[row + j]) <= threshold) near++;
  }
  const units = n * codeSize;
  return {
    nearZero: units ? near / units : 0,
    meanActivation: units ? sum / units : 0,
    meanPeak: n ? peaks / n : 0,
    count: n,
  };
}
