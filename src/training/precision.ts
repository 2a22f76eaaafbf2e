/**
 * Training on GPUs that store numbers in 16 bits (WebGL on many phones).
 *
 * Where WebGL cannot render to 32-bit float textures, every tensor between
 * two operations is stored as a half float: about 3 significant digits, no
 * number above 65,504, and none (but subnormals) below about 6·10⁻⁵. Adam
 * divides by √v̂ + ε, and its default ε (10⁻⁷) is below that floor: where a
 * weight's squared gradients underflow to 0, its step becomes m̂ / 10⁻⁷, a
 * jump of thousands, and the loss turns NaN within two steps. With 16-bit
 * storage, ε = 10⁻⁴ (a normal half float, TF.js's own ε for half precision)
 * keeps every step no larger than about the learning rate times m̂ / 10⁻⁴.
 * With 32-bit storage nothing changes.
 */
import * as tf from '../shared/tf';

/** Adam's ε where numbers are stored in 16 bits. */
export const HALF_PRECISION_EPSILON = 1e-4;

/**
 * Whether the backend in use stores tensors as 16-bit floats: WebGL that
 * cannot render to 32-bit float textures (or is told not to).
 */
export function halfPrecision(backend = tf.getBackend()): boolean {
  // The flag exists only once the WebGL backend has loaded.
  return backend === 'webgl' && !tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
}

/** Adam's ε for a backend: TF.js's default (undefined) unless numbers are stored in 16 bits. */
export function adamEpsilon(half: boolean): number | undefined {
  return half ? HALF_PRECISION_EPSILON : undefined;
}

/** Adam as the playground trains with it, with the ε the backend in use needs. */
export function createAdam(learningRate: number): tf.Optimizer {
  return tf.train.adam(learningRate, 0.9, 0.999, adamEpsilon(halfPrecision()));
}
