import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/training/wasm-kernels';

const require = createRequire(import.meta.url);

/**
 * Switches TF.js in Node to the wasm backend the browser uses on machines
 * without a GPU (with the playground's extra training kernels). The Node
 * build loads its .wasm files from a plain directory path.
 */
export async function useWasmBackend(): Promise<void> {
  setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmTrainingKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start');
  await tf.ready();
}
