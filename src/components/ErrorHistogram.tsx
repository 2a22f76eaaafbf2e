/**
 * How the reconstruction error is spread over the test digits: a histogram
 * of one error per image, with an optional cut-off (say, the error above
 * which lie the worst 1 %) drawn as a dashed line with its value. Most digits
 * sit in one hump; the long tail on the right holds the odd ones out.
 */
import { Bar, CartesianGrid, ComposedChart, ReferenceLine, XAxis, YAxis, useXAxisScale, useYAxisScale } from 'recharts';
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

interface Bin {
  lo: number;
  hi: number;
  count: number;
}

/** The bars, each spanning its bin's edges exactly on the chart's scales. */
function Bars({ bins, threshold }: { bins: Bin[]; threshold: number | null }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  const base = y(0) ?? 0;
  return (
    <g className="histogram-bars">
      {bins.map((b, i) => {
        const left = x(b.lo) ?? 0;
        const right = x(b.hi) ?? 0;
        const top = y(b.count) ?? base;
        if (b.count <= 0) return null;
        const tail = threshold !== null && b.lo >= threshold;
        return (
          <rect
            key={i}
            x={left}
            y={top}
            width={Math.max(0.5, right - left - (right - left > 3 ? 1 : 0))}
            height={Math.max(0, base - top)}
            fill={tail ? TAIL_FILL : BAR}
            stroke={tail ? TAIL : BAR_EDGE}
            strokeWidth={0.5}
          >
            <title>{`${formatValue(b.lo)}–${formatValue(b.hi)}: ${formatCount(b.count)} digits`}</title>
          </rect>
        );
      })}
    </g>
  );
}

const NO_SHAPE = () => <g />;

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
  const bins: Bin[] = Array.from({ length: n }, (_, i) => ({ lo: edges[i], hi: edges[i + 1], count: counts[i] }));
  const total = bins.reduce((s, b) => s + b.count, 0);
  const median = histogramMedian(edges.slice(0, n + 1), counts.slice(0, n));
  const lo = n > 0 ? edges[0] : 0;
  const hi = n > 0 ? edges[n] : 1;
  const x = ticksWithin(lo, hi, 5);
  const maxCount = bins.reduce((m, b) => Math.max(m, b.count), 0);
  const yStep = Math.max(1, niceStep(maxCount / 4));
  const yTop = Math.max(yStep, Math.ceil(maxCount / yStep) * yStep);
  const yTicks = Array.from({ length: Math.round(yTop / yStep) + 1 }, (_, i) => i * yStep);
  const cut = threshold !== null && Number.isFinite(threshold) ? threshold : null;

  const label =
    total > 0
      ? `Histogram of ${metricLabel} over ${formatCount(total)} images: median ≈ ${formatValue(median ?? 0)}` +
        (cut !== null ? `; ${thresholdLabel} above ${formatValue(cut)}` : '') +
        '.'
      : `Histogram of ${metricLabel}: no images measured yet.`;
  // Write the cut-off's label on the side of its line that has more room.
  const cutOnRight = cut !== null && (cut - lo) / (hi - lo || 1) > 0.6;

  return (
    <figure className="plot error-histogram" aria-label={label}>
      {total === 0 && <p className="empty plot-empty">No errors measured yet.</p>}
      <div aria-hidden="true">
        <ComposedChart
          width={width}
          height={height}
          data={bins}
          margin={{ top: 10, right: 18, bottom: 4, left: 4 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e3e3" vertical={false} />
          <XAxis
            dataKey="lo"
            type="number"
            domain={[lo, hi]}
            allowDataOverflow
            ticks={x.ticks}
            interval={0}
            height={40}
            tick={{ fontSize: FONT, fill: '#666' }}
            tickFormatter={(v: number) => v.toFixed(x.decimals)}
            label={{ value: metricLabel, position: 'insideBottom', offset: 0, fontSize: FONT, fill: '#444' }}
          />
          <YAxis
            type="number"
            domain={[0, yTop]}
            ticks={yTicks}
            interval={0}
            width={62}
            tick={{ fontSize: FONT, fill: '#666' }}
            tickFormatter={(v: number) => formatCount(v)}
            label={{ value: 'digits', angle: -90, position: 'insideLeft', offset: 6, fontSize: FONT, fill: '#444', style: { textAnchor: 'middle' } }}
          />
          {/* An invisible series: it puts the counts on the y axis, which recharts
              only scales for a graphical item. The bins themselves are drawn below. */}
          <Bar dataKey="count" isAnimationActive={false} shape={NO_SHAPE} legendType="none" />
          <Bars bins={bins} threshold={cut} />
          {cut !== null && cut >= lo && cut <= hi && (
            <ReferenceLine
              x={cut}
              stroke={TAIL}
              strokeWidth={1.5}
              strokeDasharray="5 3"
              label={(props: { viewBox?: { x?: number; y?: number } }) => {
                const vx = props.viewBox?.x ?? 0;
                const vy = (props.viewBox?.y ?? 0) + 12;
                const anchor = cutOnRight ? 'end' : 'start';
                const dx = cutOnRight ? -5 : 5;
                return (
                  <text x={vx + dx} y={vy} textAnchor={anchor} fontSize={11} fill="#8a3c00" stroke="#fff" strokeWidth={3} paintOrder="stroke">
                    <tspan x={vx + dx}>{thresholdLabel}</tspan>
                    <tspan x={vx + dx} dy="1.2em">
                      ≥ {formatValue(cut)}
                    </tspan>
                  </text>
                );
              }}
            />
          )}
        </ComposedChart>
      </div>
      {total > 0 && (
        <figcaption>
          {formatCount(total)} digits · median ≈ {formatValue(median ?? 0)}
          {cut !== null && ` · ${thresholdLabel} ≥ ${formatValue(cut)} (dashed line)`}
        </figcaption>
      )}
    </figure>
  );
}
