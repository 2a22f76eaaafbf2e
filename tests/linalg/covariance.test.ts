import { describe, expect, it } from 'vitest';
import { covariance } from '../../src/linalg/covariance';

describe('covariance', () => {
  it('matches a hand computation (unbiased, n − 1)', () => {
    // Rows (1, 2), (3, 6), (5, 10): mean (3, 6); deviations (−2, −4), (0, 0), (2, 4).
    const { covariance: cov, mean } = covariance(Float32Array.from([1, 2, 3, 6, 5, 10]), 3, 2);
    expect(Array.from(mean)).toEqual([3, 6]);
    expect(Array.from(cov)).toEqual([4, 8, 8, 16]);
  });

  it('is 0 for a single row', () => {
    const { covariance: cov } = covariance(Float32Array.from([1, 2, 3]), 1, 3);
    expect(Array.from(cov)).toEqual(new Array(9).fill(0));
  });
});
