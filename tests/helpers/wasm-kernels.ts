/**
 * Shared set-up of the tests of the wasm training kernels: the wasm backend
 * with those kernels registered, and reproducible input values.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { expect } from 'vitest';
import { registerWasmTrainingKernels } from '../../src/training/wasm-kernels';

// The Node build of the wasm backend loads its .wasm files from the file
// system, so the prefix is a plain directory path (with trailing slash).
const require = createRequire(import.meta.url);
const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;

/** Switches to single-threaded wasm with the playground's training kernels. */
export async function useWasmWithTrainingKernels(): Promise<void> {
  setWasmPaths(wasmDir);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
  await tf.ready();
  expect(tf.getBackend()).toBe('wasm');
}

/** Small deterministic PRNG so that failures are reproducible. */
export function seededValues(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}
