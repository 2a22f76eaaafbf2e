import type { ExperimentConfig } from '../../src/model/config';

/** A small experiment for tests (fast to build and train); override what a test is about. */
export function testConfig(overrides: Partial<ExperimentConfig> = {}): ExperimentConfig {
  return {
    kind: 'vanilla',
    codeSize: 8,
    hidden: [32, 16],
    filters: [4, 4],
    body: 'dense',
    loss: 'bce',
    noise: 0.5,
    beta: 1,
    seed: 1,
    learningRate: 0.005,
    batchSize: 32,
    epochs: 2,
    ...overrides,
  };
}
