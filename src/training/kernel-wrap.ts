/**
 * How the playground's kernels sit on top of a backend's own: replacing a
 * kernel by a wrapper that handles the cases it is made for and hands the
 * rest to the original, and calling the wasm backend's kernels directly.
 */
import {
  getKernel,
  registerKernel,
  unregisterKernel,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

/** Marks a kernel we wrapped, so that registering twice does not wrap it twice. */
const WRAPPED = Symbol('wrapped by the playground');

/** Replaces `backendName`'s `kernelName` by `wrap(itsOwnKernel)`, once; a backend without that kernel is left alone. */
export function wrapKernel(kernelName: string, backendName: string, wrap: (original: KernelFunc) => KernelFunc): void {
  const own = getKernel(kernelName, backendName);
  if (own == null || WRAPPED in own) return;
  unregisterKernel(kernelName, backendName);
  registerKernel({ ...own, kernelFunc: wrap(own.kernelFunc), [WRAPPED]: true } as KernelConfig);
}

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
