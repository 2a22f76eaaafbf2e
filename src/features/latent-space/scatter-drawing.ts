/**
 * Drawing the latent scatter on a canvas: the points coloured by digit, each
 * digit's number at the centre of its cloud, the prior's contours, rings,
 * a segment, markers and the axis names; and the cursor's crosshair.
 */
import { DIGIT_COLORS } from '../../shared/digit-colors';
import { spreadLabels } from '../../shared/label-layout';
import { makeFrame, plotPositions, toPixels, type Frame } from './frame';

export interface LatentMarker {
  x: number;
  y: number;
  /** Written beside the marker, e.g. "your drawing", "A". */
  label: string;
  shape: 'star' | 'diamond' | 'square';
}

/** What is drawn over the points (laid out by scatterLayout): their labels give their colours. */
export interface ScatterScene {
  labels: Uint8Array;
  codeSize: number;
  /** Width and height in CSS pixels. */
  size: number;
  markers?: LatentMarker[];
  segment?: [[number, number], [number, number]] | null;
  /** Circles of the prior N(0, I) at 1, 2 and 3 standard deviations around `center`. */
  contour?: { center: [number, number]; radii: number[] } | null;
  /** Test digits to ring. */
  highlight?: number[];
  xName: string;
  yName: string;
}

/** Centre labels closer than this (px) are pushed apart so that each stays readable. */
const LABEL_GAP = 18;

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

/**
 * Where the scene's points go, without drawing: the plotted positions, the
 * frame, and each point's pixel (far off the canvas for a point outside the
 * plot), for hit-testing before (and whether or not) the canvas is painted.
 */
export interface ScatterLayout {
  frame: Frame;
  /** Each point's pixel, x then y (−1e9 for a point outside the plot). */
  pixels: Float32Array;
}

export function scatterLayout(points: Float32Array, labels: Uint8Array, codeSize: number, size: number): ScatterLayout {
  const oneD = codeSize === 1;
  const pos = plotPositions(points, labels, oneD);
  const frame = makeFrame(pos, oneD, size);
  const { pad } = frame;
  const pixels = new Float32Array(labels.length * 2).fill(-1e9);
  for (let i = 0; i < labels.length; i++) {
    const [x, y] = toPixels(frame, pos[2 * i], pos[2 * i + 1]);
    if (!(x >= pad && x <= size - pad && y >= pad && y <= size - pad)) continue;
    pixels[2 * i] = x;
    pixels[2 * i + 1] = y;
  }
  return { frame, pixels };
}

/** Draws the scene, laid out by {@link scatterLayout}, on a context already scaled to CSS pixels. */
export function drawScatter(ctx: CanvasRenderingContext2D, scene: ScatterScene, layout: ScatterLayout): void {
  const { labels, codeSize, size, markers, segment, contour, highlight, xName, yName } = scene;
  const { frame, pixels } = layout;
  const n = labels.length;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, size, size);

  const oneD = codeSize === 1;
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

  ctx.globalAlpha = 0.7;
  const sums = Array.from({ length: 10 }, () => [0, 0, 0]);
  for (let d = 0; d < 10; d++) {
    ctx.fillStyle = DIGIT_COLORS[d];
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      if (labels[i] !== d || pixels[2 * i] < 0) continue;
      const x = pixels[2 * i];
      const y = pixels[2 * i + 1];
      ctx.moveTo(x + 2, y);
      ctx.arc(x, y, 2, 0, Math.PI * 2);
      sums[d][0] += x;
      sums[d][1] += y;
      sums[d][2] += 1;
    }
    ctx.fill();
  }
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
}

/** The cursor: a ring with a crosshair at (x, y). */
export function drawCursor(ctx: CanvasRenderingContext2D, x: number, y: number): void {
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
}
