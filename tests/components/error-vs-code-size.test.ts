import { describe, expect, it } from 'vitest';
import { describeChart, formatError, lastIndexOf, niceTicks, type Row } from '../../src/components/error-vs-code-size';

const row = (codeSize: number, autoencoder: number | null, pca: number | null): Row => ({
  lk: Math.log2(codeSize),
  codeSize,
  autoencoder,
  pca,
});

describe('the error-against-code-size chart’s data', () => {
  it('writes errors with three decimals, or two significant digits when small', () => {
    expect(formatError(0)).toBe('0');
    expect(formatError(0.2571)).toBe('0.257');
    expect(formatError(0.0567)).toBe('0.057');
    expect(formatError(0.004321)).toBe('0.0043');
  });

  it('ticks from 0 to a round number at or above the largest value', () => {
    expect(niceTicks(0.27, 4)).toEqual({ ticks: [0, 0.1, 0.2, 0.3], decimals: 1 });
    expect(niceTicks(0.09, 4)).toEqual({ ticks: [0, 0.025, 0.05, 0.075, 0.1], decimals: 3 });
    expect(niceTicks(NaN, 4).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('finds the last measured row and describes what was measured', () => {
    const rows = [row(1, 0.2, 0.25), row(2, 0.15, 0.2), row(4, null, 0.17)];
    expect(lastIndexOf(rows, 'autoencoder')).toBe(1);
    expect(lastIndexOf(rows, 'pca')).toBe(2);
    expect(describeChart(rows, 'BCE', 0.05, 2)).toBe(
      'Test BCE per pixel against code size k, 3 sizes from k = 1 to 4. At k = 2: autoencoder 0.150, PCA 0.200. ' +
        'Lowest: autoencoder 0.150 at k = 2; PCA 0.170 at k = 4. Perfect reconstruction (BCE floor): 0.050.',
    );
    expect(describeChart([row(1, null, null)], 'MSE', null, undefined)).toBe(
      'Test MSE per pixel against code size k: no code sizes measured yet.',
    );
  });
});
