// PCA beside the autoencoder, and questions without a model or data.
import { describe, expect, it } from 'vitest';
import { PIXELS } from '../../../src/data/mnist';
import { toBytes } from '../../../src/data/pixels';
import { ModelAnswers } from '../../../src/training/answers/model-answers';
import { bceFloor } from '../../../src/data/pixels';
import { explainedVariance, pcaReconstruct, pcaTestErrors } from '../../../src/training/pca-baseline';
import type { ExploreQuery, ExploreResult } from '../../../src/training/protocol';
import { ask, mean, TEST, TRAIN, testImages, answersFixture, VAE, VANILLA } from './fixture';

const f = answersFixture();
const trainer = (runId: number) => f.trainers.get(runId)!;

describe('ModelAnswers: pca', () => {
  it('PCA at the model’s code size beside the autoencoder, whose errors are the means of its codes table', async () => {
    const basis = await f.answers.pcaBasis();
    expect(basis.trainCount).toBe(TRAIN);
    const indices = [5, 6];
    const images = testImages(f, indices);
    const answers: Record<number, Extract<ExploreResult, { kind: 'pca' }>> = {};
    for (const runId of [VANILLA, VAE]) {
      const t = trainer(runId);
      const k = t.config.codeSize;
      const { result, step, transfer } = await ask(f, runId, { kind: 'pca', k, indices });
      answers[runId] = result;
      expect(step).toBe(t.step);
      expect(result.k).toBe(k);
      expect(result.outputs).toEqual(toBytes(pcaReconstruct(basis, k, images, 2)));
      expect(transfer).toEqual([result.outputs.buffer]);
      expect(result.pca).toEqual(await pcaTestErrors(basis, k, f.data.test));
      expect(result.pca.mse).toBeGreaterThan(0);
      expect(Number.isFinite(result.pca.bce)).toBe(true);
      expect(result.bceFloor).toBe(bceFloor(f.data.test));
      expect(result.explained).toBe(explainedVariance(basis, k));
      for (const v of [result.autoencoder.bce, result.autoencoder.mse]) expect(Number.isFinite(v)).toBe(true);
      // The codes answer's errors are in the model's own loss.
      const codes = (await ask(f, runId, { kind: 'codes', count: TEST })).result;
      expect(mean(codes.errors)).toBeCloseTo(result.autoencoder[t.config.loss], 7);
    }
    // More components, less error and more variance kept.
    expect(answers[VANILLA].pca.mse).toBeLessThan(answers[VAE].pca.mse);
    expect(answers[VANILLA].explained).toBeGreaterThan(answers[VAE].explained);
    expect(answers[VANILLA].explained).toBeLessThan(1);
  });

  it('rejects a k other than the model’s code size, and bad indices', async () => {
    await expect(f.answers.answer(VANILLA, { kind: 'pca', k: 4, indices: [0] })).rejects.toThrow(/code has 8 numbers, not 4/);
    await expect(f.answers.answer(VANILLA, { kind: 'pca', k: 8, indices: [TEST] })).rejects.toThrow(/whole numbers/);
  });
});

describe('ModelAnswers without a model or data', () => {
  const queries: ExploreQuery[] = [
    { kind: 'decode', codes: new Float32Array(8), count: 1 },
    { kind: 'encode', images: new Float32Array(PIXELS), count: 1 },
    { kind: 'digits', indices: [0] },
    { kind: 'denoise', noise: 'gaussian', level: 0.1, seed: 1, indices: [0], sample: 10 },
    { kind: 'codes', count: 10 },
    { kind: 'pca', k: 8, indices: [0] },
  ];

  it('an unknown run is asked to train first, whatever the question', async () => {
    for (const query of queries) {
      await expect(f.answers.answer(99, query), query.kind).rejects.toThrow(/press Train first/);
    }
  });

  it('says so when the digits are not loaded yet', async () => {
    const empty = new ModelAnswers({
      data: () => null,
      trainer: () => trainer(VANILLA),
      exclusive: (fn) => fn(),
      yieldNow: async () => {},
    });
    for (const query of [...queries, { kind: 'pixel-clusters', count: 10, k: 2, seed: 1 } as const]) {
      await expect(empty.answer(VANILLA, query), query.kind).rejects.toThrow(/not loaded/);
    }
  });
});
