/**
 * How the reconstruction error is spread over the test digits: a histogram
 * of one error per image, with an optional cut-off (say, the error above
 * which lie the worst 1 %) drawn as a dashed line with its value. Most digits
 * sit in one hump; the long tail on the right holds the odd ones out.
 *
 * Drawn as plain SVG: a left axis of counts with dashed grid lines, a bottom
 * axis of errors with round ticks, one bar per non-empty bin spanning its
 * edges, the bins at or past the cut-off in orange, and the cut-off itself.
 */
import './charts.css';

export interface ErrorHistogramProps {
  /** Bin edges, one more than the counts: bin b holds edges[b] ≤ error < edges[b+1]. */
  edges: number[];
  /** Number of images in each bin. */
  counts: number[];
  /** The cut-off error to mark, or null for none. */
  threshold?: number | null;
  /** What the cut-off means, written beside it. */
  thresholdLabel?: string;
  /** The error and its unit, for the x axis: e.g. 'test BCE per pixel'. */
  metricLabel: string;
  width?: number;
  height?: number;
}

const FONT = 12;
const BAR = '#56B4E9';
const BAR_EDGE = '#2f7fae';
const TAIL = '#D55E00';
const TAIL_FILL = '#f0a374';
const AXIS = '#666';
const MARGIN = { top: 10, right: 18, bottom: 4, left: 4 };
/** Room for the count ticks and the rotated 'digits' left of the plot. */
const Y_AXIS_WIDTH = 62;
/** Room for the error ticks and the metric's name under the plot. */
const X_AXIS_HEIGHT = 40;
const TICK = 6;

/** An error as the page writes it: 0.257, 0.057, 0.0043. */
function formatValue(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) >= 0.01 ? v.toFixed(3) : v.toPrecision(2);
}

function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A round step (1, 2, 2.5 or 5 times a power of ten) at or above `raw`. */
function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * magnitude;
}

function decimalsOf(step: number): number {
  let d = 0;
  while (d < 8 && Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) > 1e-6) d++;
  return d;
}

/** Round ticks inside [lo, hi], about `count` of them. */
function ticksWithin(lo: number, hi: number, count: number): { ticks: number[]; decimals: number } {
  const step = niceStep((hi - lo) / count);
  const decimals = decimalsOf(step);
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toFixed(decimals)));
  return { ticks, decimals };
}

/**
 * The median of the binned values, interpolating linearly inside the bin
 * where the running count passes half the total.
 */
export function histogramMedian(edges: number[], counts: number[]): number | null {
  const total = counts.reduce((s, c) => s + c, 0);
  if (!(total > 0)) return null;
  const half = total / 2;
  let seen = 0;
  for (let b = 0; b < counts.length; b++) {
    if (seen + counts[b] >= half && counts[b] > 0) {
      return edges[b] + ((half - seen) / counts[b]) * (edges[b + 1] - edges[b]);
    }
    seen += counts[b];
  }
  return edges[edges.length - 1];
}

export function ErrorHistogram({
  edges,
  counts,
  threshold = null,
  thresholdLabel = 'worst 1 %',
  metricLabel,
  width = 480,
  height = 240,
}: ErrorHistogramProps) {
  const n = Math.max(0, Math.min(counts.length, edges.length - 1));
  const total = counts.slice(0, n).reduce((s, c) => s + c, 0);
  const median = histogramMedian(edges.slice(0, n + 1), counts.slice(0, n));
  const lo = n > 0 ? edges[0] : 0;
  const hi = n > 0 ? edges[n] : 1;
  const xTicks = ticksWithin(lo, hi, 5);
  const maxCount = counts.slice(0, n).reduce((m, c) => Math.max(m, c), 0);
  const yStep = Math.max(1, niceStep(maxCount / 4));
  const yTop = Math.max(yStep, Math.ceil(maxCount / yStep) * yStep);
  const yTicks = Array.from({ length: Math.round(yTop / yStep) + 1 }, (_, i) => i * yStep);
  const cut = threshold !== null && Number.isFinite(threshold) ? threshold : null;

  // The plot area, and the scales from error and count to pixels.
  const left = MARGIN.left + Y_AXIS_WIDTH;
  const right = width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom - X_AXIS_HEIGHT;
  const sx = (v: number) => left + ((v - lo) / (hi - lo || 1)) * (right - left);
  const sy = (c: number) => bottom - (c / yTop) * (bottom - top);

  const label =
    total > 0
      ? `Histogram of ${metricLabel} over ${formatCount(total)} images: median ≈ ${formatValue(median ?? 0)}` +
        (cut !== null ? `; ${thresholdLabel} above ${formatValue(cut)}` : '') +
        '.'
      : `Histogram of ${metricLabel}: no images measured yet.`;
  // Write the cut-off's label on the side of its line that has more room.
  const cutOnRight = cut !== null && (cut - lo) / (hi - lo || 1) > 0.6;
  const cutX = cut !== null && cut >= lo && cut <= hi ? sx(cut) : null;
  const cutLabelX = cutX === null ? 0 : cutX + (cutOnRight ? -5 : 5);

  return (
    <figure className="plot error-histogram" aria-label={label}>
      {total === 0 && <p className="empty plot-empty">No errors measured yet.</p>}
      <svg className="plot-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
        <g className="histogram-grid" stroke="#e3e3e3" strokeDasharray="3 3">
          {yTicks.map((t) => (
            <line key={t} x1={left} x2={right} y1={sy(t)} y2={sy(t)} />
          ))}
        </g>

        <g className="histogram-bars" strokeWidth={0.5}>
          {Array.from({ length: n }, (_, i) => {
            const count = counts[i];
            if (!(count > 0)) return null;
            const x0 = sx(edges[i]);
            const w = sx(edges[i + 1]) - x0;
            const tail = cut !== null && edges[i] >= cut;
            return (
              <rect
                key={i}
                x={x0}
                y={sy(count)}
                // A hairline gap between neighbours once the bars are wide enough to spare it.
                width={Math.max(0.5, w - (w > 3 ? 1 : 0))}
                height={bottom - sy(count)}
                fill={tail ? TAIL_FILL : BAR}
                stroke={tail ? TAIL : BAR_EDGE}
              >
                <title>{`${formatValue(edges[i])}–${formatValue(edges[i + 1])}: ${formatCount(count)} ${count === 1 ? 'digit' : 'digits'}`}</title>
              </rect>
            );
          })}
        </g>

        {cutX !== null && cut !== null && (
          <g className="histogram-cut">
            <line x1={cutX} x2={cutX} y1={bottom} y2={top} stroke={TAIL} strokeWidth={1.5} strokeDasharray="5 3" />
            <text
              x={cutLabelX}
              y={top + 12}
              textAnchor={cutOnRight ? 'end' : 'start'}
              fontSize={11}
              fill="#8a3c00"
              stroke="#fff"
              strokeWidth={3}
              paintOrder="stroke"
            >
              <tspan x={cutLabelX}>{thresholdLabel}</tspan>
              <tspan x={cutLabelX} dy="1.2em">
                ≥ {formatValue(cut)}
              </tspan>
            </text>
          </g>
        )}

        <g className="histogram-axes" stroke={AXIS} fill="none">
          <line x1={left} x2={right} y1={bottom} y2={bottom} />
          <line x1={left} x2={left} y1={top} y2={bottom} />
          {xTicks.ticks.map((t) => (
            <line key={`x${t}`} x1={sx(t)} x2={sx(t)} y1={bottom} y2={bottom + TICK} />
          ))}
          {yTicks.map((t) => (
            <line key={`y${t}`} x1={left - TICK} x2={left} y1={sy(t)} y2={sy(t)} />
          ))}
        </g>
        <g fontSize={FONT} fill={AXIS}>
          {xTicks.ticks.map((t) => (
            <text key={`x${t}`} x={sx(t)} y={bottom + TICK + 2} dy="0.71em" textAnchor="middle">
              {t.toFixed(xTicks.decimals)}
            </text>
          ))}
          {yTicks.map((t) => (
            <text key={`y${t}`} x={left - TICK - 2} y={sy(t)} dy="0.355em" textAnchor="end">
              {formatCount(t)}
            </text>
          ))}
        </g>
        <g fontSize={FONT} fill="#444" textAnchor="middle">
          <text x={(left + right) / 2} y={height - MARGIN.bottom}>
            {metricLabel}
          </text>
          <text
            x={MARGIN.left + 6}
            y={(top + bottom) / 2}
            dy="0.355em"
            transform={`rotate(-90, ${MARGIN.left + 6}, ${(top + bottom) / 2})`}
          >
            digits
          </text>
        </g>
      </svg>
      {total > 0 && (
        <figcaption>
          {formatCount(total)} digits · median ≈ {formatValue(median ?? 0)}
          {cut !== null && ` · ${thresholdLabel} ≥ ${formatValue(cut)} (dashed line)`}
        </figcaption>
      )}
    </figure>
  );
}
