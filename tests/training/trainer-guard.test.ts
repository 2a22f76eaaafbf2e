// The trainer's guards: NaN rollback, the explosion check, and changes to a run in progress.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Trainer, type StepOutcome } from '../../src/training/trainer';
import { trackTensors } from '../helpers/tensors';
import { base, okStep, snapshot, trainerData } from './trainer-fixture';

const fixture = trainerData();

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
    const trainer = new Trainer(fixture.data, { ...config, batchSize: 16 });
    try {
      for (let i = 0; i < 3; i++) await okStep(trainer);
      const warm = trackTensors();
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
      warm.expectUnchanged();
    } finally {
      trainer.dispose();
    }
  });
});

describe('setTraining', () => {
  it('changes the step size of the run in progress and its number of epochs', async () => {
    const a = new Trainer(fixture.data, { ...base, batchSize: 32 });
    const b = new Trainer(fixture.data, { ...base, batchSize: 32 });
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
    const trainer = new Trainer(fixture.data, { ...base, batchSize: 16, epochs: 20 });
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
    const trainer = new Trainer(fixture.data, { ...base, batchSize: 16, epochs: 20 });
    try {
      for (let i = 0; i < 150; i++) await okStep(trainer);
    } finally {
      trainer.dispose();
    }
  });
});
