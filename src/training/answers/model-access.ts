/**
 * What every answer needs: the data, run `runId`'s model taken between two
 * training steps, and the checks shared by several questions.
 */
import * as tf from '../../shared/tf';
import type { Mnist, MnistSplit } from '../../data/mnist';
import type { ExploreResult } from '../protocol';
import type { Trainer } from '../trainer';

/**
 * Questions about this many images or fewer (a hovered point, a drawing, the
 * walk along a line) go before other waiting work: they are what a person
 * is looking at, and they take a millisecond or two.
 */
export const URGENT_MAX = 16;
/** Test digits per chunk of model work: one chunk is about as long as a training step of a dense model. */
export const CHUNK = 500;

export interface ModelAnswersDeps {
  data(): Mnist | null;
  /** The model of run `runId`, or null when that run has been replaced or reset. */
  trainer(runId: number): Trainer | null;
  /** Runs `fn` with the model to itself, between two training steps; an urgent one goes before other waiting work. */
  exclusive<T>(fn: () => Promise<T>, urgent?: boolean): Promise<T>;
  /** Lets queued messages and training steps in. */
  yieldNow(): Promise<void>;
}

/** An answer, the step of the model that gave it, and the buffers to transfer. */
export interface Answer<R extends ExploreResult = ExploreResult> {
  result: R;
  step: number;
  transfer: Transferable[];
}

export const NO_MODEL = 'there is no trained model: press Train first';

export class ModelAccess {
  constructor(readonly deps: ModelAnswersDeps) {}

  data(): Mnist {
    const data = this.deps.data();
    if (!data) throw new Error('the MNIST digits are not loaded yet');
    return data;
  }

  /** Run `runId`'s model now, or an error saying there is none. */
  trainer(runId: number): Trainer {
    const trainer = this.deps.trainer(runId);
    if (!trainer) throw new Error(NO_MODEL);
    return trainer;
  }

  /** Runs `fn` on run `runId`'s model alone; fails if that model is gone by then. */
  withModel<T>(runId: number, fn: (trainer: Trainer) => Promise<T>, urgent = false): Promise<T> {
    return this.deps.exclusive(async () => fn(this.trainer(runId)), urgent);
  }

  /** A pause for data-only work: lets messages and training steps in, never stops. */
  readonly pause = async (): Promise<boolean> => {
    await this.deps.yieldNow();
    return true;
  };
}

export function checkIndices(test: MnistSplit, indices: number[]): void {
  if (!indices.every((i) => Number.isInteger(i) && i >= 0 && i < test.count)) {
    throw new RangeError(`test digit indices must be whole numbers from 0 to ${test.count - 1}`);
  }
}

/** Reads a tensor back and disposes it. */
export async function read(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}
