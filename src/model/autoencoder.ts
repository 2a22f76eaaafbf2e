/**
 * Builds the five kinds of autoencoder from a ModelConfig. Every model takes
 * flat images, batch × 784 in [0, 1], and gives back batch × 784 in [0, 1]
 * (sigmoid output), so data feeding and views are the same for all kinds.
 *
 *   vanilla      784 → k → 784                       (the hidden layer is the code)
 *   deep         784 → h1 → … → hn → k → hn → … → h1 → 784
 *   conv         28×28×1 → [conv3×3 + maxpool2] × s → dense k
 *                → dense → [conv3×3 + upsample2] × s → conv3×3 → 28×28×1
 *   denoising    the deep or conv body; the input is corrupted while training
 *   variational  the dense body with two heads, mean μ and log-variance log σ²,
 *                each of size k; z = μ + σ ⊙ ε with ε ~ N(0, I)
 *
 * Hidden layers use ReLU; the code is linear, so it can take any real value
 * and a 2-D code can be drawn as is. The last layer computes logits and a
 * separate sigmoid layer turns them into pixels; the binary cross-entropy is
 * computed from the logits (see bceFromLogitsPerExample), which is exact
 * where the sigmoid saturates and cheaper to differentiate.
 *
 * A sparse autoencoder is a dense kind with an L1 penalty on its code
 * (config.sparsity = λ > 0, see lossTerms); its code stays linear. Measured
 * (vanilla, code 32, 5 epochs, seed 1, WASM; test digits; near zero = below
 * a tenth of the code's largest unit): a ReLU code trades worse, 29 % near
 * zero for a BCE of 0.0985 at λ = 0.01 against the linear code's 35 % for
 * 0.0958 at 0.03, and at λ = 0.1 it kills 25 of 32 units (BCE 0.181; linear
 * 48 %, 0.108). A linear code also keeps what the views assume (a 2-D code
 * drawn as is, codes to fit a Gaussian to). The penalty can be dodged by
 * scale, the code shrunk by c and the decoder's first weights grown by 1/c
 * (at λ = 0.03 the mean |z| falls from 4.2 to 0.73 as their norm grows from
 * 27 to 82): sparsity is judged within each code (analysis/code-sparsity.ts).
 */
import * as tf from '../shared/tf';
import { bodyOf, sparsityOf, type ModelConfig } from './config';
import { bceFromLogitsPerExample, klPerExample, l1Penalty, squaredErrorPerExample } from './losses';
import { PIXELS, IMAGE_SIZE } from '../data/mnist';
import { deriveSeed } from '../shared/rng';

export interface Autoencoder {
  config: ModelConfig;
  /** x (batch × 784) → code (batch × k); for the VAE, → [μ, log σ²]. */
  encoder: tf.LayersModel;
  /** code (batch × k) → x̂ (batch × 784). */
  decoder: tf.LayersModel;
  /** x → x̂ end to end; the VAE goes through μ (no sampling). */
  autoencoder: tf.LayersModel;
  /** The same as decoder and autoencoder but stopping before the sigmoid (same layers, same weights). */
  logits: { decoder: tf.LayersModel; autoencoder: tf.LayersModel };
  /** The variables the optimiser updates. */
  trainableVariables: tf.Variable[];
  /** Number of parameters of encoder and decoder together. */
  paramCount: number;
}

export interface LayerSummary {
  name: string;
  /** Output shape without the batch axis. */
  shape: number[];
  params: number;
}

function initializers(seed: number, counter: { next: number }) {
  return {
    kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, counter.next++) }),
    biasInitializer: tf.initializers.zeros(),
  };
}

/** Dense encoder layers: 784 → hidden… → (code heads added by the caller). */
function denseTrunk(x: tf.SymbolicTensor, widths: number[], seed: number, counter: { next: number }) {
  let h = x;
  for (const width of widths) {
    h = tf.layers.dense({ units: width, activation: 'relu', ...initializers(seed, counter) }).apply(h) as tf.SymbolicTensor;
  }
  return h;
}

/** A decoder's two outputs: logits, and pixels in [0, 1] (the sigmoid of the logits). */
interface DecoderGraph {
  z: tf.SymbolicTensor;
  logits: tf.SymbolicTensor;
  pixels: tf.SymbolicTensor;
}

function sigmoidOf(logits: tf.SymbolicTensor): tf.SymbolicTensor {
  return tf.layers.activation({ activation: 'sigmoid', name: 'pixels' }).apply(logits) as tf.SymbolicTensor;
}

function buildDenseDecoder(config: ModelConfig, widths: number[], seed: number, counter: { next: number }): DecoderGraph {
  const z = tf.input({ shape: [config.codeSize], name: 'code' });
  const h = denseTrunk(z, [...widths].reverse(), seed, counter);
  const logits = tf.layers.dense({ units: PIXELS, ...initializers(seed, counter) }).apply(h) as tf.SymbolicTensor;
  return { z, logits, pixels: sigmoidOf(logits) };
}

function buildConvEncoder(config: ModelConfig, seed: number, counter: { next: number }) {
  const x = tf.input({ shape: [PIXELS], name: 'image' });
  let h = tf.layers.reshape({ targetShape: [IMAGE_SIZE, IMAGE_SIZE, 1] }).apply(x) as tf.SymbolicTensor;
  for (const filters of config.filters) {
    h = tf.layers
      .conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', ...initializers(seed, counter) })
      .apply(h) as tf.SymbolicTensor;
    h = tf.layers.maxPooling2d({ poolSize: 2 }).apply(h) as tf.SymbolicTensor;
  }
  h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
  const code = tf.layers.dense({ units: config.codeSize, ...initializers(seed, counter) }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: x, outputs: code, name: 'encoder' });
}

function buildConvDecoder(config: ModelConfig, seed: number, counter: { next: number }): DecoderGraph {
  const stages = config.filters.length;
  const side = IMAGE_SIZE / 2 ** stages;
  const last = config.filters[stages - 1];
  const z = tf.input({ shape: [config.codeSize], name: 'code' });
  let h = tf.layers.dense({ units: side * side * last, activation: 'relu', ...initializers(seed, counter) }).apply(z) as tf.SymbolicTensor;
  h = tf.layers.reshape({ targetShape: [side, side, last] }).apply(h) as tf.SymbolicTensor;
  for (const filters of [...config.filters].reverse()) {
    h = tf.layers
      .conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', ...initializers(seed, counter) })
      .apply(h) as tf.SymbolicTensor;
    h = tf.layers.upSampling2d({ size: [2, 2] }).apply(h) as tf.SymbolicTensor;
  }
  h = tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', ...initializers(seed, counter) }).apply(h) as tf.SymbolicTensor;
  const logits = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
  return { z, logits, pixels: sigmoidOf(logits) };
}

/** Checks what the layer API would otherwise reject with a less helpful message. */
export function validateModelConfig(config: ModelConfig): void {
  if (!Number.isInteger(config.codeSize) || config.codeSize < 1 || config.codeSize > 128) {
    throw new RangeError(`code size must be an integer from 1 to 128, got ${config.codeSize}`);
  }
  const body = bodyOf(config);
  if (body === 'dense' && config.hidden.length === 0 && config.kind === 'deep') {
    throw new RangeError('a deep autoencoder needs at least one hidden layer');
  }
  if (body === 'conv' && (config.filters.length < 1 || config.filters.length > 2)) {
    throw new RangeError('a convolutional autoencoder has 1 or 2 conv + pool stages');
  }
}

/**
 * Builds encoder, decoder and the end-to-end model for any kind. Initial
 * weights depend only on config.seed.
 */
export function buildAutoencoder(config: ModelConfig): Autoencoder {
  validateModelConfig(config);
  const counter = { next: 0 };
  const seed = config.seed;
  const body = bodyOf(config);
  let encoder: tf.LayersModel;
  let graph: DecoderGraph;

  if (body === 'conv') {
    encoder = buildConvEncoder(config, seed, counter);
    graph = buildConvDecoder(config, seed, counter);
  } else {
    const widths = body === 'single' ? [] : config.hidden;
    const x = tf.input({ shape: [PIXELS], name: 'image' });
    const h = denseTrunk(x, widths, seed, counter);
    if (config.kind === 'vae') {
      const mean = tf.layers.dense({ units: config.codeSize, name: 'z_mean', ...initializers(seed, counter) }).apply(h);
      const logVar = tf.layers.dense({ units: config.codeSize, name: 'z_log_var', ...initializers(seed, counter) }).apply(h);
      encoder = tf.model({ inputs: x, outputs: [mean, logVar] as tf.SymbolicTensor[], name: 'encoder' });
    } else {
      const code = tf.layers.dense({ units: config.codeSize, ...initializers(seed, counter) }).apply(h);
      encoder = tf.model({ inputs: x, outputs: code as tf.SymbolicTensor, name: 'encoder' });
    }
    graph = buildDenseDecoder(config, widths, seed, counter);
  }
  const decoder = tf.model({ inputs: graph.z, outputs: graph.pixels, name: 'decoder' });
  const decoderLogits = tf.model({ inputs: graph.z, outputs: graph.logits, name: 'decoder_logits' });

  const input = tf.input({ shape: [PIXELS], name: 'input' });
  const encoded = encoder.apply(input);
  const code = (Array.isArray(encoded) ? encoded[0] : encoded) as tf.SymbolicTensor;
  const autoencoder = tf.model({ inputs: input, outputs: decoder.apply(code) as tf.SymbolicTensor, name: 'autoencoder' });
  const autoencoderLogits = tf.model({
    inputs: input,
    outputs: decoderLogits.apply(code) as tf.SymbolicTensor,
    name: 'autoencoder_logits',
  });

  const trainableVariables = [...encoder.trainableWeights, ...decoder.trainableWeights].map((w) => w.read() as tf.Variable);
  return {
    config,
    encoder,
    decoder,
    autoencoder,
    logits: { decoder: decoderLogits, autoencoder: autoencoderLogits },
    trainableVariables,
    paramCount: encoder.countParams() + decoder.countParams(),
  };
}

/** Frees every weight of the model. */
export function disposeAutoencoder(ae: Autoencoder): void {
  ae.autoencoder.dispose();
  // Disposing the outer model releases the shared layers; the inner models
  // are disposed only if something is left (they share the same layers).
  for (const m of [ae.encoder, ae.decoder, ae.logits.decoder, ae.logits.autoencoder]) {
    try {
      m.dispose();
    } catch {
      /* already released with the outer model */
    }
  }
}

/** Layer-by-layer summary (encoder then decoder) for the model view. */
export function summarize(ae: Autoencoder): { encoder: LayerSummary[]; decoder: LayerSummary[] } {
  const describe = (m: tf.LayersModel) =>
    m.layers
      .filter((l) => l.countParams() > 0 || l.getClassName() !== 'InputLayer')
      .map((l) => {
        const shape = l.outputShape as (number | null)[];
        return { name: l.getClassName(), shape: shape.slice(1) as number[], params: l.countParams() };
      });
  return { encoder: describe(ae.encoder), decoder: describe(ae.decoder) };
}

/**
 * Inference batch size. tf.LayersModel.predict splits its input into
 * batches of 32 by default, and each batch has a fixed cost: the 2,000 codes
 * of the latent view took about 200 ms that way, a tenth of that in batches
 * of 512.
 */
export const PREDICT_BATCH = 512;

/** A model's output for a batch of inputs, in batches of PREDICT_BATCH. */
export function predict(model: tf.LayersModel, x: tf.Tensor): tf.Tensor | tf.Tensor[] {
  return model.predict(x, { batchSize: PREDICT_BATCH });
}

/** The code for a batch (the mean μ for the VAE). */
export function encode(ae: Autoencoder, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const out = predict(ae.encoder, x) as tf.Tensor2D | tf.Tensor2D[];
    return Array.isArray(out) ? out[0] : out;
  });
}

/** Corrupts images with Gaussian noise of standard deviation `level`, clipped to [0, 1]. */
export function addGaussianNoise(x: tf.Tensor2D, level: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => tf.clipByValue(tf.add(x, tf.randomNormal(x.shape, 0, level, 'float32', seed)), 0, 1));
}

export type LossTerms = {
  /** What the optimiser minimises: reconstruction + weight · penalty. */
  total: tf.Scalar;
  /** Reconstruction term: per pixel (plain kinds) or per image in nats (VAE). */
  reconstruction: tf.Scalar;
  /**
   * The regulariser, before its weight (see penaltyOf): the VAE's KL term per
   * image in nats (weight β), or a sparse code's L1 penalty, the mean |z_j|
   * over the batch and the code's units (weight λ). Absent when there is none.
   */
  penalty?: tf.Scalar;
};

/**
 * The training objective on a batch of clean images.
 *  - plain kinds: mean reconstruction loss per pixel;
 *  - denoising: the same, from a corrupted input to the clean target;
 *  - VAE: negative ELBO per image, Σ_pixels loss + β·KL, with z sampled by the
 *    reparameterisation trick z = μ + exp(½ log σ²) ⊙ ε so that gradients flow
 *    through μ and σ while ε ~ N(0, I) carries the randomness;
 *  - sparse (a dense kind with λ = config.sparsity > 0): the mean loss per
 *    pixel + λ · l1Penalty(z), z the code of the (possibly corrupted) input.
 * `seed` drives the noise and ε; the caller varies it per step.
 */
export function lossTerms(ae: Autoencoder, clean: tf.Tensor2D, seed: number, training: boolean): LossTerms {
  const { config } = ae;
  const bce = config.loss === 'bce';
  /** Loss per example from the model's logits (BCE) or pixels (MSE). */
  const perExample = (out: tf.Tensor2D) => (bce ? bceFromLogitsPerExample(clean, out) : squaredErrorPerExample(clean, out));
  return tf.tidy(() => {
    const input = config.kind === 'denoising' ? addGaussianNoise(clean, config.noise, seed) : clean;
    if (config.kind === 'vae') {
      const [mean, logVar] = ae.encoder.apply(input, { training }) as tf.Tensor2D[];
      const eps = tf.randomNormal(mean.shape, 0, 1, 'float32', deriveSeed(seed, 1));
      const z = tf.add(mean, tf.mul(tf.exp(tf.mul(0.5, logVar)), eps));
      const out = (bce ? ae.logits.decoder : ae.decoder).apply(z, { training }) as tf.Tensor2D;
      const rec = tf.mean(perExample(out));
      const kl = tf.mean(klPerExample(mean, logVar));
      return { total: tf.add(rec, tf.mul(config.beta, kl)), reconstruction: rec, penalty: kl } as LossTerms;
    }
    const lambda = sparsityOf(config);
    if (lambda > 0) {
      const z = ae.encoder.apply(input, { training }) as tf.Tensor2D;
      const out = (bce ? ae.logits.decoder : ae.decoder).apply(z, { training }) as tf.Tensor2D;
      const rec = tf.div(tf.mean(perExample(out)), PIXELS) as tf.Scalar;
      const l1 = l1Penalty(z);
      return { total: tf.add(rec, tf.mul(lambda, l1)), reconstruction: rec, penalty: l1 } as LossTerms;
    }
    const out = (bce ? ae.logits.autoencoder : ae.autoencoder).apply(input, { training }) as tf.Tensor2D;
    const rec = tf.div(tf.mean(perExample(out)), PIXELS) as tf.Scalar;
    return { total: rec, reconstruction: rec } as LossTerms;
  });
}
