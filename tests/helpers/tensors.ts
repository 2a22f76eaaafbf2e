/**
 * The one way tests check that TF.js work leaves no tensor behind.
 *
 * `expectNoLeaks(fn)` runs `fn` (sync or async) and asserts that the number
 * of live tensors is what it was before. `trackTensors()` takes the count
 * now, for tests that warm up first (Adam makes its slot variables on its
 * first step) or check several points: `tracker.expectUnchanged()` asserts
 * the count is back to the baseline, `tracker.reset()` moves the baseline.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

export interface TensorTracker {
  /** The count the tracker compares with. */
  readonly baseline: number;
  /** How many tensors more (or fewer) than the baseline are live now. */
  delta(): number;
  /** Asserts that exactly the baseline's tensors are live. */
  expectUnchanged(what?: string): void;
  /** Makes the current count the new baseline. */
  reset(): void;
}

export function trackTensors(): TensorTracker {
  let baseline = tf.memory().numTensors;
  return {
    get baseline() {
      return baseline;
    },
    delta: () => tf.memory().numTensors - baseline,
    expectUnchanged(what = 'live tensors') {
      expect(tf.memory().numTensors, what).toBe(baseline);
    },
    reset() {
      baseline = tf.memory().numTensors;
    },
  };
}

/** Runs `fn` and asserts it leaves as many live tensors as it found; returns its result. */
export async function expectNoLeaks<T>(fn: () => T | Promise<T>, what?: string): Promise<T> {
  const tracker = trackTensors();
  const result = await fn();
  tracker.expectUnchanged(what);
  return result;
}
