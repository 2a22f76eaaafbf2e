/**
 * When a run counts as diverging (see Trainer.trainStep), and what the page
 * says then: what happened, where the weights went back to, what to try.
 */
import * as tf from '../shared/tf';
import type { ExperimentConfig } from '../model/config';

/** Weight of the newest loss in its moving average (about the last 10 steps). */
export const EMA_WEIGHT = 0.1;
/** Steps before a rising loss can count as an explosion (the first steps are noisy). */
export const EXPLOSION_GRACE_STEPS = 20;
/** How many times the best moving average the loss may reach before it counts as exploding. */
export const EXPLOSION_FACTOR = 3;
/** How often (in steps) weights with a near-best loss are kept as a checkpoint. */
export const CHECKPOINT_EVERY = 25;

/** Σ of every weight: NaN or ±∞ as soon as one weight is (a cheap finiteness test). */
export function weightSum(vars: tf.Variable[]): tf.Scalar {
  return tf.tidy(() => tf.addN(vars.map((v) => tf.sum(v))) as tf.Scalar);
}

/** "The loss became NaN at step 12: training diverged. … Lower the learning rate, e.g. to 0.001 (10× smaller) …". */
export function divergenceMessage(config: Pick<ExperimentConfig, 'learningRate' | 'kind'>, what: string, restoredTo: string): string {
  const smaller = +(config.learningRate / 10).toPrecision(3);
  return (
    `${what}: training diverged. The weights were put back to ${restoredTo}. Lower the learning rate, ` +
    `e.g. to ${smaller} (10× smaller)${config.kind === 'vae' ? ' or β' : ''}, then press Resume to go on from there.`
  );
}
