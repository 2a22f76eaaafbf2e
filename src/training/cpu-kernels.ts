/**
 * A fix to the plain-JavaScript backend, the last resort where neither WASM
 * nor a GPU backend starts: tfjs-backend-cpu 4.22's ResizeNearestNeighborGrad
 * reads dy at the images' batch offset (`b × h × w × c`) instead of dy's own
 * (`b × oh × ow × c`), so every image of a batch after the first gets the
 * gradient of another part of dy, and the conv kinds' upsampling layers
 * learn from the wrong images. The whole-factor upscaling they use is
 * computed here by its definition (wasm-backprop-kernels.ts); any other
 * resize keeps the backend's kernel.
 */
import { ResizeNearestNeighborGrad, type KernelBackend, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { wrapKernel } from './kernel-wrap';
import { isWholeUpscale, sumNearestBlocks } from './upsample-grad';

/** What this uses of tfjs-backend-cpu's MathBackendCPU (public methods, not in KernelBackend's type). */
interface CpuBackend {
  readSync(dataId: object): unknown;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

export function resizeNearestNeighborGradCpu(original: KernelFunc): KernelFunc {
  return (args) => {
    const backend = args.backend as unknown as CpuBackend & KernelBackend;
    const { images, dy } = args.inputs as { images: TensorInfo; dy: TensorInfo };
    if (!isWholeUpscale(images, dy, args.attrs)) return original(args);
    const out = new Float32Array(images.shape.reduce((a, b) => a * b, 1));
    sumNearestBlocks(backend.readSync(dy.dataId) as Float32Array, out, images.shape, dy.shape);
    return backend.makeTensorInfo(images.shape, 'float32', out);
  };
}

/** Registers the fix; safe to call any number of times, before or after the backend starts. */
export function registerCpuTrainingKernels(): void {
  wrapKernel(ResizeNearestNeighborGrad, 'cpu', resizeNearestNeighborGradCpu);
}
