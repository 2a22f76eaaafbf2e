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
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { DIGIT_COLORS } from '../../shared/digit-colors';
import { spreadLabels } from '../../shared/label-layout';
import { makeFrame, nearestPoint, plotPositions, toData, toPixels, type Frame } from './frame';

export interface LatentMarker {
  x: number;
  y: number;
  /** Written beside the marker, e.g. "your drawing", "A". */
  label: string;
  shape: 'star' | 'diamond' | 'square';
}

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

/** Centre labels closer than this (px) are pushed apart so that each stays readable. */
const LABEL_GAP = 18;
/** How close (px) the cursor must be to a point to be over it. */
const HIT_RADIUS = 6;

function axisNames(props: LatentScatterProps): [string, string] {
  if (props.codeSize === 1) return ['code', 'digit'];
  if (props.method === 'identity') return ['code 1', 'code 2'];
  if (props.method === 'umap') return ['UMAP 1', 'UMAP 2'];
  const [a, b] = props.explained ?? [0, 0];
  return [`PC 1 (${(a * 100).toFixed(0)}% of variance)`, `PC 2 (${(b * 100).toFixed(0)}%)`];
}

function drawMarker(ctx: CanvasRenderingContext2D, x: number, y: number, shape: LatentMarker['shape'], r = 9): void {
  ctx.beginPath();
  if (shape === 'star') {
    for (let i = 0; i < 10; i++) {
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      const rr = i % 2 === 0 ? r : r * 0.45;
      ctx[i === 0 ? 'moveTo' : 'lineTo'](x + rr * Math.cos(a), y + rr * Math.sin(a));
    }
  } else if (shape === 'diamond') {
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r);
    ctx.lineTo(x - r, y);
  } else {
    ctx.rect(x - r * 0.75, y - r * 0.75, r * 1.5, r * 1.5);
  }
  ctx.closePath();
  // White with a black outline: unlike any digit's dot (the 7s are black).
  ctx.fillStyle = '#fff';
  ctx.fill();
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = '#111';
  ctx.stroke();
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

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = size * dpr;
    canvas.height = size * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size, size);

    const oneD = codeSize === 1;
    const pos = plotPositions(points, labels, oneD);
    const frame = makeFrame(pos, oneD, size);
    frameRef.current = frame;
    const { pad } = frame;
    const px = (x: number, y: number) => toPixels(frame, x, y);

    ctx.strokeStyle = '#ccc';
    ctx.lineWidth = 1;
    ctx.strokeRect(pad, pad, size - 2 * pad, size - 2 * pad);
    const [zx, zy] = px(0, 0);
    if (frame.x0 < 0 && frame.x1 > 0) {
      ctx.beginPath();
      ctx.moveTo(zx, pad);
      ctx.lineTo(zx, size - pad);
      ctx.stroke();
    }
    if (!oneD && frame.y0 < 0 && frame.y1 > 0) {
      ctx.beginPath();
      ctx.moveTo(pad, zy);
      ctx.lineTo(size - pad, zy);
      ctx.stroke();
    }

    const pixels = new Float32Array(n * 2).fill(-1e9);
    ctx.globalAlpha = 0.7;
    const sums = Array.from({ length: 10 }, () => [0, 0, 0]);
    for (let d = 0; d < 10; d++) {
      ctx.fillStyle = DIGIT_COLORS[d];
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        if (labels[i] !== d) continue;
        const [x, y] = px(pos[2 * i], pos[2 * i + 1]);
        if (!(x >= pad && x <= size - pad && y >= pad && y <= size - pad)) continue;
        pixels[2 * i] = x;
        pixels[2 * i + 1] = y;
        ctx.moveTo(x + 2, y);
        ctx.arc(x, y, 2, 0, Math.PI * 2);
        sums[d][0] += x;
        sums[d][1] += y;
        sums[d][2] += 1;
      }
      ctx.fill();
    }
    pixelsRef.current = pixels;
    ctx.globalAlpha = 1;

    ctx.save();
    ctx.beginPath();
    ctx.rect(pad, pad, size - 2 * pad, size - 2 * pad);
    ctx.clip();
    if (contour && !oneD) {
      const [cx, cy] = px(contour.center[0], contour.center[1]);
      const unitX = (size - 2 * pad) / (frame.x1 - frame.x0);
      const unitY = (size - 2 * pad) / (frame.y1 - frame.y0);
      ctx.setLineDash([6, 4]);
      ctx.strokeStyle = '#333';
      ctx.lineWidth = 1.5;
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillStyle = '#333';
      for (const r of contour.radii) {
        ctx.beginPath();
        ctx.ellipse(cx, cy, r * unitX, r * unitY, 0, 0, Math.PI * 2);
        ctx.stroke();
        ctx.fillText(`${r}σ`, cx + r * unitX * 0.707 + 3, cy - r * unitY * 0.707 - 3);
      }
      ctx.setLineDash([]);
    }
    if (highlight) {
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 2;
      for (const i of highlight) {
        if (i < 0 || i >= n || pixels[2 * i] < 0) continue;
        ctx.beginPath();
        ctx.arc(pixels[2 * i], pixels[2 * i + 1], 5, 0, Math.PI * 2);
        ctx.stroke();
      }
    }
    if (segment) {
      const [a, b] = segment.map(([x, y]) => px(x, y));
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      ctx.stroke();
    }
    ctx.restore();

    ctx.font = 'bold 16px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    const labelsAt = spreadLabels(
      sums.flatMap(([x, y, c], d) => (c ? [{ d, x: x / c, y: y / c }] : [])),
      LABEL_GAP,
    );
    for (const { d, x, y } of labelsAt) {
      ctx.strokeStyle = '#fff';
      ctx.strokeText(String(d), x, y);
      ctx.fillStyle = '#111';
      ctx.fillText(String(d), x, y);
    }

    // Markers, with their labels kept apart; one outside the plot is pinned to its edge and says so.
    const placed = spreadLabels(
      (markers ?? []).map((m) => {
        const [x, y] = px(m.x, m.y);
        const cx = Math.min(size - pad, Math.max(pad, x));
        const cy = Math.min(size - pad, Math.max(pad, y));
        return { m, cx, cy, x: cx, y: cy - 12, outside: cx !== x || cy !== y };
      }),
      16,
    );
    for (const { m, cx, cy, x, y, outside } of placed) {
      drawMarker(ctx, cx, cy, m.shape);
      const text = outside ? `${m.label} (off the plot)` : m.label;
      ctx.font = 'bold 12px system-ui, sans-serif';
      ctx.textAlign = cx > size / 2 ? 'right' : 'left';
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#fff';
      const tx = x + (cx > size / 2 ? -12 : 12);
      ctx.strokeText(text, tx, y);
      ctx.fillStyle = '#111';
      ctx.fillText(text, tx, y);
    }

    ctx.textAlign = 'center';
    ctx.fillStyle = '#444';
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillText(xName, size / 2, size - 10);
    ctx.save();
    ctx.translate(11, size / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(yName, 0, 0);
    ctx.restore();
  }, [points, labels, codeSize, n, xName, yName, size, markers, segment, contour, highlight]);

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
    const [x, y] = cursor;
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(x, y, 7, 0, Math.PI * 2);
    ctx.moveTo(x - 12, y);
    ctx.lineTo(x - 4, y);
    ctx.moveTo(x + 4, y);
    ctx.lineTo(x + 12, y);
    ctx.moveTo(x, y - 12);
    ctx.lineTo(x, y - 4);
    ctx.moveTo(x, y + 4);
    ctx.lineTo(x, y + 12);
    ctx.stroke();
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
        <canvas ref={ref} style={{ width: size, height: size }} aria-hidden="true" data-testid="latent-points" />
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
          data-testid="latent-canvas"
        />
      </div>
      <ul className="legend" aria-label="Digit colours">
        {DIGIT_COLORS.map((c, d) => (
          <li key={d}>
            <span className="swatch" style={{ background: c }} aria-hidden="true" />
            {d}
          </li>
        ))}
      </ul>
    </figure>
  );
}

export const LatentScatter = memo(LatentScatterImpl);
