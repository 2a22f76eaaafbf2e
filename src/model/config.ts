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
  /**
   * Weight λ of the L1 penalty on the code's activations, which makes a
   * sparse autoencoder (the dense kinds other than the VAE; 0: off). Runs
   * kept before there was a penalty have none: missing means 0.
   */
  sparsity?: number;
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

/** The weights λ of the L1 penalty the controls offer (0: off); a link may give any other from 0 to 1. */
export const SPARSITY_CHOICES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3];

/**
 * The λ to try first: the code twice as sparse for a modest cost. Vanilla,
 * code 32, 5 epochs at its defaults, on the 10,000 test digits, mean of seeds
 * 1 and 2 (`npm run bench -- --only sparsity`, WASM): the share of code units
 * near zero (below a tenth of their code's largest, see code-sparsity.ts)
 * goes from 17 % at λ = 0 to 33 % at 0.03, the mean activation from 4.15 to
 * 0.74, for a test BCE of 0.0957 per pixel against 0.0923 (+4 %); λ = 0.1
 * reaches 49 % for 0.110 (+19 %).
 */
export const SUGGESTED_SPARSITY = 0.03;

/** Whether a config can take the L1 penalty: a dense code that is not the VAE's (which has its KL term instead). */
export function takesSparsity(config: Pick<ModelConfig, 'kind' | 'body'>): boolean {
  return config.kind !== 'vae' && bodyOf(config) !== 'conv';
}

/** The weight λ of the L1 penalty the model trains with: 0 when off, missing, or for a kind that takes none. */
export function sparsityOf(config: Pick<ModelConfig, 'kind' | 'body' | 'sparsity'>): number {
  return takesSparsity(config) ? (config.sparsity ?? 0) : 0;
}

/** The term a config adds to its reconstruction loss: the VAE's KL, the sparse code's L1, or none. */
export type PenaltyName = 'kl' | 'l1';

export function penaltyOf(config: Pick<ModelConfig, 'kind' | 'body' | 'sparsity'>): PenaltyName | null {
  if (config.kind === 'vae') return 'kl';
  return sparsityOf(config) > 0 ? 'l1' : null;
}
