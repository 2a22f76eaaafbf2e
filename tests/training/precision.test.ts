/** Adam's ε where a GPU stores numbers in 16 bits, and unchanged elsewhere. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { adamEpsilon, createAdam, halfPrecision, HALF_PRECISION_EPSILON } from '../../src/training/precision';
import { trainerData } from './trainer-fixture';

trainerData();

describe('precision', () => {
  it('16-bit storage gets an ε that is a normal half float; 32-bit storage keeps TF.js’s default', () => {
    expect(adamEpsilon(true)).toBe(HALF_PRECISION_EPSILON);
    // Half floats' smallest normal number is 2⁻¹⁴ ≈ 6.1e-5: TF.js's default 1e-7 is below it.
    expect(HALF_PRECISION_EPSILON).toBeGreaterThan(2 ** -14);
    expect(adamEpsilon(false)).toBeUndefined();
  });

  it('only WebGL can store in 16 bits; on WASM Adam is built with the backend’s own ε', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(halfPrecision()).toBe(false);
    expect(halfPrecision('cpu')).toBe(false);
    const adam = createAdam(0.01);
    expect(adam.getConfig()).toMatchObject({ learningRate: 0.01, epsilon: tf.backend().epsilon() });
    adam.dispose();
  });
});
