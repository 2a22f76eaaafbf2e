/** What defines an autoencoder experiment, independent of any UI. */
import type { DatasetName } from '../data/datasets';

export const KINDS = ['vanilla', 'deep', 'conv', 'denoising', 'vae'] as const;
export type AutoencoderKind = (typeof KINDS)[number];

export const KIND_LABELS: Record<AutoencoderKind, string> = {
  vanilla: 'Vanilla',
  deep: 'Deep',
  conv: 'Convolutional',
  denoising: 'Denoising',
  vae: 'Variational',
};

export const LOSSES = ['bce', 'mse'] as const;
export type LossName = (typeof LOSSES)[number];

/** The body a denoising autoencoder is built on. */
export const BODIES = ['dense', 'conv'] as const;
export type Body = (typeof BODIES)[number];

export interface ModelConfig {
  kind: AutoencoderKind;
  /** Size k of the code (the bottleneck), 1–128. */
  codeSize: number;
  /** Widths of the dense hidden layers of the encoder, outermost first (deep, dense denoising, VAE). */
  hidden: number[];
  /** Filters of each conv + pool stage of the encoder, outermost first (conv, conv denoising). */
  filters: number[];
  /** Body of the denoising autoencoder. */
  body: Body;
  loss: LossName;
  /** Standard deviation of the Gaussian noise added to the input (denoising). */
  noise: number;
  /** Weight β of the KL term (VAE). */
  beta: number;
  /** Seed of the initial weights, the data order and the noise. */
  seed: number;
}

export interface TrainingConfig {
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** What it trains on (the digits when not given). */
  dataset?: DatasetName;
}

export type ExperimentConfig = ModelConfig & TrainingConfig;

/** The code sizes the bottleneck sweep trains, one model each. */
export const SWEEP_CODE_SIZES = [1, 2, 4, 8, 16, 32, 64];

/** Whether a kind has dense hidden layers, conv stages, or neither. */
export function bodyOf(config: Pick<ModelConfig, 'kind' | 'body'>): 'single' | 'dense' | 'conv' {
  switch (config.kind) {
    case 'vanilla':
      return 'single';
    case 'deep':
    case 'vae':
      return 'dense';
    case 'conv':
      return 'conv';
    case 'denoising':
      return config.body;
  }
}
