/**
 * The training loop of one experiment, free of any DOM or worker API so that
 * it runs the same in the browser's worker and in Node tests.
 *
 * Each step: gather a shuffled batch (uint8 → float), minimise the kind's
 * objective with Adam inside optimizer.minimize (no tensor escapes), read the
 * loss back. Before every step the weights are copied; if a loss comes back
 * NaN or infinite, the weights return to the last state whose loss was
 * finite and the optimiser starts afresh, so one bad step loses nothing.
 * Weights are checked as well as the loss: a step's loss is measured on the
 * weights before its update, so an update that makes them non-finite shows
 * in the weights first. A loss that explodes without becoming infinite (a
 * learning rate far too large) sends the weights back to a recent checkpoint
 * with a near-best loss.
 */
import * as tf from '../shared/tf';
import { buildAutoencoder, disposeAutoencoder, encode, addGaussianNoise, lossTerms, predict, type Autoencoder } from '../model/autoencoder';
import { penaltyOf, type ExperimentConfig } from '../model/config';
import { loadWeights } from '../model/model-io';
import type { SavedWeights } from '../model/weight-check';
import { gatherImages, PIXELS, type Mnist, type MnistSplit } from '../data/mnist';
import { createRng, deriveSeed, shuffledIndices, type Rng } from '../shared/rng';
import { CHECKPOINT_EVERY, divergenceMessage, EMA_WEIGHT, EXPLOSION_FACTOR, EXPLOSION_GRACE_STEPS, weightSum } from './divergence';
import { createAdam } from './precision';
import type { TrainerProgress } from './weight-copy';

export interface LossValues {
  /** The objective: per pixel, or negative ELBO per image for the VAE. */
  total: number;
  reconstruction: number;
  /** The regulariser before its weight: KL (VAE) or L1 (sparse); see penaltyOf. */
  penalty?: number;
}

export type StepOutcome =
  | ({ kind: 'ok'; step: number; epoch: number; epochDone: boolean } & LossValues)
  | { kind: 'diverged'; step: number; epoch: number; message: string };

/** Steps are numbered from 1; epochs from 0 (the one in progress). */
export class Trainer {
  readonly model: Autoencoder;
  /** A copy: learning rate and epochs can change during the run (setTraining). */
  readonly config: ExperimentConfig;
  readonly stepsPerEpoch: number;
  /** Steps completed so far. */
  step = 0;
  /** Epochs completed so far. */
  epoch = 0;
  /** Adam; a copy of the run keeps its state with the weights (weight-copy.ts). */
  optimizer: tf.Optimizer;
  private readonly data: Mnist;
  private rng: Rng;
  private order: Uint32Array;
  private batchInEpoch = 0;
  private readonly batchBuffer: Float32Array;
  /** Weights whose loss was verified finite, and a scratch copy taken before each step. */
  private lastFinite: tf.Variable[];
  private beforeStep: tf.Variable[];
  /** Weights from a recent step whose smoothed loss was near the best so far. */
  private checkpoint: tf.Variable[];
  private checkpointStep = 0;
  /** Loss of the first step, its moving average, and the best moving average. */
  private firstLoss: number | null = null;
  private lossEma: number | null = null;
  private bestEma = Infinity;

  /** `weights`: saved weights to start from (a model file), instead of the seed's. */
  constructor(data: Mnist, config: ExperimentConfig, weights?: SavedWeights) {
    if (!(config.batchSize >= 1 && config.batchSize <= data.train.count)) {
      throw new RangeError(`batch size must be between 1 and ${data.train.count}`);
    }
    this.data = data;
    this.config = { ...config };
    this.model = buildAutoencoder(config);
    try {
      if (weights) loadWeights(this.model, weights.weightSpecs, weights.weightData);
    } catch (err) {
      disposeAutoencoder(this.model);
      throw err;
    }
    this.optimizer = createAdam(config.learningRate);
    this.rng = createRng(config.seed);
    this.order = shuffledIndices(data.train.count, this.rng);
    this.stepsPerEpoch = Math.floor(data.train.count / config.batchSize);
    this.batchBuffer = new Float32Array(config.batchSize * PIXELS);
    const copy = () => this.model.trainableVariables.map((v) => tf.variable(v, false));
    this.lastFinite = copy();
    this.beforeStep = copy();
    this.checkpoint = copy();
  }

  /**
   * Changes the learning rate and the number of epochs of a run in progress,
   * keeping the weights and Adam's moment estimates. Asking for fewer epochs
   * than have started ends the run after the current one.
   */
  setTraining({ learningRate, epochs }: { learningRate: number; epochs: number }): void {
    if (!(learningRate > 0) || !(epochs >= 1)) throw new RangeError('learning rate must be > 0 and epochs ≥ 1');
    this.config.learningRate = learningRate;
    // Never fewer epochs than have started: the one in progress is finished.
    this.config.epochs = Math.max(epochs, this.epoch + (this.batchInEpoch > 0 ? 1 : 0));
    // Adam reads its step size from this field at every update (tfjs-core 4.x).
    (this.optimizer as unknown as { learningRate: number }).learningRate = learningRate;
  }

  /** Where the run stands, as plain data: kept when the run moves to another backend (gpu-guard.ts). */
  get progress(): TrainerProgress {
    const { step, epoch, batchInEpoch, order, rng, firstLoss, lossEma, bestEma } = this;
    return { step, epoch, batchInEpoch, order, rng, firstLoss, lossEma, bestEma };
  }

  /** Goes on from `progress`, with weights (and Adam's state) already put in place, those of step `weightsStep`. */
  resume(progress: TrainerProgress, weightsStep: number): void {
    ({ step: this.step, epoch: this.epoch, batchInEpoch: this.batchInEpoch, order: this.order, rng: this.rng } = progress);
    ({ firstLoss: this.firstLoss, lossEma: this.lossEma, bestEma: this.bestEma } = progress);
    tf.tidy(() => this.model.trainableVariables.forEach((v, i) => [this.lastFinite[i], this.checkpoint[i]].forEach((c) => c.assign(v))));
    this.checkpointStep = weightsStep;
  }

  /** Total steps of the configured number of epochs. */
  get totalSteps(): number {
    return this.stepsPerEpoch * this.config.epochs;
  }

  get finished(): boolean {
    return this.epoch >= this.config.epochs;
  }

  private nextBatch(): tf.Tensor2D {
    const { batchSize } = this.config;
    const start = this.batchInEpoch * batchSize;
    gatherImages(this.data.train, this.order.subarray(start, start + batchSize), this.batchBuffer);
    return tf.tensor2d(this.batchBuffer, [batchSize, PIXELS]);
  }

  /** Runs one optimisation step and reads its loss back. */
  async trainStep(): Promise<StepOutcome> {
    const vars = this.model.trainableVariables;
    tf.tidy(() => vars.forEach((v, i) => this.beforeStep[i].assign(v)));
    const batch = this.nextBatch();
    const seed = deriveSeed(this.config.seed, this.step + 1);
    const weightsBefore = weightSum(vars);
    let terms: tf.Tensor[] = [];
    let cost: tf.Scalar | null = null;
    let readout: tf.Tensor | null = null;
    let values: Float32Array | Int32Array | Uint8Array;
    try {
      cost = this.optimizer.minimize(
        () => {
          const t = lossTerms(this.model, batch, seed, true);
          // Keep the separate terms for reporting (kept out of the tidy that minimize opens).
          terms = [tf.keep(t.reconstruction), tf.keep(t.penalty ?? tf.scalar(0))];
          return t.total;
        },
        true,
        vars,
      )!;
      const c = cost;
      // One read-back per step: loss terms and the weight sums before and after.
      readout = tf.tidy(() => tf.stack([c, terms[0], terms[1], weightsBefore, weightSum(vars)]));
      values = await readout.data();
    } finally {
      [batch, weightsBefore, cost, readout, ...terms].forEach((t) => t?.dispose());
    }
    const [total, rec, penaltyValue, before, after] = values;
    const penalty = penaltyOf(this.config) ? penaltyValue : undefined;

    // A state is sound when its weights are finite and so is its loss. The
    // loss of this step was measured on the weights before the update.
    const stepNumber = this.step + 1;
    const startSound = Number.isFinite(total) && Number.isFinite(before);
    if (!startSound || !Number.isFinite(after)) {
      if (startSound) [this.lastFinite, this.beforeStep] = [this.beforeStep, this.lastFinite];
      this.restore(this.lastFinite);
      const what = !Number.isFinite(total) ? `The loss became ${total}` : 'The weights stopped being finite numbers';
      return this.diverged(stepNumber, `${what} at step ${stepNumber}`, 'the last step with a finite loss');
    }
    [this.lastFinite, this.beforeStep] = [this.beforeStep, this.lastFinite];

    // A loss that stays finite can still explode (too large a learning rate
    // saturates every output): when its moving average gets worse than the
    // untrained model's, or 3× the best so far, go back to the checkpoint.
    const ema = this.lossEma === null ? total : (1 - EMA_WEIGHT) * this.lossEma + EMA_WEIGHT * total;
    this.firstLoss ??= total;
    this.lossEma = ema;
    this.bestEma = Math.min(this.bestEma, ema);
    if (stepNumber > EXPLOSION_GRACE_STEPS && ema > Math.max(this.firstLoss, EXPLOSION_FACTOR * this.bestEma)) {
      this.restore(this.checkpoint);
      this.lossEma = null;
      return this.diverged(
        stepNumber,
        `The loss rose from ${this.bestEma.toFixed(3)} to ${ema.toFixed(3)} by step ${stepNumber}: the learning rate (${this.config.learningRate}) is too large`,
        `those of step ${this.checkpointStep}`,
      );
    }
    if (stepNumber % CHECKPOINT_EVERY === 0 && ema <= this.bestEma * 1.1) {
      // lastFinite now holds the weights this step's loss was measured on.
      tf.tidy(() => this.checkpoint.forEach((c, i) => c.assign(this.lastFinite[i])));
      this.checkpointStep = stepNumber - 1;
    }
    this.step = stepNumber;
    this.batchInEpoch++;
    let epochDone = false;
    if (this.batchInEpoch >= this.stepsPerEpoch) {
      this.batchInEpoch = 0;
      this.epoch++;
      this.order = shuffledIndices(this.data.train.count, this.rng);
      epochDone = true;
    }
    return { kind: 'ok', step: this.step, epoch: this.epoch, epochDone, total, reconstruction: rec, penalty };
  }

  /**
   * Puts the weights back to a saved copy and starts Adam afresh: its moment
   * estimates may hold the NaNs or the huge steps that caused the trouble.
   */
  private restore(saved: tf.Variable[]): void {
    tf.tidy(() => this.model.trainableVariables.forEach((v, i) => v.assign(saved[i])));
    this.optimizer.dispose();
    this.optimizer = createAdam(this.config.learningRate);
  }

  /** The outcome of a step that diverged, with what happened and what to do. */
  private diverged(step: number, what: string, restoredTo: string): StepOutcome {
    return { kind: 'diverged', step, epoch: this.epoch, message: divergenceMessage(this.config, what, restoredTo) };
  }

  /**
   * Mean objective over a split (the test set by default), in chunks, with
   * a fixed seed for noise and sampling so that epochs compare fairly.
   * `between` runs after each chunk; when it returns false the evaluation
   * stops with null. Uses tf.mul and friends: the bundle does not register
   * chained tensor methods.
   */
  async evaluate(
    split: MnistSplit = this.data.test,
    chunk = 1000,
    between: () => Promise<boolean> = async () => true,
  ): Promise<LossValues | null> {
    const sums = [0, 0, 0];
    const buffer = new Float32Array(chunk * PIXELS);
    for (let start = 0; start < split.count; start += chunk) {
      const n = Math.min(chunk, split.count - start);
      const indices = Array.from({ length: n }, (_, i) => start + i);
      const x = tf.tensor2d(gatherImages(split, indices, buffer).subarray(0, n * PIXELS), [n, PIXELS]);
      const part = tf.tidy(() => {
        const t = lossTerms(this.model, x, deriveSeed(this.config.seed, -1 - start), false);
        return tf.mul(tf.stack([t.total, t.reconstruction, t.penalty ?? tf.scalar(0)]), n);
      });
      x.dispose();
      const values = await part.data();
      part.dispose();
      values.forEach((v, i) => (sums[i] += v));
      if (!(await between())) return null;
    }
    const [total, rec, penalty] = sums;
    const result: LossValues = { total: total / split.count, reconstruction: rec / split.count };
    if (penaltyOf(this.config)) result.penalty = penalty / split.count;
    return result;
  }

  /** What the model sees (noisy, with a fixed seed, for the denoising kind) and gives back: n × 784 in [0, 1] each. */
  async reconstruct(indices: number[]): Promise<{ inputs: Float32Array; outputs: Float32Array }> {
    const x = tf.tensor2d(gatherImages(this.data.test, indices), [indices.length, PIXELS]);
    const [input, output] = tf.tidy(() => {
      const input = this.config.kind === 'denoising' ? addGaussianNoise(x, this.config.noise, deriveSeed(this.config.seed, -7)) : x.clone();
      return [input, predict(this.model.autoencoder, input) as tf.Tensor2D];
    });
    x.dispose();
    const [inputs, outputs] = await Promise.all([input.data() as Promise<Float32Array>, output.data() as Promise<Float32Array>]);
    input.dispose();
    output.dispose();
    return { inputs, outputs };
  }

  /** Codes of some test images, n × k row-major (the mean μ for the VAE). */
  async codes(indices: number[], chunk = 1000): Promise<Float32Array> {
    const k = this.config.codeSize;
    const out = new Float32Array(indices.length * k);
    for (let start = 0; start < indices.length; start += chunk) {
      const part = indices.slice(start, start + chunk);
      const x = tf.tensor2d(gatherImages(this.data.test, part), [part.length, PIXELS]);
      const z = encode(this.model, x);
      x.dispose();
      out.set(await z.data(), start * k);
      z.dispose();
    }
    return out;
  }

  dispose(): void {
    this.optimizer.dispose();
    [...this.lastFinite, ...this.beforeStep, ...this.checkpoint].forEach((v) => v.dispose());
    disposeAutoencoder(this.model);
  }
}
