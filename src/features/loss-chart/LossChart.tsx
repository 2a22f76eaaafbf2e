/**
 * Training loss per batch (averaged into at most MAX_POINTS buckets) and test
 * loss per epoch, against the step. When the loss has a penalty, the
 * reconstruction and the penalty are drawn too, the penalty before its weight
 * and on its own axis (the VAE's KL is tens of nats against hundreds; a
 * sparse code's L1, a mean |z| of about 1, against a BCE of 0.1 per pixel),
 * so one can see the two pull against each other.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { downsample } from '../../shared/series';

const MAX_POINTS = 300;

const COLORS = { train: '#0072B2', reconstruction: '#009E73', penalty: '#CC79A7', test: '#D55E00' };

/**
 * The key, as HTML beside the chart rather than recharts' Legend, which
 * measures its own box (a forced layout) on every redraw.
 */
function Key({ series }: { series: { name: string; color: string; dashed?: boolean }[] }) {
  return (
    <ul className="chart-key">
      {series.map((s) => (
        <li key={s.name}>
          <svg width="22" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="22" y2="4" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dashed ? '4 2' : undefined} />
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

interface Row {
  step: number;
  train?: number;
  reconstruction?: number;
  penalty?: number;
  test?: number;
}

function maxOf(rows: Row[], value: (r: Row) => number): number {
  let max = 0;
  for (const r of rows) max = Math.max(max, value(r));
  return max;
}

/** One number format per axis, chosen by its range: 0.125, 1.25, 125. */
function tickFormat(max: number) {
  const digits = max >= 20 ? 0 : max >= 2 ? 1 : max >= 0.2 ? 2 : 3;
  return (v: number) => v.toFixed(digits);
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value: number };
}

/**
 * An axis tick as a plain SVG text. Recharts' own tick measures every new
 * label in the DOM (a forced layout), and as training goes on every redraw
 * brings new step numbers: it was the largest part of a redraw. For the same
 * reason the axes show every tick they compute (interval 0) instead of
 * measuring labels to drop the ones that would collide (there are six).
 */
function tick(format: (v: number) => string, anchor: 'middle' | 'end' | 'start', dy: string) {
  return function Tick({ x = 0, y = 0, payload }: TickProps) {
    return (
      <text x={x} y={y} dy={dy} textAnchor={anchor} fill="#666" fontSize={12}>
        {payload ? format(payload.value) : ''}
      </text>
    );
  };
}

const STEP_TICK = tick((v) => String(Math.round(v)), 'middle', '0.9em');

function LossChartImpl({ steps, train, reconstruction, penalty, penaltyName = 'penalty', test, unit }: LossChartProps) {
  const rows = useMemo(() => {
    const byStep = new Map<number, Row>();
    const put = (step: number, patch: Partial<Row>) => {
      const s = Math.round(step);
      byStep.set(s, { ...(byStep.get(s) ?? { step: s }), ...patch });
    };
    downsample(steps, train, MAX_POINTS).forEach((p) => put(p.x, { train: p.y }));
    if (reconstruction && penalty) {
      downsample(steps, reconstruction, MAX_POINTS).forEach((p) => put(p.x, { reconstruction: p.y }));
      downsample(steps, penalty, MAX_POINTS).forEach((p) => put(p.x, { penalty: p.y }));
    }
    return [...byStep.values()].sort((a, b) => a.step - b.step);
  }, [steps, train, reconstruction, penalty]);
  // The test points are a series of their own (one per epoch): on the shared
  // rows, the dotted test line walked every training point at each redraw.
  const testRows = useMemo(() => test.map((t) => ({ step: Math.round(t.step), test: t.total })), [test]);

  const span = useMemo(
    () =>
      Math.max(
        maxOf(rows, (r) => r.train ?? 0),
        maxOf(testRows, (r) => r.test ?? 0),
      ),
    [rows, testRows],
  );
  const penaltySpan = useMemo(() => maxOf(rows, (r) => r.penalty ?? 0), [rows]);
  const penaltyKey = `${penaltyName} (right axis)`;
  const lossTick = useMemo(() => tick(tickFormat(span), 'end', '0.35em'), [span]);
  const penaltyTick = useMemo(() => tick(tickFormat(penaltySpan), 'start', '0.35em'), [penaltySpan]);
  const last = train.length ? train[train.length - 1] : null;
  const lastTest = test.length ? test[test.length - 1].total : null;
  const label =
    `Loss curve: ${train.length} training batches` +
    (last !== null ? `, latest training loss ${last.toFixed(4)}` : '') +
    (lastTest !== null ? `, latest test loss ${lastTest.toFixed(4)}` : '') +
    ` (${unit})`;

  return (
    <figure className="chart" role="img" aria-label={label}>
      {/* The chart and all its lines are mounted even while empty, at their
          final size: mounting is the most expensive render of the page, better
          paid on load than while training (where it made tasks of 60–100 ms). */}
      {rows.length === 0 && <p className="empty chart-empty">Press Train: the loss will be drawn here as the model learns.</p>}
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
          <XAxis
            dataKey="step"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickCount={6}
            interval={0}
            tick={STEP_TICK}
            label={{ value: 'step', position: 'insideBottomRight', offset: -2 }}
          />
          <YAxis yAxisId="loss" width={56} domain={['auto', 'auto']} interval={0} tick={lossTick} />
          {penalty && (
            <YAxis
              yAxisId="penalty"
              orientation="right"
              width={48}
              domain={[0, 'auto']}
              interval={0}
              tick={penaltyTick}
              label={{ value: penaltyName, angle: 90, position: 'insideRight', fill: COLORS.penalty }}
            />
          )}
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(s) => `step ${s}`} />
          <Line
            yAxisId="loss"
            name="train"
            dataKey="train"
            stroke={COLORS.train}
            dot={false}
            isAnimationActive={false}
            connectNulls
            strokeWidth={2}
          />
          {reconstruction && (
            <Line
              yAxisId="loss"
              name="reconstruction"
              dataKey="reconstruction"
              stroke={COLORS.reconstruction}
              dot={false}
              isAnimationActive={false}
              connectNulls
              strokeDasharray="4 2"
            />
          )}
          {penalty && (
            <Line
              yAxisId="penalty"
              name={penaltyKey}
              dataKey="penalty"
              stroke={COLORS.penalty}
              dot={false}
              isAnimationActive={false}
              connectNulls
              strokeWidth={2}
            />
          )}
          <Line
            yAxisId="loss"
            name="test"
            data={testRows}
            dataKey="test"
            stroke={COLORS.test}
            isAnimationActive={false}
            strokeWidth={2}
            dot={{ r: 3 }}
          />
        </LineChart>
      </ResponsiveContainer>
      {rows.length > 0 && (
        <Key
          series={[
            { name: 'train', color: COLORS.train },
            ...(reconstruction ? [{ name: 'reconstruction', color: COLORS.reconstruction, dashed: true }] : []),
            ...(penalty ? [{ name: penaltyKey, color: COLORS.penalty }] : []),
            ...(test.length > 0 ? [{ name: 'test', color: COLORS.test }] : []),
          ]}
        />
      )}
      <figcaption>{unit}</figcaption>
    </figure>
  );
}

export const LossChart = memo(LossChartImpl);
