/**
 * The decoder's map of a 2-D latent plane: an n × n grid of codes, evenly
 * spaced over a square, each decoded and drawn where it lies. Neighbouring
 * cells differ a little; walking across the grid morphs one digit into
 * another, which is what a smooth, well-filled latent space looks like.
 */
import { memo, useEffect, useRef } from 'react';
import { DIGIT_SIDE, paintDigitGrid } from '../../shared/digit-canvas';

export interface ManifoldGridProps {
  /** n² × 784 bytes, row by row from the top. */
  images: Uint8Array;
  n: number;
  center: [number, number];
  radius: number;
  step: number;
  /** Largest side in CSS pixels. */
  maxSide?: number;
}

const fmt = (v: number) => (Math.abs(v) < 1e-9 ? '0' : v.toFixed(Math.abs(v) >= 10 ? 0 : 1));

function ManifoldGridImpl({ images, n, center, radius, step, maxSide = 420 }: ManifoldGridProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const side = n * DIGIT_SIDE;
  const scale = Math.max(1, Math.floor(maxSide / side));
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || images.length < n * n * 784) return;
    const cells = Array.from({ length: n }, (_, r) =>
      Array.from({ length: n }, (_, c) => images.subarray((r * n + c) * 784, (r * n + c + 1) * 784)),
    );
    const image = ctx.createImageData(side * scale, side * scale);
    paintDigitGrid(image, cells, scale, 0);
    ctx.putImageData(image, 0, 0);
  }, [images, n, side, scale]);
  const css = Math.min(maxSide, side * scale);
  const [x0, x1] = [center[0] - radius, center[0] + radius];
  const [y0, y1] = [center[1] - radius, center[1] + radius];
  return (
    <figure className="manifold">
      <canvas
        ref={ref}
        width={side * scale}
        height={side * scale}
        style={{ width: css, height: css }}
        role="img"
        aria-label={`Decoded grid at step ${step}: ${n} × ${n} codes from (${fmt(x0)}, ${fmt(y0)}) to (${fmt(x1)}, ${fmt(y1)}), each drawn as the digit the decoder makes of it`}
      />
      <figcaption className="manifold-axes">
        code 1 from {fmt(x0)} to {fmt(x1)} (left to right); code 2 from {fmt(y1)} to {fmt(y0)} (top to bottom)
      </figcaption>
    </figure>
  );
}

export const ManifoldGrid = memo(ManifoldGridImpl);
