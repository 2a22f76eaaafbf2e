/**
 * Which settings make a run what it is. A change to any of them needs a new
 * run (the page keeps the old one on screen, paused, until Train); the others
 * (learning rate, epochs, backend) apply to the run in progress.
 */
import { sparsityOf, type ExperimentConfig } from '../model/config';

/**
 * The fields that define the model and its run: the architecture, the loss
 * and its penalty, the seed, the data, and the batch size (a run's batches,
 * its data order and its step count are fixed when it starts; the trainer
 * changes only the learning rate and the epochs on the fly).
 */
export const MODEL_FIELDS = [
  'kind',
  'codeSize',
  'hidden',
  'filters',
  'body',
  'loss',
  'noise',
  'beta',
  'sparsity',
  'seed',
  'batchSize',
  'dataset',
] as const satisfies readonly (keyof ExperimentConfig)[];

export type ModelField = (typeof MODEL_FIELDS)[number];

/** The settings a run in progress takes on without a new model. */
export const RUN_FIELDS = ['learningRate', 'epochs', 'backend'] as const;

/** The model's identity as a string (the run's `runKey`): equal exactly when every model field is. */
export function modelIdentity(config: Pick<ExperimentConfig, ModelField>): string {
  // A run from before there was a choice of data trained on the digits, and
  // one from before the sparsity penalty without it (as does a kind that takes none).
  const value = (field: ModelField) =>
    field === 'dataset' ? (config.dataset ?? 'mnist') : field === 'sparsity' ? sparsityOf(config) : config[field];
  return JSON.stringify(MODEL_FIELDS.map((field) => [field, value(field)]));
}
