import { describe, expect, it } from 'vitest';
import { retrievalPrecision } from '../../src/analysis/knn';
import { precisionOverQueries, spreadQueries } from '../../src/analysis/retrieval';
import { createRng } from '../../src/shared/rng';

/** n codes in `dim`-D around one centre per label (labels 0…3), spread by `noise`. */
function labelled(n: number, dim: number, noise: number, seed: number) {
  const rng = createRng(seed);
  const codes = new Float32Array(n * dim);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = (i * 7) % 4;
    for (let t = 0; t < dim; t++) codes[i * dim + t] = (t % 4 === labels[i] ? 1 : 0) + noise * (rng() * 2 - 1);
  }
  return { codes, labels };
}

const immediately = () => Promise.resolve();

describe('spreadQueries', () => {
  it('spreads the queries evenly over the rows, and never asks for more than there are', () => {
    expect(spreadQueries(10, 4)).toEqual([0, 2, 5, 7]);
    expect(spreadQueries(10_000, 1000).slice(0, 3)).toEqual([0, 10, 20]);
    expect(spreadQueries(10_000, 1000)).toHaveLength(1000);
    expect(spreadQueries(3, 8)).toEqual([0, 1, 2]);
    expect(spreadQueries(0, 8)).toEqual([]);
  });
});

describe('precisionOverQueries', () => {
  it('is the mean over the queries of each slice’s precision and chance', async () => {
    const { codes, labels } = labelled(300, 6, 0.8, 1);
    const queries = spreadQueries(300, 50);
    let precision = 0;
    let chance = 0;
    for (let s = 0; s < queries.length; s += 16) {
      const part = queries.slice(s, s + 16);
      const r = retrievalPrecision(codes, labels, 6, 8, part);
      precision += r.precision * part.length;
      chance += r.chance * part.length;
    }
    const result = await precisionOverQueries(codes, labels, 6, 8, 50, { yieldNow: immediately });
    expect(result).toEqual({ precision: precision / 50, chance: chance / 50, queries: 50 });
    // The slices change how the sum is taken, not what it is.
    const whole = retrievalPrecision(codes, labels, 6, 8, queries);
    expect(result?.precision).toBeCloseTo(whole.precision, 12);
    expect(result?.chance).toBeCloseTo(whole.chance, 12);
    expect(result?.precision).toBeGreaterThan(0.3);
    expect(result?.precision).toBeLessThan(1);
  });

  it('pauses between slices and stops when asked to', async () => {
    const { codes, labels } = labelled(200, 4, 0.5, 2);
    let pauses = 0;
    const done = await precisionOverQueries(codes, labels, 4, 8, 40, { slice: 10, yieldNow: async () => void pauses++ });
    expect(pauses).toBe(4);
    expect(done?.queries).toBe(40);
    let asked = 0;
    const stopped = await precisionOverQueries(codes, labels, 4, 8, 40, {
      slice: 10,
      yieldNow: immediately,
      shouldStop: () => ++asked >= 2,
    });
    expect(stopped).toBeNull();
    expect(asked).toBe(2);
  });
});
