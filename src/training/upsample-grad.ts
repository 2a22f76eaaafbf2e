/**
 * The gradient of a nearest-neighbour upscaling by whole factors (Keras's
 * UpSampling2D), on plain Float32Arrays: shared by the wasm and cpu
 * backends' replacements of ResizeNearestNeighborGrad
 * (wasm-backprop-kernels.ts, cpu-kernels.ts).
 */
import type { NamedAttrMap, ResizeNearestNeighborGradAttrs, TensorInfo } from '@tensorflow/tfjs-core';

/** Whether a ResizeNearestNeighborGrad is of an upscaling by whole factors without corner alignment or half-pixel centres (as UpSampling2D's). */
export function isWholeUpscale(images: TensorInfo, dy: TensorInfo, attrs: NamedAttrMap | undefined): boolean {
  const { alignCorners, halfPixelCenters } = (attrs ?? {}) as unknown as ResizeNearestNeighborGradAttrs & { halfPixelCenters?: boolean };
  if (images.shape.length !== 4 || dy.shape.length !== 4 || dy.dtype !== 'float32' || alignCorners || halfPixelCenters) return false;
  const fy = dy.shape[1] / images.shape[1];
  const fx = dy.shape[2] / images.shape[2];
  return (
    Number.isInteger(fy) && Number.isInteger(fx) && fy >= 1 && fx >= 1 && dy.shape[0] === images.shape[0] && dy.shape[3] === images.shape[3]
  );
}

/**
 * The gradient of a nearest-neighbour upscaling by whole factors (`dyShape`
 * a multiple of `shape`, both NHWC): `out` (which it overwrites) receives, for
 * each pixel, the sum of the block of `dy` it was copied to.
 */
export function sumNearestBlocks(dy: Float32Array, out: Float32Array, shape: readonly number[], dyShape: readonly number[]): void {
  const [n, h, w, ch] = shape;
  const [, oh, ow] = dyShape;
  const fy = oh / h;
  const fx = ow / w;
  out.fill(0);
  const outRow = w * ch;
  const dyRow = ow * ch;
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      const o = (b * h + Math.floor(r / fy)) * outRow;
      const s = (b * oh + r) * dyRow;
      for (let c = 0; c < ow; c++) {
        const oc = o + Math.floor(c / fx) * ch;
        const sc = s + c * ch;
        for (let d = 0; d < ch; d++) out[oc + d] += dy[sc + d];
      }
    }
  }
}
