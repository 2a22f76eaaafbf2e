import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { gatherImages, PIXELS } from '../../src/data/mnist';
import { penaltyOf, type ExperimentConfig } from '../../src/model/config';
import { Trainer } from '../../src/training/trainer';
import { smallMnist } from '../helpers/mnist';
import { trackTensors } from '../helpers/tensors';
import { base, okStep, trainerData } from './trainer-fixture';

const KIND_CONFIGS: { name: string; config: ExperimentConfig; steps: number }[] = [
  { name: 'vanilla', config: { ...base, kind: 'vanilla' }, steps: 16 },
  { name: 'deep', config: { ...base, kind: 'deep' }, steps: 16 },
  { name: 'conv', config: { ...base, kind: 'conv' }, steps: 10 },
  { name: 'denoising (dense body)', config: { ...base, kind: 'denoising', body: 'dense' }, steps: 16 },
  { name: 'denoising (conv body)', config: { ...base, kind: 'denoising', body: 'conv' }, steps: 10 },
  { name: 'vae', config: { ...base, kind: 'vae' }, steps: 16 },
  { name: 'sparse (vanilla, λ = 0.05)', config: { ...base, kind: 'vanilla', sparsity: 0.05 }, steps: 16 },
  { name: 'sparse (deep, λ = 0.05)', config: { ...base, kind: 'deep', sparsity: 0.05 }, steps: 16 },
];

const fixture = trainerData();

describe.each(KIND_CONFIGS)('$name', ({ config, steps }) => {
  it('lowers the test loss after a short fit on real digits', async () => {
    const trainer = new Trainer(fixture.data, config);
    try {
      const before = await trainer.evaluate();
      const losses: number[] = [];
      for (let i = 0; i < steps; i++) {
        const out = await okStep(trainer);
        losses.push(out.total);
        expect(Number.isFinite(out.total)).toBe(true);
        const penalty = penaltyOf(config);
        if (penalty) {
          expect(out.penalty).toBeGreaterThan(0);
          const weight = penalty === 'kl' ? config.beta : config.sparsity!;
          expect(out.total).toBeCloseTo(out.reconstruction + weight * out.penalty!, penalty === 'kl' ? 2 : 5);
        } else {
          expect(out.penalty).toBeUndefined();
          expect(out.total).toBe(out.reconstruction);
        }
      }
      const after = await trainer.evaluate();
      expect(after!.total).toBeLessThan(0.9 * before!.total);
      expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
    } finally {
      trainer.dispose();
    }
  });

  it('does not leak tensors while training, evaluating or viewing, and frees all on dispose', async () => {
    const baseline = trackTensors();
    const trainer = new Trainer(fixture.data, { ...config, batchSize: 8 });
    await okStep(trainer); // creates the optimiser's slots
    const warm = trackTensors();
    for (let i = 0; i < 3; i++) {
      await okStep(trainer);
      warm.expectUnchanged();
    }
    await trainer.evaluate(undefined, 40);
    await trainer.reconstruct([0, 1, 2]);
    await trainer.codes([0, 1, 2, 3, 4], 2);
    warm.expectUnchanged();
    trainer.dispose();
    baseline.expectUnchanged();
  });
});

describe('Trainer bookkeeping', () => {
  it('counts steps and epochs (the remainder of an epoch is dropped)', async () => {
    const trainer = new Trainer(smallMnist(40, 20), { ...base, batchSize: 16, epochs: 2 });
    try {
      expect(trainer.stepsPerEpoch).toBe(2); // 40 / 16, the remainder is dropped
      expect(trainer.totalSteps).toBe(4);
      expect(trainer.finished).toBe(false);
      const outcomes = [];
      for (let i = 0; i < 4; i++) outcomes.push(await okStep(trainer));
      expect(outcomes.map((o) => [o.step, o.epoch, o.epochDone])).toEqual([
        [1, 0, false],
        [2, 1, true],
        [3, 1, false],
        [4, 2, true],
      ]);
      expect(trainer.step).toBe(4);
      expect(trainer.epoch).toBe(2);
      expect(trainer.finished).toBe(true);
    } finally {
      trainer.dispose();
    }
  });

  it('rejects a batch larger than the training set, or empty', () => {
    const small = smallMnist(10, 5);
    expect(() => new Trainer(small, { ...base, batchSize: 11 })).toThrow(/batch size must be between 1 and 10/);
    expect(() => new Trainer(small, { ...base, batchSize: 0 })).toThrow(RangeError);
  });

  it('is deterministic: same config and fixture.data, same losses', async () => {
    for (const kind of ['vanilla', 'denoising', 'vae'] as const) {
      const config = { ...base, kind, batchSize: 16 };
      const run = async (c: ExperimentConfig) => {
        const trainer = new Trainer(fixture.data, c);
        try {
          const out: number[] = [];
          for (let i = 0; i < 3; i++) out.push((await okStep(trainer)).total);
          out.push((await trainer.evaluate())!.total);
          return out;
        } finally {
          trainer.dispose();
        }
      };
      const a = await run(config);
      const b = await run(config);
      expect(b).toEqual(a);
      const other = await run({ ...config, seed: config.seed + 1 });
      expect(other[0]).not.toBe(a[0]);
    }
  });
});

describe('evaluate, reconstruct, codes', () => {
  it('evaluate: the mean over the split, whatever the chunk size (deterministic kinds)', async () => {
    const trainer = new Trainer(fixture.data, { ...base, kind: 'deep' });
    try {
      const whole = await trainer.evaluate();
      const chunked = await trainer.evaluate(fixture.data.test, 7);
      expect(Object.keys(whole!).sort()).toEqual(['reconstruction', 'total']);
      expect(chunked!.total).toBeCloseTo(whole!.total, 5);
      expect(whole!.total).toBe(whole!.reconstruction);
      // The training split can be evaluated too; it is different fixture.data.
      const train = await trainer.evaluate(fixture.data.train);
      expect(Number.isFinite(train!.total)).toBe(true);
      expect(train!.total).not.toBe(whole!.total);
    } finally {
      trainer.dispose();
    }
  });

  it('evaluate: a sparse model reports its L1 penalty on the test pass, the mean |z| of the test codes', async () => {
    const lambda = 0.1;
    const trainer = new Trainer(fixture.data, { ...base, kind: 'vanilla', sparsity: lambda });
    try {
      for (let i = 0; i < 3; i++) await okStep(trainer);
      const result = await trainer.evaluate(undefined, 7);
      const codes = await trainer.codes(Array.from({ length: fixture.data.test.count }, (_, i) => i));
      const meanAbs = codes.reduce((sum, v) => sum + Math.abs(v), 0) / codes.length;
      expect(result!.penalty).toBeCloseTo(meanAbs, 4);
      expect(result!.total).toBeCloseTo(result!.reconstruction + lambda * meanAbs, 4);
    } finally {
      trainer.dispose();
    }
  });

  it('evaluate: the VAE reports its KL; between() returning false stops with null', async () => {
    const trainer = new Trainer(fixture.data, { ...base, kind: 'vae' });
    try {
      const result = await trainer.evaluate();
      expect(result!.penalty).toBeGreaterThan(0);
      expect(result!.total).toBeCloseTo(result!.reconstruction + result!.penalty!, 2);
      let calls = 0;
      const stopped = await trainer.evaluate(fixture.data.test, 30, async () => {
        calls++;
        return false;
      });
      expect(stopped).toBeNull();
      expect(calls).toBe(1);
      let chunks = 0;
      await trainer.evaluate(fixture.data.test, 30, async () => ++chunks > 0);
      expect(chunks).toBe(4); // 100 images in chunks of 30
    } finally {
      trainer.dispose();
    }
  });

  it('reconstruct: inputs are the test images, outputs n × 784 in [0, 1]', async () => {
    const trainer = new Trainer(fixture.data, base);
    try {
      const indices = [3, 0, 42];
      const { inputs, outputs } = await trainer.reconstruct(indices);
      expect(inputs.length).toBe(3 * PIXELS);
      expect(outputs.length).toBe(3 * PIXELS);
      expect(inputs).toEqual(gatherImages(fixture.data.test, indices));
      for (const v of outputs) if (!(v >= 0 && v <= 1)) throw new Error(`output ${v} outside [0, 1]`);
      const expected = tf.tidy(() =>
        (trainer.model.autoencoder.predict(tf.tensor2d(gatherImages(fixture.data.test, indices), [3, PIXELS])) as tf.Tensor).dataSync(),
      );
      expect(outputs).toEqual(expected);
    } finally {
      trainer.dispose();
    }
  });

  it('reconstruct: the denoising kind shows the corrupted input, the same each time', async () => {
    const trainer = new Trainer(fixture.data, { ...base, kind: 'denoising', noise: 0.4 });
    try {
      const a = await trainer.reconstruct([0, 1]);
      const b = await trainer.reconstruct([0, 1]);
      const clean = gatherImages(fixture.data.test, [0, 1]);
      expect(a.inputs).toEqual(b.inputs);
      expect(a.outputs).toEqual(b.outputs);
      let changed = 0;
      for (let i = 0; i < clean.length; i++) {
        if (Math.abs(a.inputs[i] - clean[i]) > 1e-6) changed++;
        if (!(a.inputs[i] >= 0 && a.inputs[i] <= 1)) throw new Error('noisy input outside [0, 1]');
      }
      expect(changed).toBeGreaterThan(clean.length / 2);
    } finally {
      trainer.dispose();
    }
  });

  it('codes: n × k, the same whatever the chunk, equal to the encoder (μ for the VAE)', async () => {
    for (const kind of ['deep', 'vae'] as const) {
      const trainer = new Trainer(fixture.data, { ...base, kind, codeSize: 3 });
      try {
        const indices = Array.from({ length: 25 }, (_, i) => (i * 3) % 100);
        const codes = await trainer.codes(indices);
        expect(codes.length).toBe(25 * 3);
        const chunked = await trainer.codes(indices, 4);
        expect(chunked).toEqual(codes);
        const expected = tf.tidy(() => {
          const out = trainer.model.encoder.predict(tf.tensor2d(gatherImages(fixture.data.test, indices), [25, PIXELS]));
          return (Array.isArray(out) ? out[0] : out).dataSync();
        });
        for (let i = 0; i < codes.length; i++) expect(codes[i]).toBeCloseTo(expected[i], 5);
      } finally {
        trainer.dispose();
      }
    }
  });
});
