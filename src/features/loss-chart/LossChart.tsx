/**
 * Training loss per batch (averaged into at most MAX_POINTS buckets) and test
 * loss per epoch, against the step. For the VAE the reconstruction and KL
 * terms are drawn too, so one can see the two pull against each other.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { downsample } from '../../shared/series';

const MAX_POINTS = 300;

export interface LossChartProps {
  steps: number[];
  train: number[];
  /** VAE only: the two terms of the training loss. */
  reconstruction?: number[];
  kl?: number[];
  test: { step: number; total: number }[];
  unit: string;
}

interface Row {
  step: number;
  train?: number;
  reconstruction?: number;
  kl?: number;
  test?: number;
}

function LossChartImpl({ steps, train, reconstruction, kl, test, unit }: LossChartProps) {
  const rows = useMemo(() => {
    const byStep = new Map<number, Row>();
    const put = (step: number, patch: Partial<Row>) => {
      const s = Math.round(step);
      byStep.set(s, { ...(byStep.get(s) ?? { step: s }), ...patch });
    };
    downsample(steps, train, MAX_POINTS).forEach((p) => put(p.x, { train: p.y }));
    if (reconstruction && kl) {
      downsample(steps, reconstruction, MAX_POINTS).forEach((p) => put(p.x, { reconstruction: p.y }));
      downsample(steps, kl, MAX_POINTS).forEach((p) => put(p.x, { kl: p.y }));
    }
    test.forEach((t) => put(t.step, { test: t.total }));
    return [...byStep.values()].sort((a, b) => a.step - b.step);
  }, [steps, train, reconstruction, kl, test]);

  const last = train.length ? train[train.length - 1] : null;
  const lastTest = test.length ? test[test.length - 1].total : null;
  const label =
    `Loss curve: ${train.length} training batches` +
    (last !== null ? `, latest training loss ${last.toFixed(4)}` : '') +
    (lastTest !== null ? `, latest test loss ${lastTest.toFixed(4)}` : '') +
    ` (${unit})`;

  return (
    <figure className="chart" role="img" aria-label={label}>
      {rows.length === 0 ? (
        <p className="empty">Press Train: the loss will be drawn here as the model learns.</p>
      ) : (
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
            <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} tickCount={6} label={{ value: 'step', position: 'insideBottomRight', offset: -2 }} />
            <YAxis width={56} domain={['auto', 'auto']} tickFormatter={(v: number) => (Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(3))} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(s) => `step ${s}`} />
            <Legend />
            <Line name="train" dataKey="train" stroke="#0072B2" dot={false} isAnimationActive={false} connectNulls strokeWidth={2} />
            {reconstruction && (
              <Line name="reconstruction" dataKey="reconstruction" stroke="#009E73" dot={false} isAnimationActive={false} connectNulls strokeDasharray="4 2" />
            )}
            {kl && <Line name="KL" dataKey="kl" stroke="#CC79A7" dot={false} isAnimationActive={false} connectNulls strokeDasharray="2 2" />}
            <Line name="test" dataKey="test" stroke="#D55E00" isAnimationActive={false} connectNulls strokeWidth={2} dot={{ r: 3 }} />
          </LineChart>
        </ResponsiveContainer>
      )}
      <figcaption>{unit}</figcaption>
    </figure>
  );
}

export const LossChart = memo(LossChartImpl);
