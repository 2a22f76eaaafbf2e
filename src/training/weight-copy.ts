/**
 * A copy of a run's weights and of Adam's state in the worker's own memory,
 * taken while the run trains on WebGL: if the graphics card's context is
 * lost, nothing on the GPU can be read any more, and the run goes on on
 * another backend from this copy (gpu-guard.ts).
 *
 * One read-back takes everything: the weights and Adam's two moment
 * estimates (three times the weights: 0.6 MB for the default model),
 * flattened and joined into one tensor on the GPU.
 */
import * as tf from '../shared/tf';
import type { Rng } from '../shared/rng';
import type { Trainer } from './trainer';

/** Where a run stands, in plain data (see Trainer.progress). */
export interface TrainerProgress {
  step: number;
  epoch: number;
  batchInEpoch: number;
  /** The epoch's order of the training images, and the generator of the next epochs' orders. */
  order: Uint32Array;
  rng: Rng;
  firstLoss: number | null;
  lossEma: number | null;
  bestEma: number;
}

export interface WeightCopy {
  /** The trainer it was taken from, after its step `step`. */
  of: Trainer;
  step: number;
  /** One array per trainable variable, in the model's order. */
  weights: Float32Array[];
  /** Adam's update count and moment estimates (first moments of every variable, then second). */
  iterations: number;
  moments: Float32Array[];
}

interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** Reads the trainer's weights and Adam's state into the worker's memory. */
export async function copyWeights(trainer: Trainer): Promise<WeightCopy> {
  const step = trainer.step;
  const vars: tf.Tensor[] = trainer.model.trainableVariables;
  // [iterations, first moments…, second moments…]; the first is a new scalar, the rest Adam's own variables.
  const [iterations, ...moments] = (await trainer.optimizer.getWeights()) as NamedTensor[];
  const parts = [...vars, ...moments.map((m) => m.tensor)];
  const flat = tf.tidy(() => tf.concat(parts.map((t) => tf.reshape(t, [-1]))));
  let values: Float32Array;
  let count: number;
  try {
    [values, count] = await Promise.all([flat.data() as Promise<Float32Array>, iterations.tensor.data().then((d) => d[0])]);
  } finally {
    flat.dispose();
    iterations.tensor.dispose();
  }
  let offset = 0;
  const split = parts.map((t) => values.slice(offset, (offset += t.size)));
  return { of: trainer, step, weights: split.slice(0, vars.length), iterations: count, moments: split.slice(vars.length) };
}

/** Puts a copy's weights and Adam's state into `trainer` (a model of the same settings, on any backend). */
export async function applyCopy(trainer: Trainer, copy: WeightCopy): Promise<void> {
  const vars = trainer.model.trainableVariables;
  if (vars.length !== copy.weights.length) throw new Error('the copy of the weights is of another model');
  tf.tidy(() => vars.forEach((v, i) => v.assign(tf.tensor(copy.weights[i], v.shape))));
  const n = copy.moments.length / 2;
  const named: NamedTensor[] = [
    { name: 'iter', tensor: tf.scalar(copy.iterations, 'int32') },
    ...copy.moments.map((m, i) => ({ name: `${vars[i % n].name}/${i < n ? 'm' : 'v'}`, tensor: tf.tensor(m, vars[i % n].shape) })),
  ];
  try {
    // Adam keeps variables made from these tensors (sharing their data), so they can be freed here.
    await trainer.optimizer.setWeights(named);
  } finally {
    named.forEach((w) => w.tensor.dispose());
  }
}
