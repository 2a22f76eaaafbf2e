/**
 * Reconstruction losses, the VAE's KL term and the sparse code's L1 penalty.
 * Inputs are batch × 784 tensors with values in [0, 1] (codes: batch × k).
 * Functions return per-example values so that callers can average them per
 * pixel (plain autoencoders) or per image (VAE); the L1 penalty is a mean.
 */
import * as tf from '../shared/tf';
import type { LossName } from './config';

/** Predictions are clipped to [ε, 1 − ε] so that log never sees 0. */
export const BCE_EPSILON = 1e-7;

/**
 * Binary cross-entropy summed over pixels, per example:
 *   −Σ_i [ x_i log p_i + (1 − x_i) log(1 − p_i) ]   (nats).
 * MNIST's pixels are grey, not 0/1, so even p = x scores > 0: 0.058 nats
 * per pixel on the test set is the floor (bceFloor in pca-baseline.ts).
 */
export function bcePerExample(target: tf.Tensor2D, prediction: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const p = tf.clipByValue(prediction, BCE_EPSILON, 1 - BCE_EPSILON);
    const ll = tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log1p(tf.neg(p))));
    return tf.neg(tf.sum(ll, 1)) as tf.Tensor1D;
  });
}

/**
 * The same binary cross-entropy computed from logits z (p = sigmoid(z)):
 *   −[x log p + (1 − x) log(1 − p)] = max(z, 0) − x·z + log(1 + e^−|z|),
 * which never takes the log of 0, so it needs no clipping and stays exact
 * where the sigmoid saturates. Its gradient is written out, dL/dz = p − x,
 * instead of being derived through the sigmoid, the logs and a clip: three
 * element-wise operations in the backward pass instead of about fifteen.
 */
export function bceFromLogitsPerExample(target: tf.Tensor2D, logits: tf.Tensor2D): tf.Tensor1D {
  const loss = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [z, save] = args as [tf.Tensor, tf.GradSaveFunc];
    // The target is saved too: it may be created inside the function being differentiated.
    save([z, target]);
    const value = tf.tidy(() => {
      const softplus = tf.add(tf.relu(z), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
      return tf.sum(tf.sub(softplus, tf.mul(target, z)), 1);
    });
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(tf.sub(tf.sigmoid(saved[0]), saved[1]), tf.expandDims(dy, 1)),
    };
  });
  return loss(logits) as tf.Tensor1D;
}

/** Squared error summed over pixels, per example: Σ_i (x_i − p_i)². */
export function squaredErrorPerExample(target: tf.Tensor2D, prediction: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.squaredDifference(target, prediction), 1) as tf.Tensor1D);
}

export function reconstructionPerExample(loss: LossName, target: tf.Tensor2D, prediction: tf.Tensor2D): tf.Tensor1D {
  return loss === 'bce' ? bcePerExample(target, prediction) : squaredErrorPerExample(target, prediction);
}

/**
 * KL divergence from the encoder's Gaussian q(z|x) = N(μ, diag σ²) to the
 * prior N(0, I), per example, in closed form:
 *   KL = −½ Σ_j (1 + log σ_j² − μ_j² − σ_j²).
 */
export function klPerExample(mean: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, logVar), tf.square(mean)), tf.exp(logVar)), 1)) as tf.Tensor1D);
}

/**
 * The L1 penalty on a batch of codes z (batch × k): the mean over the batch
 * of the mean |z_j| over the k units, (1 / (batch·k)) Σ |z_ij|. Averaged over
 * the units rather than summed, so that λ weighs it the same at any code
 * size; the reconstruction is a mean per pixel, so λ = 0.01 costs as much as
 * 0.01 of BCE per pixel for every unit of mean activation.
 */
export function l1Penalty(z: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.abs(z)) as tf.Scalar);
}
