/** The trainer tests' data (320 training and 100 test digits), base config and helpers. */
import { beforeAll } from 'vitest';
import type { Mnist } from '../../src/data/mnist';
import type { ExperimentConfig } from '../../src/model/config';
import type { StepOutcome, Trainer } from '../../src/training/trainer';
import { useWasmBackend } from '../helpers/backend';
import { smallMnist } from '../helpers/mnist';
import { testConfig } from '../helpers/config';

export const base: ExperimentConfig = testConfig({
  codeSize: 16,
  hidden: [64, 32],
  filters: [8, 4],
  noise: 0.3,
  seed: 7,
  learningRate: 0.005,
  batchSize: 32,
  epochs: 2,
});

/** Registers the backend and data set-up; the data is there once the tests run. */
export function trainerData(): { data: Mnist } {
  const holder = {} as { data: Mnist };
  beforeAll(async () => {
    await useWasmBackend();
    holder.data = smallMnist(320, 100);
  });
  return holder;
}

export async function okStep(trainer: Trainer): Promise<Extract<StepOutcome, { kind: 'ok' }>> {
  const outcome = await trainer.trainStep();
  if (outcome.kind !== 'ok') throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
  return outcome;
}

export const snapshot = (trainer: Trainer) => trainer.model.trainableVariables.map((v) => v.dataSync().slice() as Float32Array);
