/**
 * Three backward kernels of the convolutional autoencoders, for the wasm
 * backend, which (tfjs-backend-wasm 4.22) runs each of them as a plain scalar
 * C++ loop on one thread. Profiled on the reference conv model (batch 256,
 * Chromium 156, 2-core VM without GPU, one WASM thread) they took 60 % of a
 * training step: Conv2DBackpropInput 197 ms, MaxPoolGrad 52 ms and
 * ResizeNearestNeighborGrad 28 ms of 443 ms.
 *
 * - `Conv2DBackpropInput` (stride 1) becomes a forward convolution, which
 *   the backend hands to XNNPACK (SIMD, and on every WASM thread).
 * - `MaxPoolGrad` and `ResizeNearestNeighborGrad` (whole-number upscaling)
 *   are single passes over the tensors in WASM's memory, written in
 *   TypeScript: each dy value goes straight to the one (or the block of)
 *   input pixels it came from.
 *
 * Every other case (strides, dilations, fractional resizes, other dtypes)
 * keeps the backend's own kernel.
 */
import {
  backend_util,
  Conv2D,
  Reverse,
  Transpose,
  type Conv2DBackpropInputAttrs,
  type KernelBackend,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runWasmKernel } from './kernel-wrap';
import { isWholeUpscale, sumNearestBlocks } from './upsample-grad';

/** What these kernels use of tfjs-backend-wasm's BackendWasm (public methods, not in KernelBackend's type). */
interface WasmHeap {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}
const heapOf = (backend: KernelBackend) => backend as unknown as WasmHeap & KernelBackend;

/**
 * dx of a stride-1 convolution as a forward convolution of dy.
 *
 * The forward pass is `y[n, i, j, o] = Σ_{p, q, c} x[n, i + p − top, j + q − left, c] · w[p, q, c, o]`,
 * so `dx[n, i, j, c] = Σ_{p, q, o} dy[n, i + top − p, j + left − q, o] · w[p, q, c, o]`.
 * With `p' = kh − 1 − p` that is a correlation of dy, padded by `kh − 1 − top`
 * before and `kh − 1 − bottom` after (likewise for the columns), with the
 * filter turned by 180° and its channel axes swapped:
 * `w'[p', q', o, c] = w[kh − 1 − p', kw − 1 − q', c, o]`. The output has x's
 * size exactly. Turning the filter is two tiny kernels (Reverse, Transpose).
 */
export function conv2DBackpropInputWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const backend = args.backend as KernelBackend;
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as Conv2DBackpropInputAttrs;
    if ((dataFormat != null && dataFormat !== 'NHWC') || dy.dtype !== 'float32' || filter.dtype !== 'float32') return original(args);
    const [kh, kw] = filter.shape;
    const info = backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as [number, number, number, number],
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const { top, bottom, left, right } = info.padInfo;
    const padding = [kh - 1 - top, kh - 1 - bottom, kw - 1 - left, kw - 1 - right];
    if (info.strideHeight !== 1 || info.strideWidth !== 1 || padding.some((p) => p < 0)) return original(args);
    const turned = runWasmKernel(Reverse, { x: filter }, { dims: [0, 1] }, backend);
    try {
      const swapped = runWasmKernel(Transpose, { x: turned }, { perm: [0, 1, 3, 2] }, backend);
      try {
        return runWasmKernel(
          Conv2D,
          { x: dy, filter: swapped },
          {
            strides: [1, 1],
            dilations: [1, 1],
            pad: [
              [0, 0],
              [padding[0], padding[1]],
              [padding[2], padding[3]],
              [0, 0],
            ],
            dataFormat: 'NHWC',
          },
          backend,
        );
      } finally {
        backend.disposeData(swapped.dataId);
      }
    } finally {
      backend.disposeData(turned.dataId);
    }
  };
}

/**
 * dx of a 2-D max pool: each dy value is added to the input pixel that was
 * its window's maximum (the first one in row-major order on a tie, as
 * TF.js's cpu backend does; padding never wins). One pass over dy, each
 * window searched once.
 */
export function maxPoolGradWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const backend = heapOf(args.backend as KernelBackend);
    const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
    const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as MaxPoolGradAttrs;
    if (dy.dtype !== 'float32' || input.dtype !== 'float32' || input.shape.length !== 4) return original(args);
    const info = backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const { batchSize, inHeight, inWidth, inChannels: ch, outHeight, outWidth, strideHeight, strideWidth } = info;
    const { effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
    const { top, left } = info.padInfo;
    const dx = backend.makeOutput(input.shape, 'float32');
    const out = backend.typedArrayFromHeap(dx);
    const x = backend.typedArrayFromHeap(input);
    const g = backend.typedArrayFromHeap(dy);
    out.fill(0);
    const rowStride = inWidth * ch;
    const imageStride = inHeight * rowStride;
    let k = 0;
    for (let b = 0; b < batchSize; b++) {
      const image = b * imageStride;
      for (let r = 0; r < outHeight; r++) {
        const r0 = Math.max(0, r * strideHeight - top);
        const r1 = Math.min(inHeight, r * strideHeight - top + fh);
        for (let c = 0; c < outWidth; c++) {
          const c0 = Math.max(0, c * strideWidth - left);
          const c1 = Math.min(inWidth, c * strideWidth - left + fw);
          for (let d = 0; d < ch; d++, k++) {
            let best = -Infinity;
            let at = -1;
            for (let i = r0; i < r1; i++) {
              for (let j = c0, p = image + i * rowStride + c0 * ch + d; j < c1; j++, p += ch) {
                if (x[p] > best || at < 0) {
                  best = x[p];
                  at = p;
                }
              }
            }
            if (at >= 0) out[at] += g[k];
          }
        }
      }
    }
    return dx;
  };
}

/**
 * dx of a nearest-neighbour upscaling by whole factors (as UpSampling2D does:
 * no corner alignment, no half-pixel centres): each input pixel receives the
 * sum of the fy × fx block of dy it was copied to.
 */
export function resizeNearestNeighborGradWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const backend = heapOf(args.backend as KernelBackend);
    const { images, dy } = args.inputs as { images: TensorInfo; dy: TensorInfo };
    if (!isWholeUpscale(images, dy, args.attrs)) return original(args);
    const dx = backend.makeOutput(images.shape, 'float32');
    sumNearestBlocks(backend.typedArrayFromHeap(dy), backend.typedArrayFromHeap(dx), images.shape, dy.shape);
    return dx;
  };
}
