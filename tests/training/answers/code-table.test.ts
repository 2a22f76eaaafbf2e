// The code table: codes and per-image errors, kept per step of the model.
import { describe, expect, it } from 'vitest';
import { Trainer } from '../../../src/training/trainer';
import { ask, configs, maxDiff, mean, range, TEST, testErrorsOf, answersFixture, VAE, VANILLA } from './fixture';

const f = answersFixture();
const trainer = (runId: number) => f.trainers.get(runId)!;

describe('ModelAnswers: codes', () => {
  it('per-image errors in the model’s own loss whose mean is the reconstruction error', async () => {
    for (const [runId, loss] of [
      [VANILLA, 'bce'],
      [VAE, 'mse'],
    ] as const) {
      const t = trainer(runId);
      const { result, step } = await ask(f, runId, { kind: 'codes', count: TEST });
      expect(step).toBe(t.step);
      expect(result.loss).toBe(loss);
      expect(result.errors.length).toBe(TEST);
      expect(result.labels).toEqual(f.data.test.labels);
      expect(result.codes.length).toBe(TEST * t.config.codeSize);
      expect(maxDiff(result.codes, await t.codes(range(TEST)))).toBeLessThan(1e-5);
      const expected = (await testErrorsOf(f, t))[loss];
      expect(mean(result.errors)).toBeCloseTo(expected, 6);
    }
  });

  it('scores: both mean errors over the whole test set, from the same table', async () => {
    const t = trainer(VANILLA);
    const { result, step } = await ask(f, VANILLA, { kind: 'scores' });
    expect(step).toBe(t.step);
    expect(result.count).toBe(TEST);
    const expected = await testErrorsOf(f, t);
    expect(result.errors.bce).toBeCloseTo(expected.bce, 6);
    expect(result.errors.mse).toBeCloseTo(expected.mse, 6);
    expect(result.errors.bce).toBeGreaterThan(result.errors.mse);
  });

  it('is kept while the step does not change, and measured again after a training step', async () => {
    // A model of its own, so that the others keep their step.
    const t = new Trainer(f.data, configs[VANILLA]);
    f.trainers.set(4, t);
    try {
      await t.trainStep();
      let before = f.exclusiveCalls;
      const first = (await ask(f, 4, { kind: 'codes', count: TEST })).result;
      expect(f.exclusiveCalls - before).toBe(2); // 600 digits in chunks of 500

      before = f.exclusiveCalls;
      const again = await ask(f, 4, { kind: 'codes', count: TEST });
      const fewer = (await ask(f, 4, { kind: 'codes', count: 100 })).result;
      expect(f.exclusiveCalls).toBe(before);
      expect(again.result).toEqual(first);
      expect(again.step).toBe(1);
      expect(fewer.errors).toEqual(first.errors.subarray(0, 100));
      expect(fewer.codes).toEqual(first.codes.subarray(0, 100 * 8));
      expect(fewer.labels).toEqual(first.labels.subarray(0, 100));

      await t.trainStep();
      before = f.exclusiveCalls;
      const after = await ask(f, 4, { kind: 'codes', count: TEST });
      expect(f.exclusiveCalls - before).toBe(2);
      expect(after.step).toBe(2);
      expect(after.result.errors).not.toEqual(first.errors);
      expect(mean(after.result.errors)).toBeCloseTo((await testErrorsOf(f, t)).bce, 6);
    } finally {
      f.trainers.delete(4);
      t.dispose();
    }
  });

  it('asking for more digits than the test set has gives them all, and is kept too', async () => {
    const t = new Trainer(f.data, configs[VANILLA]);
    f.trainers.set(4, t);
    try {
      const first = (await ask(f, 4, { kind: 'codes', count: 10_000 })).result;
      expect(first.errors.length).toBe(TEST);
      const before = f.exclusiveCalls;
      expect((await ask(f, 4, { kind: 'codes', count: 10_000 })).result).toEqual(first);
      expect(f.exclusiveCalls).toBe(before);
    } finally {
      f.trainers.delete(4);
      t.dispose();
    }
  });

  it('fails, and keeps nothing, when the model is replaced between two chunks', async () => {
    const t = new Trainer(f.data, configs[VANILLA]);
    const replacement = new Trainer(f.data, configs[VANILLA]);
    f.trainers.set(4, t);
    try {
      let calls = 0;
      f.beforeExclusive = () => {
        if (++calls === 2) f.trainers.set(4, replacement);
      };
      await expect(f.answers.answer(4, { kind: 'codes', count: TEST })).rejects.toThrow(/model changed/);
      f.beforeExclusive = null;
      const before = f.exclusiveCalls;
      const { result } = await ask(f, 4, { kind: 'codes', count: TEST });
      expect(f.exclusiveCalls - before).toBe(2);
      expect(mean(result.errors)).toBeCloseTo((await testErrorsOf(f, replacement)).bce, 6);
    } finally {
      f.trainers.delete(4);
      t.dispose();
      replacement.dispose();
    }
  });
});
