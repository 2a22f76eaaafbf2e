/** Calling the wasm backend's own kernels from the playground's kernels (wasm-kernels.ts, wasm-backprop-kernels.ts). */
import { getKernel, type KernelBackend, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs-core';

/**
 * Runs one of the wasm backend's own kernels (which are plain functions over
 * `TensorInfo`s) and returns its single output. The caller owns the result and
 * must release it with `backend.disposeData` once it is no longer needed.
 */
export function runWasmKernel(kernelName: string, inputs: NamedTensorInfoMap, attrs: object, backend: KernelBackend): TensorInfo {
  const kernel = getKernel(kernelName, 'wasm');
  if (kernel == null) {
    throw new Error(`wasm training kernels: the wasm backend has no '${kernelName}' kernel to build on.`);
  }
  const out = kernel.kernelFunc({ inputs, backend, attrs: attrs as NamedAttrMap });
  if (Array.isArray(out)) {
    throw new Error(`wasm training kernels: '${kernelName}' returned several outputs.`);
  }
  return out;
}
