/**
 * The test loss of each compared run on one chart, against epochs and
 * against training seconds: which type learns more per pass over the data,
 * and which per second of this machine.
 */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ComparedRun } from './compared-run';

function Curves({ runs, x, label }: { runs: ComparedRun[]; x: 'epoch' | 'seconds'; label: string }) {
  const series = runs.map((r) => ({
    ...r,
    points: r.details.test.map((t) => ({ x: t[x], loss: t.total })),
  }));
  const described = series
    .map((s) => `${s.summary.name}: ${s.points.length ? s.points.at(-1)!.loss.toFixed(4) : 'no test loss yet'}`)
    .join('; ');
  return (
    <figure className="chart compare-chart" role="img" aria-label={`Test loss against ${label}. Last values: ${described}`}>
      <figcaption>Test loss against {label}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart margin={{ top: 8, right: 16, bottom: 16, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, 'auto']}
            allowDecimals={x === 'seconds'}
            tickFormatter={(v: number) => (x === 'epoch' ? String(v) : v.toFixed(v < 10 ? 1 : 0))}
            allowDuplicatedCategory={false}
            label={{ value: label, position: 'insideBottom', offset: -8, fontSize: 12 }}
            tick={{ fontSize: 12 }}
          />
          <YAxis type="number" domain={['auto', 'auto']} width={56} tick={{ fontSize: 12 }} tickFormatter={(v: number) => v.toFixed(3)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(v) => `${label} ${v}`} />
          {series.map((s) => (
            <Line
              key={s.summary.id}
              data={s.points}
              dataKey="loss"
              name={s.summary.name}
              stroke={s.color}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function CompareCurves({ runs }: { runs: ComparedRun[] }) {
  return (
    <div className="compare-curves">
      <Curves runs={runs} x="epoch" label="epochs" />
      <Curves runs={runs} x="seconds" label="seconds of training" />
    </div>
  );
}
