/**
 * Training loss per batch and test loss per epoch, against the step. A long
 * run is drawn in at most MAX_BUCKETS runs of consecutive batches: the line
 * is each run's mean, the shaded band its least and greatest batch, and the
 * latest EXACT_TAIL batches are drawn one by one. When the loss has a
 * penalty, the reconstruction and the penalty are drawn too, the penalty
 * before its weight and on its own axis (the VAE's KL is tens of nats
 * against hundreds; a sparse code's L1, a mean |z| of about 1, against a BCE
 * of 0.1 per pixel), so one can see the two pull against each other.
 *
 * The chart is plain SVG, one path per curve: a redraw costs a few string
 * joins, however long the run (a general chart library's redraw of the same
 * curves took 50–60 ms of the page's main thread here).
 */
import { memo, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { bucketSeries, type Bucket } from '../../shared/series';
import { bandPath, decimalsOf, extent, linePath, linearScale, nearestIndex, niceTicks, type Scale } from './loss-plot';

/** Most points a curve is drawn with. */
export const MAX_BUCKETS = 200;
/** The latest batches, drawn exactly. */
export const EXACT_TAIL = 20;
const HEIGHT = 260;
const MARGIN = { top: 10, right: 16, bottom: 34, left: 60 };
const PENALTY_AXIS = 56;

const COLORS = { train: '#0072B2', reconstruction: '#009E73', penalty: '#CC79A7', test: '#D55E00' };

interface KeyEntry {
  name: string;
  color: string;
  dashed?: boolean;
  band?: boolean;
}

/** The key, as HTML beside the chart. */
function Key({ series }: { series: KeyEntry[] }) {
  return (
    <ul className="chart-key">
      {series.map((s) => (
        <li key={s.name}>
          <svg width="22" height="10" aria-hidden="true">
            {s.band ? (
              <rect x="0" y="0" width="22" height="10" fill={s.color} opacity="0.18" />
            ) : (
              <line x1="0" y1="5" x2="22" y2="5" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dashed ? '4 2' : undefined} />
            )}
          </svg>
          {s.name}
        </li>
      ))}
    </ul>
  );
}

export interface LossChartProps {
  steps: number[];
  train: number[];
  /** A loss with a penalty only: its two terms, and the penalty's short name ("KL", "L1 penalty"). */
  reconstruction?: number[];
  penalty?: number[];
  penaltyName?: string;
  test: { step: number; total: number }[];
  unit: string;
}

/** The width the figure is laid out at (one observer, no measuring on redraws). */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(200, Math.round(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

const means = (bs: Bucket[]) => bs.map((b) => b.mean);
const fixed4 = (v: number) => v.toFixed(4);

/** The tooltip's lines for the bucket at `i`: exact for one batch, mean and range for several. */
function readout(i: number, curves: { name: string; buckets: Bucket[] }[]): string[] {
  const b = curves[0].buckets[i];
  const head = b.count === 1 ? `step ${b.x0}` : `steps ${b.x0}–${b.x1} (${b.count} batches)`;
  const lines = curves.map(({ name, buckets }) => {
    const c = buckets[i];
    if (!c || !Number.isFinite(c.mean)) return `${name} —`;
    return c.count === 1 ? `${name} ${fixed4(c.mean)}` : `${name} mean ${fixed4(c.mean)} (${fixed4(c.min)}–${fixed4(c.max)})`;
  });
  return [head, ...lines];
}

function Axis({
  ticks,
  scale,
  at,
  side,
  format,
}: {
  ticks: number[];
  scale: Scale;
  at: number;
  side: 'bottom' | 'left' | 'right';
  format: (v: number) => string;
}) {
  return (
    <g className="plot-ticks" fill="#666" fontSize={12}>
      {ticks.map((t) =>
        side === 'bottom' ? (
          <text key={t} x={scale(t)} y={at} dy="1.1em" textAnchor="middle">
            {format(t)}
          </text>
        ) : (
          <text key={t} x={side === 'left' ? at - 6 : at + 6} y={scale(t)} dy="0.35em" textAnchor={side === 'left' ? 'end' : 'start'}>
            {format(t)}
          </text>
        ),
      )}
    </g>
  );
}

function LossChartImpl({ steps, train, reconstruction, penalty, penaltyName = 'penalty', test, unit }: LossChartProps) {
  const figure = useRef<HTMLElement>(null);
  const width = useWidth(figure);
  const [hoverPx, setHoverPx] = useState<number | null>(null);
  const hasPenalty = !!(reconstruction && penalty);

  const curves = useMemo(() => {
    const bucket = (ys: number[]) => bucketSeries(steps, ys, MAX_BUCKETS, EXACT_TAIL);
    const list = [{ name: 'train', buckets: bucket(train) }];
    if (reconstruction && penalty) {
      list.push({ name: 'reconstruction', buckets: bucket(reconstruction) }, { name: penaltyName, buckets: bucket(penalty) });
    }
    return list;
  }, [steps, train, reconstruction, penalty, penaltyName]);
  const trainBuckets = curves[0].buckets;
  /** Batches per point of a long run (the runs differ by one at most). */
  const perPoint = trainBuckets.find((b) => b.count > 1)?.count ?? 1;
  const bucketed = perPoint > 1;

  const right = MARGIN.right + (hasPenalty ? PENALTY_AXIS : 0);
  const plotW = Math.max(40, width - MARGIN.left - right);
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const geometry = useMemo(() => {
    const xs = trainBuckets.map((b) => b.x);
    const [xlo, xhi] = xs.length ? [trainBuckets[0].x0, trainBuckets[trainBuckets.length - 1].x1] : [0, 1];
    const x0 = xlo === xhi ? xlo - 1 : xlo;
    const sx = linearScale([x0, xhi], [MARGIN.left, MARGIN.left + plotW]);
    const xTicks = niceTicks(x0, xhi, 5).ticks.filter((t) => t >= x0 && t <= xhi);
    const lossCurves = curves.slice(0, 2);
    const [lo, hi] = extent(
      ...lossCurves.flatMap((c) => [c.buckets.map((b) => b.min), c.buckets.map((b) => b.max)]),
      test.map((t) => t.total),
    );
    const y = niceTicks(Number.isFinite(lo) ? lo : 0, Number.isFinite(hi) ? hi : 1, 5);
    const sy = linearScale(y.domain, [MARGIN.top + plotH, MARGIN.top]);
    const penaltyBuckets = curves[2]?.buckets ?? [];
    const p = niceTicks(0, Math.max(0, extent(penaltyBuckets.map((b) => b.max))[1]) || 1, 5);
    const sp = linearScale(p.domain, [MARGIN.top + plotH, MARGIN.top]);
    return { xs, sx, sy, sp, xTicks, yTicks: y.ticks, yDecimals: decimalsOf(y.step), pTicks: p.ticks, pDecimals: decimalsOf(p.step) };
  }, [trainBuckets, curves, test, plotW, plotH]);
  const { xs, sx, sy, sp } = geometry;

  const paths = useMemo(() => {
    const [trainC, recC, penC] = curves;
    return {
      band: bandPath(trainC.buckets, sx, sy),
      train: linePath(xs, means(trainC.buckets), sx, sy),
      reconstruction: recC ? linePath(xs, means(recC.buckets), sx, sy) : '',
      penalty: penC ? linePath(xs, means(penC.buckets), sx, sp) : '',
      test: linePath(
        test.map((t) => t.step),
        test.map((t) => t.total),
        sx,
        sy,
      ),
    };
  }, [curves, xs, sx, sy, sp, test]);

  const hovered =
    hoverPx === null || xs.length === 0
      ? -1
      : nearestIndex(xs, sx.domain[0] + ((hoverPx - MARGIN.left) / plotW) * (sx.domain[1] - sx.domain[0]));
  const hoveredTest = hoverPx === null ? undefined : test.find((t) => Math.abs(sx(t.step) - hoverPx) <= 6);
  const tip =
    hovered >= 0
      ? [...readout(hovered, curves), ...(hoveredTest ? [`test at step ${hoveredTest.step}: ${fixed4(hoveredTest.total)}`] : [])]
      : null;

  const last = train.length ? train[train.length - 1] : null;
  const lastTest = test.length ? test[test.length - 1].total : null;
  const label =
    `Loss curve: ${train.length} training batches` +
    (last !== null ? `, latest training loss ${last.toFixed(4)}` : '') +
    (lastTest !== null ? `, latest test loss ${lastTest.toFixed(4)}` : '') +
    ` (${unit})`;
  const penaltyKey = `${penaltyName} (right axis)`;
  const bottom = MARGIN.top + plotH;

  return (
    <figure className="chart" role="img" aria-label={label} ref={figure}>
      {xs.length === 0 && <p className="empty chart-empty">Press Train: the loss will be drawn here as the model learns.</p>}
      <svg
        width={width}
        height={HEIGHT}
        className="loss-plot"
        aria-hidden="true"
        onPointerMove={(e) => setHoverPx(e.clientX - e.currentTarget.getBoundingClientRect().left)}
        onPointerLeave={() => setHoverPx(null)}
      >
        <g stroke="#ddd" strokeDasharray="3 3">
          {geometry.xTicks.map((t) => (
            <line key={`x${t}`} x1={sx(t)} x2={sx(t)} y1={MARGIN.top} y2={bottom} />
          ))}
          {geometry.yTicks.map((t) => (
            <line key={`y${t}`} x1={MARGIN.left} x2={MARGIN.left + plotW} y1={sy(t)} y2={sy(t)} />
          ))}
        </g>
        <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={bottom} y2={bottom} stroke="#666" />
        <line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={bottom} stroke="#666" />
        <Axis ticks={geometry.xTicks} scale={sx} at={bottom} side="bottom" format={(v) => String(Math.round(v))} />
        <Axis ticks={geometry.yTicks} scale={sy} at={MARGIN.left} side="left" format={(v) => v.toFixed(geometry.yDecimals)} />
        <text x={MARGIN.left + plotW} y={HEIGHT - 2} textAnchor="end" fill="#666" fontSize={12}>
          step
        </text>
        {hasPenalty && (
          <>
            <line x1={MARGIN.left + plotW} x2={MARGIN.left + plotW} y1={MARGIN.top} y2={bottom} stroke="#666" />
            <Axis ticks={geometry.pTicks} scale={sp} at={MARGIN.left + plotW} side="right" format={(v) => v.toFixed(geometry.pDecimals)} />
            <text
              transform={`translate(${width - 6} ${MARGIN.top + plotH / 2}) rotate(90)`}
              textAnchor="middle"
              fill={COLORS.penalty}
              fontSize={12}
            >
              {penaltyName}
            </text>
          </>
        )}
        <g fill="none" strokeLinejoin="round">
          {paths.band && <path d={paths.band} fill={COLORS.train} opacity={0.18} stroke="none" />}
          <path className="plot-line" d={paths.train} stroke={COLORS.train} strokeWidth={2} />
          {paths.reconstruction && (
            <path className="plot-line" d={paths.reconstruction} stroke={COLORS.reconstruction} strokeWidth={1.5} strokeDasharray="4 2" />
          )}
          {paths.penalty && <path className="plot-line" d={paths.penalty} stroke={COLORS.penalty} strokeWidth={2} />}
          <path className="plot-line" d={paths.test} stroke={COLORS.test} strokeWidth={2} />
        </g>
        <g fill="#fff" stroke={COLORS.test} strokeWidth={2}>
          {test.map((t) => (
            <circle key={t.step} cx={sx(t.step)} cy={sy(t.total)} r={3} />
          ))}
        </g>
        {hovered >= 0 && <line x1={sx(xs[hovered])} x2={sx(xs[hovered])} y1={MARGIN.top} y2={bottom} stroke="#999" />}
      </svg>
      {tip && hoverPx !== null && (
        <div className="plot-tooltip" style={{ left: Math.min(hoverPx + 12, width - 230), top: MARGIN.top }}>
          {tip.map((line, i) => (
            <div key={i}>{line}</div>
          ))}
        </div>
      )}
      {xs.length > 0 && (
        <Key
          series={[
            { name: 'train', color: COLORS.train },
            ...(bucketed ? [{ name: 'train: least to greatest batch', color: COLORS.train, band: true }] : []),
            ...(reconstruction ? [{ name: 'reconstruction', color: COLORS.reconstruction, dashed: true }] : []),
            ...(penalty ? [{ name: penaltyKey, color: COLORS.penalty }] : []),
            ...(test.length > 0 ? [{ name: 'test', color: COLORS.test }] : []),
          ]}
        />
      )}
      <figcaption>
        {unit}
        {bucketed &&
          ` · each point of a training curve is the mean of about ${perPoint} consecutive batches (the latest ${EXACT_TAIL} are drawn one by one); hover for a point's batches and range`}
      </figcaption>
    </figure>
  );
}

export const LossChart = memo(LossChartImpl);
