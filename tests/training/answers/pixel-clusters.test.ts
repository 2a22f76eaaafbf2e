// k-means on raw test pixels, answered where the pixels live.
import { describe, expect, it } from 'vitest';
import { PIXELS } from '../../../src/data/mnist';
import { kMeans, purity } from '../../../src/analysis/kmeans';
import { ModelAnswers } from '../../../src/training/answers/model-answers';
import { answersFixture, ask, TEST, VANILLA } from './fixture';

const f = answersFixture();

describe('ModelAnswers: pixel-clusters', () => {
  it('is k-means on the raw pixels of the first test digits, scored by purity against their labels', async () => {
    const before = f.exclusiveCalls;
    const { result, step, transfer } = await ask(f, VANILLA, { kind: 'pixel-clusters', count: 300, k: 10, seed: 4 });
    // Data only: the model's queue is never asked.
    expect(f.exclusiveCalls).toBe(before);
    expect(step).toBe(f.trainers.get(VANILLA)!.step);
    expect(transfer).toEqual([]);
    const expected = kMeans(f.data.test.images.subarray(0, 300 * PIXELS), 300, PIXELS, 10, 4);
    expect(result).toEqual({
      kind: 'pixel-clusters',
      count: 300,
      purity: purity(expected.assignments, f.data.test.labels.subarray(0, 300), 10),
      iterations: expected.iterations,
    });
    // Pixels group digits far better than chance (the largest class of 300 digits is well under half).
    expect(result.purity).toBeGreaterThan(0.4);
    expect(result.iterations).toBeGreaterThan(1);
  });

  it('is computed once per (count, k, seed); another seed or k is another clustering', async () => {
    let yields = 0;
    const answers = new ModelAnswers({
      data: () => f.data,
      trainer: () => null,
      exclusive: (fn) => fn(),
      yieldNow: async () => void yields++,
    });
    const query = { kind: 'pixel-clusters', count: 200, k: 5, seed: 1 } as const;
    const first = await answers.answer(1, query);
    expect(yields).toBe(1);
    expect(first.step).toBe(0);
    expect(await answers.answer(1, query)).toEqual(first);
    expect(yields).toBe(1);
    const other = await answers.answer(1, { ...query, seed: 2 });
    expect(yields).toBe(2);
    const more = await answers.answer(1, { ...query, k: 20 });
    expect(yields).toBe(3);
    expect(more.result).not.toEqual(first.result);
    expect(other.result.kind).toBe('pixel-clusters');
  });

  it('clamps the count to the test set and rejects counts and k that are not whole and positive', async () => {
    const { result } = await ask(f, VANILLA, { kind: 'pixel-clusters', count: 100_000, k: 2, seed: 1 });
    expect(result.count).toBe(TEST);
    for (const bad of [{ count: 0 }, { count: 2.5 }, { k: 0 }, { k: NaN }]) {
      await expect(f.answers.answer(VANILLA, { kind: 'pixel-clusters', count: 10, k: 3, seed: 1, ...bad })).rejects.toThrow(RangeError);
    }
  });
});
