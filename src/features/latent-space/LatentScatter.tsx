/**
 * The latent space: each of 2,000 test digits placed at its code, coloured by
 * its digit, with the digit's number written at the centre of its cloud (a
 * second cue besides colour). A 2-D code is drawn as it is, a 1-D code along
 * x with one row per digit, a wider code by a projection (PCA or UMAP).
 *
 * It is also an instrument: pointer or arrow keys move a cursor whose
 * position (in code or projection coordinates) and nearest test digit are
 * reported through onHover, so the page can decode that point; Enter or a
 * click picks the nearest digit. Markers (a drawing's code, the ends of an
 * interpolation), a segment and the prior's contour circles are drawn on top.
 * The cursor lives on its own canvas: moving it never redraws the points.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { DIGIT_COLORS } from '../../shared/digit-colors';
import { classLabel } from '../../shared/format';
import { nearestPoint, toData, type Frame } from './frame';
import { drawCursor, drawScatter, scatterLayout, type LatentMarker } from './scatter-drawing';
import { useDeferredDraw } from '../../components/use-deferred-draw';

export interface LatentHover {
  /** Where the cursor is, in the view's coordinates (the code itself for 1-D and 2-D codes). */
  x: number;
  y: number;
  /** The test digit under the cursor (index into points), if any. */
  index: number | null;
  /** Moved by the pointer or by the arrow keys (only the latter is announced to screen readers). */
  via: 'pointer' | 'keyboard';
}

export type ProjectionMethod = 'identity' | 'pca' | 'umap';

export interface LatentScatterProps {
  step: number;
  points: Float32Array;
  labels: Uint8Array;
  codeSize: number;
  method: ProjectionMethod;
  explained?: [number, number];
  size?: number;
  markers?: LatentMarker[];
  segment?: [[number, number], [number, number]] | null;
  /** Circles of the prior N(0, I) at 1, 2 and 3 standard deviations around `center`. */
  contour?: { center: [number, number]; radii: number[] } | null;
  /** Test digits to ring (e.g. a query's neighbours). */
  highlight?: number[];
  onHover?: (hover: LatentHover | null) => void;
  onPick?: (index: number) => void;
}

/** How close (px) the cursor must be to a point to be over it. */
const HIT_RADIUS = 6;

function axisNames(props: LatentScatterProps): [string, string] {
  if (props.codeSize === 1) return ['code', 'digit'];
  if (props.method === 'identity') return ['code 1', 'code 2'];
  if (props.method === 'umap') return ['UMAP 1', 'UMAP 2'];
  const [a, b] = props.explained ?? [0, 0];
  return [`PC 1 (${(a * 100).toFixed(0)}% of variance)`, `PC 2 (${(b * 100).toFixed(0)}%)`];
}

function LatentScatterImpl(props: LatentScatterProps) {
  const { points, labels, codeSize, step, method, markers, segment, contour, highlight, onHover, onPick } = props;
  const size = props.size ?? 420;
  const ref = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<Frame | null>(null);
  const pixelsRef = useRef<Float32Array>(new Float32Array(0));
  const [cursor, setCursorState] = useState<[number, number] | null>(null);
  // Key presses read the cursor from here: two keys in a row can come before React re-renders.
  const cursorRef = useRef<[number, number] | null>(null);
  const setCursor = useCallback((c: [number, number] | null) => {
    cursorRef.current = c;
    setCursorState(c);
  }, []);
  const n = labels.length;
  const [xName, yName] = axisNames(props);
  const interactive = !!onHover;

  // Hit-testing works from the first render on: the points are laid out at
  // once, the canvas painted in a task of its own (a key pressed in between
  // already finds the nearest digit).
  const layout = useMemo(() => scatterLayout(points, labels, codeSize, size), [points, labels, codeSize, size]);
  useLayoutEffect(() => {
    frameRef.current = layout.frame;
    pixelsRef.current = layout.pixels;
  }, [layout]);

  useDeferredDraw(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== size * dpr || canvas.height !== size * dpr) {
      canvas.width = size * dpr;
      canvas.height = size * dpr;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawScatter(ctx, { labels, codeSize, size, markers, segment, contour, highlight, xName, yName }, layout);
  }, [layout, labels, codeSize, xName, yName, size, markers, segment, contour, highlight]);

  // The cursor: a crosshair on the overlay canvas.
  useEffect(() => {
    const canvas = overlay.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== size * dpr) {
      canvas.width = size * dpr;
      canvas.height = size * dpr;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size, size);
    if (!cursor) return;
    drawCursor(ctx, cursor[0], cursor[1]);
  }, [cursor, size]);

  /** Moves the cursor to canvas pixel (px, py) and reports the point under it. */
  const moveTo = useCallback(
    (px: number, py: number, radius = HIT_RADIUS, via: LatentHover['via'] = 'keyboard') => {
      const frame = frameRef.current;
      if (!frame || !onHover) return;
      const cx = Math.min(size - frame.pad, Math.max(frame.pad, px));
      const cy = Math.min(size - frame.pad, Math.max(frame.pad, py));
      setCursor([cx, cy]);
      const [x, y] = toData(frame, cx, cy);
      onHover({ x, y, index: nearestPoint(pixelsRef.current, cx, cy, radius), via });
    },
    [onHover, size, setCursor],
  );

  const onPointer = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    moveTo(e.clientX - rect.left, e.clientY - rect.top, HIT_RADIUS, 'pointer');
  };

  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const frame = frameRef.current;
    if (!frame) return;
    const stepPx = e.shiftKey ? 40 : 8;
    const current = cursorRef.current;
    const [x, y] = current ?? [size / 2, size / 2];
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-stepPx, 0],
      ArrowRight: [stepPx, 0],
      ArrowUp: [0, -stepPx],
      ArrowDown: [0, stepPx],
    };
    if (e.key in moves) {
      e.preventDefault();
      const [dx, dy] = moves[e.key];
      moveTo(x + dx, y + dy, HIT_RADIUS * 2);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (!current) {
        // No cursor yet: it appears in the middle (the next Enter picks).
        moveTo(x, y, HIT_RADIUS * 2);
        return;
      }
      const i = onPick ? nearestPoint(pixelsRef.current, x, y, 40) : null;
      if (i !== null) onPick?.(i);
    } else if (e.key === 'Escape') {
      setCursor(null);
      onHover?.(null);
    }
  };

  const how =
    codeSize === 1
      ? 'a 1-number code along the horizontal axis, one row per digit'
      : codeSize === 2
        ? 'the 2-number code as it is'
        : method === 'umap'
          ? `the ${codeSize}-number code laid out in 2-D by UMAP`
          : `the ${codeSize}-number code projected on its two principal components`;
  const help = interactive
    ? '. Move the pointer, or focus it and use the arrow keys (Shift for bigger steps), to decode any point' +
      (onPick ? '; click or press Enter to pick the nearest digit' : '')
    : '';
  return (
    <figure className="latent">
      <div className="latent-canvases" style={{ width: size, height: size }}>
        <canvas ref={ref} style={{ width: size, height: size }} aria-hidden="true" />
        <canvas
          ref={overlay}
          className="latent-overlay"
          style={{ width: size, height: size }}
          role="img"
          aria-label={`Latent space at step ${step}: ${n} test digits coloured by digit, ${how}${help}`}
          tabIndex={interactive ? 0 : undefined}
          onPointerMove={interactive ? onPointer : undefined}
          onPointerDown={interactive ? onPointer : undefined}
          onPointerLeave={
            interactive
              ? () => {
                  setCursor(null);
                  onHover?.(null);
                }
              : undefined
          }
          onClick={
            onPick
              ? (e) => {
                  const rect = e.currentTarget.getBoundingClientRect();
                  const i = nearestPoint(pixelsRef.current, e.clientX - rect.left, e.clientY - rect.top, HIT_RADIUS * 2);
                  if (i !== null) onPick(i);
                }
              : undefined
          }
          onKeyDown={interactive ? onKey : undefined}
        />
      </div>
      <ul className="legend" aria-label="Class colours">
        {DIGIT_COLORS.map((c, d) => (
          <li key={d}>
            <span className="swatch" style={{ background: c }} aria-hidden="true" />
            {classLabel(d)}
          </li>
        ))}
      </ul>
    </figure>
  );
}

export const LatentScatter = memo(LatentScatterImpl);
