/**
 * Three small trained models (vanilla, denoising, VAE) on 256 training and
 * 600 test digits (more than one chunk of 500), and the ModelAnswers that
 * answers for them. `answersFixture()` registers the hooks in a test file; no
 * answer, accepted or rejected, may leave a tensor behind.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { gatherImages, type Mnist } from '../../../src/data/mnist';
import type { ExperimentConfig } from '../../../src/model/config';
import { ModelAnswers } from '../../../src/training/answers/model-answers';
import { meanErrors, scoreImages } from '../../../src/training/image-errors';
import type { ExploreQuery, ExploreResult } from '../../../src/training/protocol';
import { Trainer } from '../../../src/training/trainer';
import { useWasmBackend } from '../../helpers/backend';
import { smallMnist } from '../../helpers/mnist';
import { testConfig } from '../../helpers/config';
import { trackTensors, type TensorTracker } from '../../helpers/tensors';

export const TRAIN = 256;
export const TEST = 600;

export const VANILLA = 1;
export const DENOISING = 2;
export const VAE = 3;

export const configs: Record<number, ExperimentConfig> = {
  [VANILLA]: testConfig({ codeSize: 8, seed: 5 }),
  [DENOISING]: testConfig({ kind: 'denoising', codeSize: 8, hidden: [32], noise: 0.5, seed: 6 }),
  [VAE]: testConfig({ kind: 'vae', codeSize: 2, hidden: [32], loss: 'mse', seed: 7 }),
};

export interface AnswersFixture {
  data: Mnist;
  trainers: Map<number, Trainer>;
  answers: ModelAnswers;
  /** Calls of `exclusive`: one per chunk of model work. */
  exclusiveCalls: number;
  /** Runs before each piece of exclusive work (a test may swap models there). */
  beforeExclusive: (() => void) | null;
}

export function answersFixture(): AnswersFixture {
  const fixture = { trainers: new Map<number, Trainer>(), exclusiveCalls: 0, beforeExclusive: null } as unknown as AnswersFixture;
  let tracker: TensorTracker;
  beforeAll(async () => {
    await useWasmBackend();
    fixture.data = smallMnist(TRAIN, TEST);
    for (const [runId, config] of Object.entries(configs)) {
      const trainer = new Trainer(fixture.data, config);
      for (let i = 0; i < 6; i++) await trainer.trainStep();
      fixture.trainers.set(Number(runId), trainer);
    }
    fixture.answers = new ModelAnswers({
      data: () => fixture.data,
      trainer: (runId) => fixture.trainers.get(runId) ?? null,
      exclusive: (fn) => {
        fixture.exclusiveCalls++;
        fixture.beforeExclusive?.();
        return fn();
      },
      yieldNow: async () => {},
    });
  });
  afterAll(() => {
    for (const trainer of fixture.trainers.values()) trainer.dispose();
  });
  beforeEach(() => {
    tracker = trackTensors();
    fixture.beforeExclusive = null;
  });
  afterEach(() => tracker.expectUnchanged());
  return fixture;
}

/** Asks a question and checks the kind of the answer. */
export async function ask<K extends ExploreQuery['kind']>(
  fixture: AnswersFixture,
  runId: number,
  query: Extract<ExploreQuery, { kind: K }>,
) {
  const answer = await fixture.answers.answer(runId, query);
  expect(answer.result.kind).toBe(query.kind);
  return { ...answer, result: answer.result as Extract<ExploreResult, { kind: K }> };
}

/** A layers model's outputs for `count` inputs of `width` floats, read back as floats. */
export function predict(model: tf.LayersModel, input: Float32Array, count: number, width: number): Float32Array {
  const out = tf.tidy(() => model.predict(tf.tensor2d(input, [count, width])) as tf.Tensor);
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return values;
}

export const testImages = (fixture: AnswersFixture, indices: number[]) => gatherImages(fixture.data.test, indices);
export const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
export const mean = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0) / values.length;
export const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
};
export const mseOf = (a: Float32Array, b: Float32Array) => mean(Array.from(a, (v, i) => (v - b[i]) ** 2));

/** The model's mean errors per pixel on the whole test split (clean input, clean target). */
export async function testErrorsOf(fixture: AnswersFixture, trainer: Trainer) {
  return meanErrors((await scoreImages(trainer.model, fixture.data.test))!);
}
