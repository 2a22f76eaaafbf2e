import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gatherImages, PIXELS, type Mnist } from '../../src/data/mnist';
import type { ExperimentConfig } from '../../src/model/config';
import { codeChunk, decodeCodes, encodeImages, Explorer, toBytes } from '../../src/training/explorer';
import { bceFloor, explainedVariance, pcaReconstruct, pcaTestErrors } from '../../src/training/pca-baseline';
import type { ExploreQuery, ExploreResult } from '../../src/training/protocol';
import { Trainer } from '../../src/training/trainer';
import { useWasmBackend } from '../helpers/backend';
import { smallMnist } from '../helpers/mnist';
import { testConfig } from '../helpers/config';

// 600 test digits: more than one chunk (500) of model work.
const TRAIN = 256;
const TEST = 600;

const VANILLA = 1;
const DENOISING = 2;
const VAE = 3;

const configs: Record<number, ExperimentConfig> = {
  [VANILLA]: testConfig({ codeSize: 8, seed: 5 }),
  [DENOISING]: testConfig({ kind: 'denoising', codeSize: 8, hidden: [32], noise: 0.5, seed: 6 }),
  [VAE]: testConfig({ kind: 'vae', codeSize: 2, hidden: [32], loss: 'mse', seed: 7 }),
};

let data: Mnist;
const trainers = new Map<number, Trainer>();
let explorer: Explorer;
/** Calls of `exclusive`: one per chunk of model work. */
let exclusiveCalls = 0;
/** Runs before each piece of exclusive work (a test may swap models there). */
let beforeExclusive: (() => void) | null = null;

beforeAll(async () => {
  await useWasmBackend();
  data = smallMnist(TRAIN, TEST);
  for (const [runId, config] of Object.entries(configs)) {
    const trainer = new Trainer(data, config);
    for (let i = 0; i < 6; i++) await trainer.trainStep();
    trainers.set(Number(runId), trainer);
  }
  explorer = new Explorer({
    data: () => data,
    trainer: (runId) => trainers.get(runId) ?? null,
    exclusive: (fn) => {
      exclusiveCalls++;
      beforeExclusive?.();
      return fn();
    },
    yieldNow: async () => {},
  });
});

afterAll(() => {
  for (const trainer of trainers.values()) trainer.dispose();
});

// No answer, accepted or rejected, leaves a tensor behind.
let baseline = 0;
beforeEach(() => {
  baseline = tf.memory().numTensors;
  beforeExclusive = null;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(baseline);
});

const trainer = (runId: number) => trainers.get(runId)!;

async function ask<K extends ExploreQuery['kind']>(runId: number, query: Extract<ExploreQuery, { kind: K }>) {
  const answer = await explorer.answer(runId, query);
  expect(answer.result.kind).toBe(query.kind);
  return { ...answer, result: answer.result as Extract<ExploreResult, { kind: K }> };
}

/** A layers model's outputs for `count` inputs of `width` floats, read back as floats. */
function predict(model: tf.LayersModel, input: Float32Array, count: number, width: number): Float32Array {
  const out = tf.tidy(() => model.predict(tf.tensor2d(input, [count, width])) as tf.Tensor);
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return values;
}

const testImages = (indices: number[]) => gatherImages(data.test, indices);
const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
const mean = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0) / values.length;
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
};
const mseOf = (a: Float32Array, b: Float32Array) => mean(Array.from(a, (v, i) => (v - b[i]) ** 2));

describe('toBytes', () => {
  it('clamps to [0, 1] and rounds to the nearest of 256 levels', () => {
    expect(Array.from(toBytes(Float32Array.from([-0.5, 0, 0.5, 1 / 255, 0.999, 1, 7])))).toEqual([0, 0, 128, 1, 255, 255, 255]);
    expect(toBytes(new Float32Array(0))).toEqual(new Uint8Array(0));
  });

  it('gives back the bytes of MNIST images scaled to [0, 1]', () => {
    const indices = range(10);
    expect(toBytes(testImages(indices))).toEqual(data.test.images.subarray(0, 10 * PIXELS));
  });
});

describe('decodeCodes, encodeImages and codeChunk', () => {
  it('decodeCodes is the decoder; encodeImages the encoder and the whole model', async () => {
    const { model } = trainer(VANILLA);
    const codes = Float32Array.from(range(3 * 8), (i) => Math.sin(i));
    expect(await decodeCodes(model, codes, 3)).toEqual(predict(model.decoder, codes, 3, 8));

    const images = testImages([4, 5]);
    const { codes: z, outputs } = await encodeImages(model, images, 2);
    expect(z).toEqual(predict(model.encoder, images, 2, PIXELS));
    expect(outputs).toEqual(predict(model.autoencoder, images, 2, PIXELS));
    await expect(encodeImages(model, images, 3)).rejects.toThrow(/expected 3 images of 784 pixels/);
  });

  it('codeChunk: codes and per-image errors of a slice of the split, against the clean image', async () => {
    const { model } = trainer(DENOISING);
    const indices = range(40, 100);
    const chunk = await codeChunk(model, data.test, 100, 40);
    const clean = testImages(indices);
    expect(chunk.codes.length).toBe(40 * 8);
    expect(maxDiff(chunk.codes, predict(model.encoder, clean, 40, PIXELS))).toBeLessThan(1e-5);
    // Squared error per pixel of each image's reconstruction from the clean image.
    const outputs = predict(model.autoencoder, clean, 40, PIXELS);
    const expected = indices.map((_, i) =>
      mseOf(outputs.subarray(i * PIXELS, (i + 1) * PIXELS), clean.subarray(i * PIXELS, (i + 1) * PIXELS)),
    );
    expect(maxDiff(chunk.mse, expected)).toBeLessThan(1e-6);
    // BCE per pixel is at least the floor of a perfect reconstruction, and positive.
    for (const v of chunk.bce) expect(v).toBeGreaterThan(0);
    // A slice is the same as the rows of a bigger one.
    const whole = await codeChunk(model, data.test, 90, 60);
    expect(maxDiff(whole.bce.subarray(10, 50), chunk.bce)).toBeLessThan(1e-6);
  });
});

describe('Explorer: decode', () => {
  it('returns count × 784 bytes: the decoder’s images of the codes, with the model’s step', async () => {
    const t = trainer(VANILLA);
    const codes = Float32Array.from(range(4 * 8), (i) => Math.cos(i) * 2);
    const answer = await ask(VANILLA, { kind: 'decode', codes, count: 4 });
    expect(answer.step).toBe(t.step);
    expect(answer.result.images).toBeInstanceOf(Uint8Array);
    expect(answer.result.images.length).toBe(4 * PIXELS);
    expect(answer.result.images).toEqual(toBytes(predict(t.model.decoder, codes, 4, 8)));
    expect(answer.transfer).toEqual([answer.result.images.buffer]);
    // Different codes, different images.
    const other = await ask(VANILLA, { kind: 'decode', codes: codes.map((v) => -v), count: 4 });
    expect(other.result.images).not.toEqual(answer.result.images);
  });

  it('rejects codes of the wrong length and codes that are not finite', async () => {
    await expect(explorer.answer(VANILLA, { kind: 'decode', codes: new Float32Array(15), count: 2 })).rejects.toThrow(
      /expected 2 codes of 8 numbers, got 15/,
    );
    await expect(explorer.answer(VAE, { kind: 'decode', codes: new Float32Array(8), count: 2 })).rejects.toThrow(/codes of 2 numbers/);
    for (const bad of [NaN, Infinity, -Infinity]) {
      const codes = new Float32Array(8);
      codes[5] = bad;
      await expect(explorer.answer(VANILLA, { kind: 'decode', codes, count: 1 })).rejects.toThrow(/finite/);
    }
  });
});

describe('Explorer: encode', () => {
  it('codes are encode() of the images (μ for the VAE), outputs the autoencoder’s', async () => {
    const images = testImages([7, 8, 9]);
    for (const runId of [VANILLA, VAE]) {
      const t = trainer(runId);
      const answer = await ask(runId, { kind: 'encode', images, count: 3 });
      expect(answer.step).toBe(t.step);
      expect(answer.result.codes.length).toBe(3 * t.config.codeSize);
      expect(maxDiff(answer.result.codes, await t.codes([7, 8, 9]))).toBeLessThan(1e-5);
      expect(answer.result.outputs).toEqual(toBytes(predict(t.model.autoencoder, images, 3, PIXELS)));
      expect(answer.transfer).toEqual([answer.result.codes.buffer, answer.result.outputs.buffer]);
    }
  });

  it('rejects images of the wrong size', async () => {
    await expect(explorer.answer(VANILLA, { kind: 'encode', images: new Float32Array(PIXELS + 1), count: 1 })).rejects.toThrow(
      /784 pixels/,
    );
    await expect(explorer.answer(VANILLA, { kind: 'encode', images: new Float32Array(PIXELS), count: 2 })).rejects.toThrow(/784 pixels/);
  });
});

describe('Explorer: digits', () => {
  const indices = [3, 0, 599, 42];

  it('labels and originals are the test digits; outputs and codes those of the model', async () => {
    const t = trainer(VANILLA);
    const { result, step } = await ask(VANILLA, { kind: 'digits', indices });
    expect(step).toBe(t.step);
    expect(Array.from(result.labels)).toEqual(indices.map((i) => data.test.labels[i]));
    indices.forEach((idx, i) => {
      expect(result.originals.subarray(i * PIXELS, (i + 1) * PIXELS)).toEqual(data.test.images.subarray(idx * PIXELS, (idx + 1) * PIXELS));
    });
    expect(result.outputs).toEqual(toBytes(predict(t.model.autoencoder, testImages(indices), indices.length, PIXELS)));
    expect(maxDiff(result.codes, await t.codes(indices))).toBeLessThan(1e-5);
  });

  it('the denoising kind reconstructs the clean originals, not the corrupted inputs it trains on', async () => {
    const t = trainer(DENOISING);
    const { result } = await ask(DENOISING, { kind: 'digits', indices });
    const clean = testImages(indices);
    expect(result.outputs).toEqual(toBytes(predict(t.model.autoencoder, clean, indices.length, PIXELS)));
    expect(maxDiff(result.codes, predict(t.model.encoder, clean, indices.length, PIXELS))).toBeLessThan(1e-5);
    // What the training view shows (from noisy inputs) is something else.
    const fromNoisy = await t.reconstruct(indices);
    expect(toBytes(fromNoisy.inputs)).not.toEqual(result.originals);
    expect(toBytes(fromNoisy.outputs)).not.toEqual(result.outputs);
  });

  it('rejects indices outside the test set or not whole', async () => {
    for (const bad of [[-1], [TEST], [0, 1.5], [NaN]]) {
      await expect(explorer.answer(VANILLA, { kind: 'digits', indices: bad })).rejects.toThrow(/whole numbers from 0 to 599/);
    }
  });
});

describe('Explorer: denoise', () => {
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
    const { result, step } = await ask(DENOISING, query({ level: 0 }));
    expect(step).toBe(t.step);
    expect(result.noisyMse).toBe(0);
    expect(result.clean).toEqual(data.test.images.subarray(PIXELS, 4 * PIXELS));
    expect(result.noisy).toEqual(result.clean);
    expect(result.outputs).toEqual(toBytes(predict(t.model.autoencoder, testImages(indices), 3, PIXELS)));
    // outputMse is measured over the first `sample` digits.
    const sample = testImages(range(100));
    expect(result.sample).toBe(100);
    expect(result.outputMse).toBeCloseTo(mseOf(predict(t.model.autoencoder, sample, 100, PIXELS), sample), 6);
  });

  it('with noise: the inputs change, noisyMse > 0; the same seed gives the same answer, another seed another', async () => {
    const a = (await ask(DENOISING, query())).result;
    expect(a.noisyMse).toBeGreaterThan(0);
    expect(a.noisy).not.toEqual(a.clean);
    expect(Number.isFinite(a.outputMse)).toBe(true);
    const clean = (await ask(DENOISING, query({ level: 0 }))).result;
    expect(a.outputs).not.toEqual(clean.outputs);

    expect((await ask(DENOISING, query())).result).toEqual(a);
    const b = (await ask(DENOISING, query({ seed: 12 }))).result;
    expect(b.noisy).not.toEqual(a.noisy);
    // More noise, further from the clean digits.
    const more = (await ask(DENOISING, query({ level: 0.6 }))).result;
    expect(more.noisyMse).toBeGreaterThan(a.noisyMse);
  });

  it('masking at level 1 blanks every pixel: noisyMse is the mean square of the clean digits', async () => {
    const { result } = await ask(VANILLA, query({ noise: 'mask', level: 1, sample: 50 }));
    expect(result.noisy).toEqual(new Uint8Array(3 * PIXELS));
    const sample = testImages(range(50));
    expect(result.noisyMse).toBeCloseTo(mean(Array.from(sample, (v) => v * v)), 9);
  });

  it('the sample is clamped to the test set and spans several chunks of model work', async () => {
    const t = trainer(VANILLA);
    const before = exclusiveCalls;
    const { result } = await ask(VANILLA, query({ level: 0, sample: 5000 }));
    expect(result.sample).toBe(TEST);
    expect(exclusiveCalls - before).toBe(2); // 603 images in chunks of 500
    const all = testImages(range(TEST));
    expect(result.outputMse).toBeCloseTo(mseOf(predict(t.model.autoencoder, all, TEST, PIXELS), all), 6);
    expect((await ask(VANILLA, query({ level: 0, sample: 0 }))).result.sample).toBe(1);
  });

  it('rejects a level outside [0, 1] and bad indices', async () => {
    for (const level of [-0.1, 1.01, NaN]) {
      await expect(explorer.answer(DENOISING, query({ level }))).rejects.toThrow(/between 0 and 1/);
    }
    for (const bad of [[-1], [TEST], [2.5]]) {
      await expect(explorer.answer(DENOISING, query({ indices: bad }))).rejects.toThrow(/whole numbers/);
    }
  });
});

describe('Explorer: codes', () => {
  it('per-image errors in the model’s own loss whose mean is the reconstruction error', async () => {
    for (const [runId, loss] of [
      [VANILLA, 'bce'],
      [VAE, 'mse'],
    ] as const) {
      const t = trainer(runId);
      const { result, step } = await ask(runId, { kind: 'codes', count: TEST });
      expect(step).toBe(t.step);
      expect(result.loss).toBe(loss);
      expect(result.errors.length).toBe(TEST);
      expect(result.labels).toEqual(data.test.labels);
      expect(result.codes.length).toBe(TEST * t.config.codeSize);
      expect(maxDiff(result.codes, await t.codes(range(TEST)))).toBeLessThan(1e-5);
      const expected = (await t.reconstructionErrors())[loss];
      expect(mean(result.errors)).toBeCloseTo(expected, 6);
    }
  });

  it('is kept while the step does not change, and measured again after a training step', async () => {
    // A model of its own, so that the others keep their step.
    const t = new Trainer(data, configs[VANILLA]);
    trainers.set(4, t);
    try {
      await t.trainStep();
      let before = exclusiveCalls;
      const first = (await ask(4, { kind: 'codes', count: TEST })).result;
      expect(exclusiveCalls - before).toBe(2); // 600 digits in chunks of 500

      before = exclusiveCalls;
      const again = await ask(4, { kind: 'codes', count: TEST });
      const fewer = (await ask(4, { kind: 'codes', count: 100 })).result;
      expect(exclusiveCalls).toBe(before);
      expect(again.result).toEqual(first);
      expect(again.step).toBe(1);
      expect(fewer.errors).toEqual(first.errors.subarray(0, 100));
      expect(fewer.codes).toEqual(first.codes.subarray(0, 100 * 8));
      expect(fewer.labels).toEqual(first.labels.subarray(0, 100));

      await t.trainStep();
      before = exclusiveCalls;
      const after = await ask(4, { kind: 'codes', count: TEST });
      expect(exclusiveCalls - before).toBe(2);
      expect(after.step).toBe(2);
      expect(after.result.errors).not.toEqual(first.errors);
      expect(mean(after.result.errors)).toBeCloseTo((await t.reconstructionErrors()).bce, 6);
    } finally {
      trainers.delete(4);
      t.dispose();
    }
  });

  it('asking for more digits than the test set has gives them all, and is kept too', async () => {
    const t = new Trainer(data, configs[VANILLA]);
    trainers.set(4, t);
    try {
      const first = (await ask(4, { kind: 'codes', count: 10_000 })).result;
      expect(first.errors.length).toBe(TEST);
      const before = exclusiveCalls;
      expect((await ask(4, { kind: 'codes', count: 10_000 })).result).toEqual(first);
      expect(exclusiveCalls).toBe(before);
    } finally {
      trainers.delete(4);
      t.dispose();
    }
  });

  it('fails, and keeps nothing, when the model is replaced between two chunks', async () => {
    const t = new Trainer(data, configs[VANILLA]);
    const replacement = new Trainer(data, configs[VANILLA]);
    trainers.set(4, t);
    try {
      let calls = 0;
      beforeExclusive = () => {
        if (++calls === 2) trainers.set(4, replacement);
      };
      await expect(explorer.answer(4, { kind: 'codes', count: TEST })).rejects.toThrow(/model changed/);
      beforeExclusive = null;
      const before = exclusiveCalls;
      const { result } = await ask(4, { kind: 'codes', count: TEST });
      expect(exclusiveCalls - before).toBe(2);
      expect(mean(result.errors)).toBeCloseTo((await replacement.reconstructionErrors()).bce, 6);
    } finally {
      trainers.delete(4);
      t.dispose();
      replacement.dispose();
    }
  });
});

describe('Explorer: pca', () => {
  it('PCA at the model’s code size beside the autoencoder, whose errors are the means of its codes table', async () => {
    const basis = await explorer.pcaBasis();
    expect(basis.trainCount).toBe(TRAIN);
    const indices = [5, 6];
    const images = testImages(indices);
    const answers: Record<number, Extract<ExploreResult, { kind: 'pca' }>> = {};
    for (const runId of [VANILLA, VAE]) {
      const t = trainer(runId);
      const k = t.config.codeSize;
      const { result, step, transfer } = await ask(runId, { kind: 'pca', k, indices });
      answers[runId] = result;
      expect(step).toBe(t.step);
      expect(result.k).toBe(k);
      expect(result.outputs).toEqual(toBytes(pcaReconstruct(basis, k, images, 2)));
      expect(transfer).toEqual([result.outputs.buffer]);
      expect(result.pca).toEqual(await pcaTestErrors(basis, k, data.test));
      expect(result.pca.mse).toBeGreaterThan(0);
      expect(Number.isFinite(result.pca.bce)).toBe(true);
      expect(result.bceFloor).toBe(bceFloor(data.test));
      expect(result.explained).toBe(explainedVariance(basis, k));
      for (const v of [result.autoencoder.bce, result.autoencoder.mse]) expect(Number.isFinite(v)).toBe(true);
      // The codes answer's errors are in the model's own loss.
      const codes = (await ask(runId, { kind: 'codes', count: TEST })).result;
      expect(mean(codes.errors)).toBeCloseTo(result.autoencoder[t.config.loss], 7);
    }
    // More components, less error and more variance kept.
    expect(answers[VANILLA].pca.mse).toBeLessThan(answers[VAE].pca.mse);
    expect(answers[VANILLA].explained).toBeGreaterThan(answers[VAE].explained);
    expect(answers[VANILLA].explained).toBeLessThan(1);
  });

  it('rejects a k other than the model’s code size, and bad indices', async () => {
    await expect(explorer.answer(VANILLA, { kind: 'pca', k: 4, indices: [0] })).rejects.toThrow(/code has 8 numbers, not 4/);
    await expect(explorer.answer(VANILLA, { kind: 'pca', k: 8, indices: [TEST] })).rejects.toThrow(/whole numbers/);
  });
});

describe('Explorer without a model or data', () => {
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
      await expect(explorer.answer(99, query), query.kind).rejects.toThrow(/press Train first/);
    }
  });

  it('says so when the digits are not loaded yet', async () => {
    const empty = new Explorer({ data: () => null, trainer: () => trainer(VANILLA), exclusive: (fn) => fn(), yieldNow: async () => {} });
    for (const query of queries) {
      await expect(empty.answer(VANILLA, query), query.kind).rejects.toThrow(/not loaded/);
    }
  });
});
