import { describe, expect, it } from 'vitest';
import { gatherImages, PIXELS } from '../../src/data/mnist';
import type { ExperimentConfig } from '../../src/model/config';
import { meanErrors, scoreImages } from '../../src/training/image-errors';
import { Trainer } from '../../src/training/trainer';
import { testConfig } from '../helpers/config';
import { expectNoLeaks } from '../helpers/tensors';
import { DENOISING, maxDiff, mseOf, predict, range, testImages, answersFixture } from './answers/fixture';

const f = answersFixture();
const trainer = (runId: number) => f.trainers.get(runId)!;
const base: ExperimentConfig = testConfig({
  codeSize: 16,
  hidden: [64, 32],
  noise: 0.3,
  seed: 7,
  learningRate: 0.005,
  batchSize: 32,
  epochs: 2,
});

/** The mean errors of a model on the whole test split. */
const errorsOf = async (t: Trainer, options: Parameters<typeof scoreImages>[2] = {}) =>
  meanErrors((await scoreImages(t.model, f.data.test, options))!);

describe('scoreImages', () => {
  it('codes and per-image errors of a slice of the split, against the clean image', async () => {
    const { model } = trainer(DENOISING);
    const indices = range(40, 100);
    const chunk = (await scoreImages(model, f.data.test, { start: 100, count: 40, codes: true }))!;
    const clean = testImages(f, indices);
    expect(chunk.codes!.length).toBe(40 * 8);
    expect(maxDiff(chunk.codes!, predict(model.encoder, clean, 40, PIXELS))).toBeLessThan(1e-5);
    // Squared error per pixel of each image's reconstruction from the clean image.
    const outputs = predict(model.autoencoder, clean, 40, PIXELS);
    const expected = indices.map((_, i) =>
      mseOf(outputs.subarray(i * PIXELS, (i + 1) * PIXELS), clean.subarray(i * PIXELS, (i + 1) * PIXELS)),
    );
    expect(maxDiff(chunk.mse, expected)).toBeLessThan(1e-6);
    // BCE per pixel is at least the floor of a perfect reconstruction, and positive.
    for (const v of chunk.bce) expect(v).toBeGreaterThan(0);
    // A slice is the same as the rows of a bigger one, and of smaller chunks.
    const whole = (await scoreImages(model, f.data.test, { start: 90, count: 60 }))!;
    expect(maxDiff(whole.bce.subarray(10, 50), chunk.bce)).toBeLessThan(1e-6);
    expect(whole.codes).toBeNull();
    const chunked = (await scoreImages(model, f.data.test, { start: 100, count: 40, chunk: 7, codes: true }))!;
    expect(maxDiff(chunked.codes!, chunk.codes!)).toBeLessThan(1e-6);
    expect(maxDiff(chunked.mse, chunk.mse)).toBeLessThan(1e-7);
  });

  it('BCE and MSE per pixel of the end-to-end reconstructions', async () => {
    const t = new Trainer(f.data, { ...base, kind: 'deep', loss: 'mse' });
    try {
      const errors = await expectNoLeaks(() => errorsOf(t));
      // By hand, from the outputs the views show.
      const indices = range(f.data.test.count);
      const { outputs } = await t.reconstruct(indices);
      const clean = gatherImages(f.data.test, indices);
      let se = 0;
      let ce = 0;
      for (let i = 0; i < clean.length; i++) {
        se += (clean[i] - outputs[i]) ** 2;
        const p = Math.min(Math.max(outputs[i], 1e-7), 1 - 1e-7);
        ce -= clean[i] * Math.log(p) + (1 - clean[i]) * Math.log(1 - p);
      }
      expect(errors.mse).toBeCloseTo(se / clean.length, 5);
      expect(errors.bce).toBeCloseTo(ce / clean.length, 3);
      // Trained with MSE, its MSE is the loss evaluate() reports; chunking changes nothing.
      expect(errors.mse).toBeCloseTo((await t.evaluate())!.reconstruction, 5);
      expect((await errorsOf(t, { chunk: 13 })).mse).toBeCloseTo(errors.mse, 5);
    } finally {
      t.dispose();
    }
  });

  it('with noise: corrupted inputs scored against clean images, the same for the same seed', async () => {
    const clean = new Trainer(f.data, { ...base, kind: 'deep' });
    const noisy = new Trainer(f.data, { ...base, kind: 'denoising', body: 'dense', noise: 0.5 });
    try {
      // Same seed and body, so the same weights: only the input differs.
      const a = await errorsOf(clean);
      const noise = { std: 0.5, seed: base.seed };
      const b = await errorsOf(noisy, { noise });
      expect(b.mse).not.toBeCloseTo(a.mse, 6);
      expect(await errorsOf(noisy, { noise })).toEqual(b);
      expect(await errorsOf(noisy)).toEqual(a);
    } finally {
      clean.dispose();
      noisy.dispose();
    }
  });

  it('runs each chunk through `run` and stops, with null, when `between` says so', async () => {
    const { model } = trainer(DENOISING);
    let runs = 0;
    let betweens = 0;
    const run = <T>(work: () => Promise<T>) => (runs++, work());
    expect(await scoreImages(model, f.data.test, { count: 250, chunk: 100, run, between: async () => ++betweens < 2 })).toBeNull();
    expect([runs, betweens]).toEqual([2, 2]);
    runs = 0;
    const all = (await scoreImages(model, f.data.test, { count: 250, chunk: 100, run }))!;
    expect(runs).toBe(3);
    expect(all.bce.length).toBe(250);
    expect((await scoreImages(model, f.data.test, { start: 590, count: 50 }))!.mse.length).toBe(10);
    expect(meanErrors({ bce: new Float32Array(0), mse: new Float32Array(0) })).toEqual({ bce: 0, mse: 0 });
  });
});
