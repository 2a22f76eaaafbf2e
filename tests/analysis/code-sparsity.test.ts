import { describe, expect, it } from 'vitest';
import { codeSparsity, NEAR_ZERO_FRACTION } from '../../src/analysis/code-sparsity';

// Three codes of 4 units, worked by hand:
//  [2, −0.1, 0.5, 0]   largest 2, near zero below 0.2: −0.1 and 0     → 2 of 4
//  [0, 0, 0, 0]        all zero: all near zero                        → 4 of 4
//  [1, −1, 0.05, 0.5]  largest 1, near zero below 0.1: 0.05           → 1 of 4
const CODES = Float32Array.from([2, -0.1, 0.5, 0, 0, 0, 0, 0, 1, -1, 0.05, 0.5]);

describe('codeSparsity', () => {
  it('counts units below a tenth of their own code’s largest, and the mean |z|', () => {
    expect(NEAR_ZERO_FRACTION).toBe(0.1);
    const s = codeSparsity(CODES, 4);
    expect(s.count).toBe(3);
    expect(s.nearZero).toBeCloseTo(7 / 12, 10);
    expect(s.meanActivation).toBeCloseTo((2 + 0.1 + 0.5 + 1 + 1 + 0.05 + 0.5) / 12, 6);
    expect(s.meanPeak).toBeCloseTo((2 + 0 + 1) / 3, 6);
  });

  it('is scale-free: scaling every code leaves the near-zero share, not the mean activation', () => {
    const small = codeSparsity(
      CODES.map((v) => v / 1000),
      4,
    );
    const plain = codeSparsity(CODES, 4);
    expect(small.nearZero).toBeCloseTo(plain.nearZero, 10);
    expect(small.meanActivation).toBeCloseTo(plain.meanActivation / 1000, 8);
    // Every unit of the shrunk codes is under 0.01: an absolute threshold would call them all zero.
    expect(Math.max(...[...CODES].map((v) => Math.abs(v / 1000)))).toBeLessThan(0.01);
  });

  it('takes another fraction, and reads rows of the code size given', () => {
    // At 0.6: [2, −0.1, 0.5, 0] has 3 units below 1.2; [1, −1, 0.05, 0.5] has 2 below 0.6.
    expect(codeSparsity(CODES, 4, 0.6).nearZero).toBeCloseTo(9 / 12, 10);
    // [1, 0.15, 0.15, 2]: as one code, 0.15 and 0.15 are below 0.2; as [1, 0.15] [0.15, 2], only the second 0.15 is.
    const codes = Float32Array.from([1, 0.15, 0.15, 2]);
    expect(codeSparsity(codes, 4).nearZero).toBe(2 / 4);
    expect(codeSparsity(codes, 2).nearZero).toBe(1 / 4);
  });

  it('gives zeros for no codes and refuses numbers that are not whole codes', () => {
    expect(codeSparsity(new Float32Array(0), 8)).toEqual({ nearZero: 0, meanActivation: 0, meanPeak: 0, count: 0 });
    expect(() => codeSparsity(new Float32Array(5), 4)).toThrow(RangeError);
    expect(() => codeSparsity(new Float32Array(4), 0)).toThrow(RangeError);
  });
});
