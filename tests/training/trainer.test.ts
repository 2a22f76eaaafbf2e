import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatherImages, PIXELS, type Mnist } from '../../src/data/mnist';
import type { ExperimentConfig } from '../../src/model/config';
import { Trainer, type StepOutcome } from '../../src/training/trainer';
import { useWasmBackend } from '../helpers/backend';
import { smallMnist } from '../helpers/mnist';
import { testConfig } from '../helpers/config';

const base: ExperimentConfig = testConfig({ codeSize: 16, hidden: [64, 32], filters: [8, 4], noise: 0.3, seed: 7, learningRate: 0.005, batchSize: 32, epochs: 2 });

const KIND_CONFIGS: { name: string; config: ExperimentConfig; steps: number }[] = [
  { name: 'vanilla', config: { ...base, kind: 'vanilla' }, steps: 16 },
  { name: 'deep', config: { ...base, kind: 'deep' }, steps: 16 },
  { name: 'conv', config: { ...base, kind: 'conv' }, steps: 10 },
  { name: 'denoising (dense body)', config: { ...base, kind: 'denoising', body: 'dense' }, steps: 16 },
  { name: 'denoising (conv body)', config: { ...base, kind: 'denoising', body: 'conv' }, steps: 10 },
  { name: 'vae', config: { ...base, kind: 'vae' }, steps: 16 },
];

let data: Mnist;

beforeAll(async () => {
  await useWasmBackend();
  data = smallMnist(320, 100);
});

async function okStep(trainer: Trainer): Promise<Extract<StepOutcome, { kind: 'ok' }>> {
  const outcome = await trainer.trainStep();
  if (outcome.kind !== 'ok') throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
  return outcome;
}

const snapshot = (trainer: Trainer) => trainer.model.trainableVariables.map((v) => v.dataSync().slice() as Float32Array);

describe.each(KIND_CONFIGS)('$name', ({ config, steps }) => {
  it('lowers the test loss after a short fit on real digits', async () => {
    const trainer = new Trainer(data, config);
    try {
      const before = await trainer.evaluate();
      const losses: number[] = [];
      for (let i = 0; i < steps; i++) {
        const out = await okStep(trainer);
        losses.push(out.total);
        expect(Number.isFinite(out.total)).toBe(true);
        if (config.kind === 'vae') {
          expect(out.kl).toBeDefined();
          expect(out.total).toBeCloseTo(out.reconstruction + config.beta * out.kl!, 2);
        } else {
          expect(out.kl).toBeUndefined();
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
    const baseline = tf.memory().numTensors;
    const trainer = new Trainer(data, { ...config, batchSize: 8 });
    await okStep(trainer); // creates the optimiser's slots
    const warm = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await okStep(trainer);
      expect(tf.memory().numTensors).toBe(warm);
    }
    await trainer.evaluate(undefined, 40);
    await trainer.reconstruct([0, 1, 2]);
    await trainer.codes([0, 1, 2, 3, 4], 2);
    expect(tf.memory().numTensors).toBe(warm);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
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

  it('is deterministic: same config and data, same losses', async () => {
    for (const kind of ['vanilla', 'denoising', 'vae'] as const) {
      const config = { ...base, kind, batchSize: 16 };
      const run = async (c: ExperimentConfig) => {
        const trainer = new Trainer(data, c);
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
    const trainer = new Trainer(data, { ...base, kind: 'deep' });
    try {
      const whole = await trainer.evaluate();
      const chunked = await trainer.evaluate(data.test, 7);
      expect(Object.keys(whole!).sort()).toEqual(['reconstruction', 'total']);
      expect(chunked!.total).toBeCloseTo(whole!.total, 5);
      expect(whole!.total).toBe(whole!.reconstruction);
      // The training split can be evaluated too; it is different data.
      const train = await trainer.evaluate(data.train);
      expect(Number.isFinite(train!.total)).toBe(true);
      expect(train!.total).not.toBe(whole!.total);
    } finally {
      trainer.dispose();
    }
  });

  it('evaluate: the VAE reports its KL; between() returning false stops with null', async () => {
    const trainer = new Trainer(data, { ...base, kind: 'vae' });
    try {
      const result = await trainer.evaluate();
      expect(result!.kl).toBeGreaterThan(0);
      expect(result!.total).toBeCloseTo(result!.reconstruction + result!.kl!, 2);
      let calls = 0;
      const stopped = await trainer.evaluate(data.test, 30, async () => {
        calls++;
        return false;
      });
      expect(stopped).toBeNull();
      expect(calls).toBe(1);
      let chunks = 0;
      await trainer.evaluate(data.test, 30, async () => ++chunks > 0);
      expect(chunks).toBe(4); // 100 images in chunks of 30
    } finally {
      trainer.dispose();
    }
  });

  it('reconstruct: inputs are the test images, outputs n × 784 in [0, 1]', async () => {
    const trainer = new Trainer(data, base);
    try {
      const indices = [3, 0, 42];
      const { inputs, outputs } = await trainer.reconstruct(indices);
      expect(inputs.length).toBe(3 * PIXELS);
      expect(outputs.length).toBe(3 * PIXELS);
      expect(inputs).toEqual(gatherImages(data.test, indices));
      for (const v of outputs) if (!(v >= 0 && v <= 1)) throw new Error(`output ${v} outside [0, 1]`);
      const expected = tf.tidy(() =>
        (trainer.model.autoencoder.predict(tf.tensor2d(gatherImages(data.test, indices), [3, PIXELS])) as tf.Tensor).dataSync(),
      );
      expect(outputs).toEqual(expected);
    } finally {
      trainer.dispose();
    }
  });

  it('reconstruct: the denoising kind shows the corrupted input, the same each time', async () => {
    const trainer = new Trainer(data, { ...base, kind: 'denoising', noise: 0.4 });
    try {
      const a = await trainer.reconstruct([0, 1]);
      const b = await trainer.reconstruct([0, 1]);
      const clean = gatherImages(data.test, [0, 1]);
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
      const trainer = new Trainer(data, { ...base, kind, codeSize: 3 });
      try {
        const indices = Array.from({ length: 25 }, (_, i) => (i * 3) % 100);
        const codes = await trainer.codes(indices);
        expect(codes.length).toBe(25 * 3);
        const chunked = await trainer.codes(indices, 4);
        expect(chunked).toEqual(codes);
        const expected = tf.tidy(() => {
          const out = trainer.model.encoder.predict(tf.tensor2d(gatherImages(data.test, indices), [25, PIXELS]));
          return (Array.isArray(out) ? out[0] : out).dataSync();
        });
        for (let i = 0; i < codes.length; i++) expect(codes[i]).toBeCloseTo(expected[i], 5);
      } finally {
        trainer.dispose();
      }
    }
  });
});

describe('divergence', () => {
  /** Poisons the weights as a diverging update would. */
  function poison(trainer: Trainer): void {
    const v = trainer.model.trainableVariables[0];
    tf.tidy(() => v.assign(tf.fill(v.shape, NaN)));
  }

  it.each([
    // BCE clips predictions; on wasm the clip turns NaN into a finite value,
    // so the weights themselves must be checked too.
    { name: 'bce (the default)', config: { ...base, loss: 'bce' as const } },
    { name: 'mse', config: { ...base, loss: 'mse' as const } },
    { name: 'vae', config: { ...base, kind: 'vae' as const } },
  ])('$name: a NaN loss stops the step, rolls back to the last weights with a finite loss, and training goes on', async ({ config }) => {
    const trainer = new Trainer(data, { ...config, batchSize: 16 });
    try {
      for (let i = 0; i < 3; i++) await okStep(trainer);
      const warm = tf.memory().numTensors;
      // The last finite step evaluates its loss on these weights, then updates them.
      const checked = snapshot(trainer);
      const last = await okStep(trainer);
      expect(last.step).toBe(4);
      const updated = snapshot(trainer);
      expect(updated).not.toEqual(checked);

      poison(trainer);
      const outcome = await trainer.trainStep();
      expect(outcome.kind).toBe('diverged');
      if (outcome.kind !== 'diverged') return;
      expect(outcome.step).toBe(5);
      expect(outcome.epoch).toBe(0);
      expect(outcome.message).toMatch(/learning rate, e\.g\. to 0\.0005 \(10× smaller\).*Resume/);
      expect(outcome.message).toMatch(/NaN|finite/);
      if (config.kind === 'vae') expect(outcome.message).toMatch(/β/);
      expect(trainer.step).toBe(4);

      const restored = snapshot(trainer);
      for (const w of restored) for (const v of w) if (!Number.isFinite(v)) throw new Error('non-finite weight after rollback');
      // Back to the last weights whose loss was seen to be finite (the NaN
      // could have come from the update that produced `updated`).
      expect(restored).toEqual(checked);

      const losses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const out = await okStep(trainer);
        expect(out.step).toBe(5 + i);
        losses.push(out.total);
      }
      for (const l of losses) expect(Number.isFinite(l)).toBe(true);
      // The fresh optimiser replaced the old one without leaking.
      expect(tf.memory().numTensors).toBe(warm);
    } finally {
      trainer.dispose();
    }
  });
});

describe('setTraining', () => {
  it('changes the step size of the run in progress and its number of epochs', async () => {
    const a = new Trainer(data, { ...base, batchSize: 32 });
    const b = new Trainer(data, { ...base, batchSize: 32 });
    try {
      // Same seed, same first step; then b takes tiny steps.
      await okStep(a);
      await okStep(b);
      b.setTraining({ learningRate: 1e-9, epochs: 5 });
      expect(b.config.learningRate).toBe(1e-9);
      expect(b.totalSteps).toBe(5 * b.stepsPerEpoch);
      const beforeA = snapshot(a);
      const beforeB = snapshot(b);
      await okStep(a);
      await okStep(b);
      const moved = (x: Float32Array[], y: Float32Array[]) =>
        x.reduce((sum, w, i) => sum + w.reduce((s, v, j) => s + Math.abs(v - y[i][j]), 0), 0);
      const movedA = moved(snapshot(a), beforeA);
      const movedB = moved(snapshot(b), beforeB);
      expect(movedA).toBeGreaterThan(0);
      expect(movedB).toBeLessThan(movedA * 1e-3);
      expect(() => b.setTraining({ learningRate: 0, epochs: 1 })).toThrow(RangeError);
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});

describe('a finite loss that explodes', () => {
  it('a learning rate raised far too high mid-run is caught: weights back to a recent good checkpoint', async () => {
    const trainer = new Trainer(data, { ...base, batchSize: 16, epochs: 20 });
    try {
      let last = 0;
      for (let i = 0; i < 60; i++) last = (await okStep(trainer)).total;
      const healthy = last;
      trainer.setTraining({ learningRate: 50, epochs: 20 });
      let outcome: StepOutcome | null = null;
      for (let i = 0; i < 200 && (!outcome || outcome.kind === 'ok'); i++) outcome = await trainer.trainStep();
      expect(outcome?.kind).toBe('diverged');
      if (outcome?.kind !== 'diverged') return;
      expect(outcome.message).toMatch(/learning rate \(50\) is too large.*step 49\b.*Resume/);
      // Back to the checkpoint (weights from step 49): a test loss near the healthy one.
      trainer.setTraining({ learningRate: 0.001, epochs: 20 });
      const after = await trainer.evaluate();
      expect(after!.total).toBeLessThan(healthy * 1.5);
      const next = await okStep(trainer);
      expect(next.total).toBeLessThan(healthy * 1.5);
    } finally {
      trainer.dispose();
    }
  });

  it('a normal run never trips the guard', async () => {
    const trainer = new Trainer(data, { ...base, batchSize: 16, epochs: 20 });
    try {
      for (let i = 0; i < 150; i++) await okStep(trainer);
    } finally {
      trainer.dispose();
    }
  });
});
