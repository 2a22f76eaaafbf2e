import {
  backend_util,
  BatchMatMul,
  Conv2D,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  getKernel,
  MaxPoolGrad,
  registerKernel,
  ResizeNearestNeighborGrad,
  Slice,
  Transpose,
  type BatchMatMulAttrs,
  type Conv2DBackpropFilterAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { conv2DBackpropInputWasm, maxPoolGradWasm, resizeNearestNeighborGradWasm } from './wasm-backprop-kernels';
import { runWasmKernel, wrapKernel } from './kernel-wrap';

const BACKEND = 'wasm';

/**
 * `Conv2DBackpropFilter` for the wasm backend, which (in tfjs-backend-wasm
 * 4.22) ships a forward `Conv2D` and `Conv2DBackpropInput` but no filter
 * gradient, so no convolutional layer can train on it.
 *
 * ## The maths
 *
 * For the forward convolution (NHWC, filter `[kh, kw, ci, co]`, strides
 * `(sh, sw)`, `xp` = `x` zero-padded by `top`/`left` as the forward pass did)
 *
 *     y[n, p, q, o] = Σ_{i, j, c} xp[n, p·sh + i, q·sw + j, c] · w[i, j, c, o]
 *
 * the filter gradient is
 *
 *     dw[i, j, c, o] = Σ_{n, p, q} xp[n, p·sh + i, q·sw + j, c] · dy[n, p, q, o].
 *
 * Rename the axes: let `c` play the batch, `n` the input channel, `(p, q)` the
 * kernel taps and `(i, j)` the output pixel. The sum is then an ordinary
 * stride-1 convolution
 *
 *     out[c, i, j, o] = Σ_{p, q, n} X'[c, i + p·sh, j + q·sw, n] · F'[p, q, n, o]
 *
 * of `X' = transpose(x, [3, 1, 2, 0])` (`[ci, H, W, N]`) with the "filter"
 * `F' = transpose(dy, [1, 2, 0, 3])` (`[oh, ow, N, co]`), dilated by the
 * forward stride, with explicit padding `top`/`left` from the forward pass and
 * `bottom`/`right` chosen so that exactly `kh × kw` output pixels come out:
 * `H + top + bottom = kh + (oh − 1)·sh`. A last transpose turns
 * `[ci, kh, kw, co]` into `[kh, kw, ci, co]`. For 'same' padding `bottom` is
 * never negative; for 'valid' padding with a stride that does not divide
 * `H − kh`, the last rows of `x` are never read by the forward pass, `bottom`
 * would be negative, so we pad by 0 instead and slice the extra output rows
 * off. Everything runs on the wasm backend's own Conv2D (XNNPACK), Transpose
 * and Slice kernels; every intermediate is released with `disposeData`.
 *
 * ## Why this and not Conv3DBackpropFilterV2
 *
 * The other candidate was to view NHWC `x`/`dy` as `[N, 1, H, W, C]` (same
 * memory) and call the backend's existing `Conv3DBackpropFilterV2` kernel,
 * which is a plain scalar loop. Measured in Node 20 on the wasm backend (SIMD,
 * single thread; tfjs 4.22) on a 2-core machine without GPU, 3×3 filter,
 * 'same', the layer shapes of a small MNIST conv autoencoder at batch 256.
 * Milliseconds per call, median of 15 interleaved runs (middle value of three
 * such benchmark runs):
 *
 *     x                  dy                 Conv3D view   Conv2D (this)
 *     [256,28,28,1]      [256,28,28,16]         57.5          32.4
 *     [256,14,14,16]     [256,14,14,8]         104.6          11.3
 *     [256,7,7,8]        [256,7,7,8]            13.0           1.9
 *     [256,14,14,8]      [256,14,14,16]        109.9          14.4
 *     [256,28,28,16]     [256,28,28,1]          47.4          34.9
 *     total per training step                  332            95
 *
 * The Conv2D formulation is faster for every shape: 7–9× when both channel
 * counts are > 1, but only 1.2–1.8× when one of them is 1 (there the Conv2D
 * route pays for a large transpose of x or dy, and the 3×3×ci×co output is too
 * small to keep XNNPACK's GEMM tiles busy). No shape favours the Conv3D view,
 * so only this implementation is kept. An im2col + MatMul variant built from
 * tfjs ops was also tried and was slower than both (e.g. 308 ms for the first
 * shape).
 */
const conv2DBackpropFilterWasm: KernelFunc = ({ inputs, backend: rawBackend, attrs }) => {
  const backend = rawBackend as KernelBackend;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;

  if (dataFormat != null && dataFormat !== 'NHWC') {
    throw new Error(`Conv2DBackpropFilter (wasm): only dataFormat 'NHWC' is supported, got '${dataFormat}'.`);
  }
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new Error(`Conv2DBackpropFilter (wasm): x and dy must be float32, got ${x.dtype} and ${dy.dtype}.`);
  }
  if (x.shape.length !== 4 || dy.shape.length !== 4) {
    throw new Error(`Conv2DBackpropFilter (wasm): x and dy must be rank 4, got [${x.shape}] and [${dy.shape}].`);
  }

  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode);
  const [kh, kw, ci, co] = filterShape;
  const { top, left } = info.padInfo;
  const sh = info.strideHeight;
  const sw = info.strideWidth;
  const oh = dy.shape[1];
  const ow = dy.shape[2];
  if (dy.shape[0] !== x.shape[0] || oh !== info.outHeight || ow !== info.outWidth || dy.shape[3] !== co || x.shape[3] !== ci) {
    throw new Error(
      `Conv2DBackpropFilter (wasm): dy [${dy.shape}] does not match x [${x.shape}], ` +
        `filter [${filterShape}], strides ${strides} and pad ${JSON.stringify(pad)}.`,
    );
  }
  if (top < 0 || left < 0) {
    throw new Error('Conv2DBackpropFilter (wasm): negative padding is not supported.');
  }

  // Padding after the data so that the convolution yields exactly kh × kw
  // pixels; negative means rows/columns of x the forward pass never read.
  const bottom = kh + (oh - 1) * sh - info.inHeight - top;
  const right = kw + (ow - 1) * sw - info.inWidth - left;

  const toDispose: TensorInfo[] = [];
  try {
    const xT = runWasmKernel(Transpose, { x }, { perm: [3, 1, 2, 0] }, backend);
    toDispose.push(xT);
    const dyT = runWasmKernel(Transpose, { x: dy }, { perm: [1, 2, 0, 3] }, backend);
    toDispose.push(dyT);

    let grad = runWasmKernel(
      Conv2D,
      { x: xT, filter: dyT },
      {
        strides: [1, 1],
        dilations: [sh, sw],
        pad: [
          [0, 0],
          [top, Math.max(0, bottom)],
          [left, Math.max(0, right)],
          [0, 0],
        ],
        dataFormat: 'NHWC',
      },
      backend,
    );
    toDispose.push(grad);

    if (bottom < 0 || right < 0) {
      grad = runWasmKernel(Slice, { x: grad }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] }, backend);
      toDispose.push(grad);
    }

    // [ci, kh, kw, co] -> [kh, kw, ci, co]. The result is handed to the engine,
    // so it is the one TensorInfo we do not dispose.
    return runWasmKernel(Transpose, { x: grad }, { perm: [1, 2, 0, 3] }, backend);
  } finally {
    for (const t of toDispose) backend.disposeData(t.dataId);
  }
};

const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: BACKEND,
  kernelFunc: conv2DBackpropFilterWasm,
};

/** Swaps the last two axes of `x` with the wasm Transpose kernel; the caller disposes the result. */
function transposeLastTwo(x: TensorInfo, backend: KernelBackend): TensorInfo {
  const perm = x.shape.map((_, i) => i);
  const n = perm.length;
  [perm[n - 2], perm[n - 1]] = [perm[n - 1], perm[n - 2]];
  return runWasmKernel(Transpose, { x }, { perm }, backend);
}

/**
 * Wraps the wasm backend's own `BatchMatMul` so that a product with a
 * transposed operand (every matrix product of a dense layer's backward pass:
 * dX = dY·Wᵀ and dW = Xᵀ·dY) runs on XNNPACK too.
 *
 * tfjs-backend-wasm 4.22 hands a product to XNNPACK's fully-connected
 * operator only when neither operand is transposed and both have one batch;
 * every other case goes to a scalar triple loop. Transposing the operand
 * first costs a copy (0.1–0.3 ms for a 784×256 matrix) and turns the product
 * into one XNNPACK takes. Node 20, wasm SIMD, 2-core machine without GPU,
 * batch 256 through a 784→256 layer, median of 15 calls:
 *
 *     product            triple loop   transpose + XNNPACK
 *     dX = dY·Wᵀ            76.8 ms          4.3 ms
 *     dW = Xᵀ·dY            60.5 ms          3.8 ms
 *
 * A training step of the 784-256-32-256-784 autoencoder went from 1,057 to
 * 4,218 samples/s. Products with more than one batch keep the original path.
 */
function batchMatMulWithTransposes(original: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, attrs } = args;
    const backend = args.backend as KernelBackend;
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttrs;
    const single = (t: TensorInfo) => t.shape.slice(0, -2).every((d) => d === 1);
    if ((!transposeA && !transposeB) || !single(a) || !single(b) || a.dtype !== 'float32' || b.dtype !== 'float32') {
      return original(args);
    }
    const temporaries: TensorInfo[] = [];
    try {
      const a2 = transposeA ? transposeLastTwo(a, backend) : a;
      if (transposeA) temporaries.push(a2);
      const b2 = transposeB ? transposeLastTwo(b, backend) : b;
      if (transposeB) temporaries.push(b2);
      return original({ inputs: { a: a2, b: b2 }, backend, attrs: { transposeA: false, transposeB: false } });
    } finally {
      for (const t of temporaries) backend.disposeData(t.dataId);
    }
  };
}

/**
 * Registers the training kernels that tfjs-backend-wasm 4.22 lacks or runs
 * slowly: `Conv2DBackpropFilter` (missing, see {@link conv2DBackpropFilterWasm}),
 * `BatchMatMul` with a transposed operand (see {@link batchMatMulWithTransposes})
 * and the backward kernels of wasm-backprop-kernels.ts (`Conv2DBackpropInput`,
 * `MaxPoolGrad`, `ResizeNearestNeighborGrad`). Call it after tfjs-backend-wasm
 * is imported and before the wasm backend is initialised; it is safe to call
 * any number of times. If the backend already has its own filter gradient (a
 * newer release), that one is left in place.
 */
export function registerWasmTrainingKernels(): void {
  if (getKernel(Conv2DBackpropFilter, BACKEND) == null) registerKernel(conv2DBackpropFilterConfig);
  wrapKernel(BatchMatMul, BACKEND, batchMatMulWithTransposes);
  wrapKernel(Conv2DBackpropInput, BACKEND, conv2DBackpropInputWasm);
  wrapKernel(MaxPoolGrad, BACKEND, maxPoolGradWasm);
  wrapKernel(ResizeNearestNeighborGrad, BACKEND, resizeNearestNeighborGradWasm);
}
