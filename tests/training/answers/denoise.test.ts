// The denoising lab's answers.
import { describe, expect, it } from 'vitest';
import { PIXELS } from '../../../src/data/mnist';
import { toBytes } from '../../../src/data/pixels';
import type { ExploreQuery } from '../../../src/training/protocol';
import { ask, DENOISING, mean, mseOf, predict, range, TEST, testImages, answersFixture, VANILLA } from './fixture';

const f = answersFixture();
const trainer = (runId: number) => f.trainers.get(runId)!;

describe('ModelAnswers: denoise', () => {
  const indices = [1, 2, 3];
  const query = (over: Partial<Extract<ExploreQuery, { kind: 'denoise' }>> = {}): Extract<ExploreQuery, { kind: 'denoise' }> => ({
    kind: 'denoise',
    noise: 'gaussian',
    level: 0.3,
    seed: 11,
    indices,
    sample: 100,
    ...over,
  });

  it('at level 0: no noise, and the outputs are the reconstructions of the clean digits', async () => {
    const t = trainer(DENOISING);
    const { result, step } = await ask(f, DENOISING, query({ level: 0 }));
    expect(step).toBe(t.step);
    expect(result.noisyMse).toBe(0);
    expect(result.clean).toEqual(f.data.test.images.subarray(PIXELS, 4 * PIXELS));
    expect(result.noisy).toEqual(result.clean);
    expect(result.outputs).toEqual(toBytes(predict(t.model.autoencoder, testImages(f, indices), 3, PIXELS)));
    // outputMse is measured over the first `sample` digits.
    const sample = testImages(f, range(100));
    expect(result.sample).toBe(100);
    expect(result.outputMse).toBeCloseTo(mseOf(predict(t.model.autoencoder, sample, 100, PIXELS), sample), 6);
  });

  it('with noise: the inputs change, noisyMse > 0; the same seed gives the same answer, another seed another', async () => {
    const a = (await ask(f, DENOISING, query())).result;
    expect(a.noisyMse).toBeGreaterThan(0);
    expect(a.noisy).not.toEqual(a.clean);
    expect(Number.isFinite(a.outputMse)).toBe(true);
    const clean = (await ask(f, DENOISING, query({ level: 0 }))).result;
    expect(a.outputs).not.toEqual(clean.outputs);

    expect((await ask(f, DENOISING, query())).result).toEqual(a);
    const b = (await ask(f, DENOISING, query({ seed: 12 }))).result;
    expect(b.noisy).not.toEqual(a.noisy);
    // More noise, further from the clean digits.
    const more = (await ask(f, DENOISING, query({ level: 0.6 }))).result;
    expect(more.noisyMse).toBeGreaterThan(a.noisyMse);
  });

  it('masking at level 1 blanks every pixel: noisyMse is the mean square of the clean digits', async () => {
    const { result } = await ask(f, VANILLA, query({ noise: 'mask', level: 1, sample: 50 }));
    expect(result.noisy).toEqual(new Uint8Array(3 * PIXELS));
    const sample = testImages(f, range(50));
    expect(result.noisyMse).toBeCloseTo(mean(Array.from(sample, (v) => v * v)), 9);
  });

  it('the sample is clamped to the test set and spans several chunks of model work', async () => {
    const t = trainer(VANILLA);
    const before = f.exclusiveCalls;
    const { result } = await ask(f, VANILLA, query({ level: 0, sample: 5000 }));
    expect(result.sample).toBe(TEST);
    expect(f.exclusiveCalls - before).toBe(2); // 603 images in chunks of 500
    const all = testImages(f, range(TEST));
    expect(result.outputMse).toBeCloseTo(mseOf(predict(t.model.autoencoder, all, TEST, PIXELS), all), 6);
    expect((await ask(f, VANILLA, query({ level: 0, sample: 0 }))).result.sample).toBe(1);
  });

  it('rejects a level outside [0, 1] and bad indices', async () => {
    for (const level of [-0.1, 1.01, NaN]) {
      await expect(f.answers.answer(DENOISING, query({ level }))).rejects.toThrow(/between 0 and 1/);
    }
    for (const bad of [[-1], [TEST], [2.5]]) {
      await expect(f.answers.answer(DENOISING, query({ indices: bad }))).rejects.toThrow(/whole numbers/);
    }
  });
});
