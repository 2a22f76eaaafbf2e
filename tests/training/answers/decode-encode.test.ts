// Answers to decode, encode and digits, and the model calls under them.
import { describe, expect, it } from 'vitest';
import { PIXELS } from '../../../src/data/mnist';
import { toBytes } from '../../../src/data/pixels';
import { decodeCodes } from '../../../src/training/answers/decode';
import { encodeImages } from '../../../src/training/answers/encode';
import { ask, DENOISING, maxDiff, predict, range, TEST, testImages, answersFixture, VAE, VANILLA } from './fixture';

const f = answersFixture();
const trainer = (runId: number) => f.trainers.get(runId)!;

describe('decodeCodes and encodeImages', () => {
  it('decodeCodes is the decoder; encodeImages the encoder and the whole model', async () => {
    const { model } = trainer(VANILLA);
    const codes = Float32Array.from(range(3 * 8), (i) => Math.sin(i));
    expect(await decodeCodes(model, codes, 3)).toEqual(predict(model.decoder, codes, 3, 8));

    const images = testImages(f, [4, 5]);
    const { codes: z, outputs } = await encodeImages(model, images, 2);
    expect(z).toEqual(predict(model.encoder, images, 2, PIXELS));
    expect(outputs).toEqual(predict(model.autoencoder, images, 2, PIXELS));
    await expect(encodeImages(model, images, 3)).rejects.toThrow(/expected 3 images of 784 pixels/);
  });
});

describe('ModelAnswers: decode', () => {
  it('returns count × 784 bytes: the decoder’s images of the codes, with the model’s step', async () => {
    const t = trainer(VANILLA);
    const codes = Float32Array.from(range(4 * 8), (i) => Math.cos(i) * 2);
    const answer = await ask(f, VANILLA, { kind: 'decode', codes, count: 4 });
    expect(answer.step).toBe(t.step);
    expect(answer.result.images).toBeInstanceOf(Uint8Array);
    expect(answer.result.images.length).toBe(4 * PIXELS);
    expect(answer.result.images).toEqual(toBytes(predict(t.model.decoder, codes, 4, 8)));
    expect(answer.transfer).toEqual([answer.result.images.buffer]);
    // Different codes, different images.
    const other = await ask(f, VANILLA, { kind: 'decode', codes: codes.map((v) => -v), count: 4 });
    expect(other.result.images).not.toEqual(answer.result.images);
  });

  it('rejects codes of the wrong length and codes that are not finite', async () => {
    await expect(f.answers.answer(VANILLA, { kind: 'decode', codes: new Float32Array(15), count: 2 })).rejects.toThrow(
      /expected 2 codes of 8 numbers, got 15/,
    );
    await expect(f.answers.answer(VAE, { kind: 'decode', codes: new Float32Array(8), count: 2 })).rejects.toThrow(/codes of 2 numbers/);
    for (const bad of [NaN, Infinity, -Infinity]) {
      const codes = new Float32Array(8);
      codes[5] = bad;
      await expect(f.answers.answer(VANILLA, { kind: 'decode', codes, count: 1 })).rejects.toThrow(/finite/);
    }
  });
});

describe('ModelAnswers: encode', () => {
  it('codes are encode() of the images (μ for the VAE), outputs the autoencoder’s', async () => {
    const images = testImages(f, [7, 8, 9]);
    for (const runId of [VANILLA, VAE]) {
      const t = trainer(runId);
      const answer = await ask(f, runId, { kind: 'encode', images, count: 3 });
      expect(answer.step).toBe(t.step);
      expect(answer.result.codes.length).toBe(3 * t.config.codeSize);
      expect(maxDiff(answer.result.codes, await t.codes([7, 8, 9]))).toBeLessThan(1e-5);
      expect(answer.result.outputs).toEqual(toBytes(predict(t.model.autoencoder, images, 3, PIXELS)));
      expect(answer.transfer).toEqual([answer.result.codes.buffer, answer.result.outputs.buffer]);
    }
  });

  it('rejects images of the wrong size', async () => {
    await expect(f.answers.answer(VANILLA, { kind: 'encode', images: new Float32Array(PIXELS + 1), count: 1 })).rejects.toThrow(
      /784 pixels/,
    );
    await expect(f.answers.answer(VANILLA, { kind: 'encode', images: new Float32Array(PIXELS), count: 2 })).rejects.toThrow(/784 pixels/);
  });
});

describe('ModelAnswers: digits', () => {
  const indices = [3, 0, 599, 42];

  it('labels and originals are the test digits; outputs and codes those of the model', async () => {
    const t = trainer(VANILLA);
    const { result, step } = await ask(f, VANILLA, { kind: 'digits', indices });
    expect(step).toBe(t.step);
    expect(Array.from(result.labels)).toEqual(indices.map((i) => f.data.test.labels[i]));
    indices.forEach((idx, i) => {
      expect(result.originals.subarray(i * PIXELS, (i + 1) * PIXELS)).toEqual(
        f.data.test.images.subarray(idx * PIXELS, (idx + 1) * PIXELS),
      );
    });
    expect(result.outputs).toEqual(toBytes(predict(t.model.autoencoder, testImages(f, indices), indices.length, PIXELS)));
    expect(maxDiff(result.codes, await t.codes(indices))).toBeLessThan(1e-5);
  });

  it('the denoising kind reconstructs the clean originals, not the corrupted inputs it trains on', async () => {
    const t = trainer(DENOISING);
    const { result } = await ask(f, DENOISING, { kind: 'digits', indices });
    const clean = testImages(f, indices);
    expect(result.outputs).toEqual(toBytes(predict(t.model.autoencoder, clean, indices.length, PIXELS)));
    expect(maxDiff(result.codes, predict(t.model.encoder, clean, indices.length, PIXELS))).toBeLessThan(1e-5);
    // What the training view shows (from noisy inputs) is something else.
    const fromNoisy = await t.reconstruct(indices);
    expect(toBytes(fromNoisy.inputs)).not.toEqual(result.originals);
    expect(toBytes(fromNoisy.outputs)).not.toEqual(result.outputs);
  });

  it('rejects indices outside the test set or not whole', async () => {
    for (const bad of [[-1], [TEST], [0, 1.5], [NaN]]) {
      await expect(f.answers.answer(VANILLA, { kind: 'digits', indices: bad })).rejects.toThrow(/whole numbers from 0 to 599/);
    }
  });
});
