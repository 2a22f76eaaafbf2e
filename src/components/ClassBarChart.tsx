/**
 * One number per digit class 0–9 (the mean reconstruction error, say) as
 * bars in the digits' own colours, the ones of the latent space. Each bar is
 * named by its digit under it and its value over it, so the colour is never
 * the only way to tell them apart.
 */
import { Bar, BarChart, XAxis, YAxis } from 'recharts';
import { DIGIT_COLORS } from '../shared/digit-colors';
import './charts.css';

export interface ClassBarChartProps {
  /** One value per digit 0–9; NaN for a digit with no items. */
  values: number[];
  /** What the values are, e.g. 'mean error'. */
  label: string;
  format?: (v: number) => string;
  width?: number;
  height?: number;
}

/**
 * One number of decimals for all bars, enough for three significant digits
 * of the largest: 0.120 0.081 0.032, or 312 45 7.
 */
function formatFor(max: number): (v: number) => string {
  const decimals = max > 0 && Number.isFinite(max) ? Math.min(6, Math.max(0, 2 - Math.floor(Math.log10(max)))) : 3;
  return (v) => v.toFixed(decimals);
}

interface Row {
  digit: string;
  value: number;
  text: string;
}

interface ValueLabelProps {
  x?: number | string;
  y?: number | string;
  width?: number | string;
  index?: number;
}

interface BarShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  index: number;
}

export function ClassBarChart({ values, label, format, width = 420, height = 220 }: ClassBarChartProps) {
  const isKnown = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  const write = format ?? formatFor(Math.max(0, ...values.slice(0, 10).filter(isKnown).map(Math.abs)));
  const rows: Row[] = Array.from({ length: 10 }, (_, d) => {
    const v = values[d];
    return isKnown(v) ? { digit: String(d), value: v, text: write(v) } : { digit: String(d), value: 0, text: '—' };
  });
  const known = rows.filter((r) => r.text !== '—');
  const max = known.reduce((m, r) => Math.max(m, r.value), 0);
  // Headroom above the tallest bar for its printed value.
  const top = max > 0 ? max * 1.18 : 1;

  const title = label.charAt(0).toUpperCase() + label.slice(1);
  let summary = `${title} per digit: ${rows.map((r) => `${r.digit}: ${r.text}`).join(', ')}.`;
  if (known.length > 1) {
    const hi = known.reduce((a, b) => (b.value > a.value ? b : a));
    const lo = known.reduce((a, b) => (b.value < a.value ? b : a));
    summary += ` Highest for ${hi.digit} (${hi.text}), lowest for ${lo.digit} (${lo.text}).`;
  }

  const renderBar = ({ x = 0, y = 0, width: w = 0, height: h = 0, index }: BarShapeProps) => (
    <rect className="class-bar" x={x} y={y} width={w} height={Math.max(0, h)} fill={DIGIT_COLORS[index % 10]} />
  );
  const renderValue = ({ x = 0, y = 0, width: w = 0, index = 0 }: ValueLabelProps) => (
    <text x={Number(x) + Number(w) / 2} y={Number(y) - 5} textAnchor="middle" fontSize={11} fill="#333" className="class-value">
      {rows[index]?.text}
    </text>
  );

  return (
    <figure className="plot class-bars" aria-label={summary}>
      <div aria-hidden="true">
        <BarChart
          width={width}
          height={height}
          data={rows}
          margin={{ top: 8, right: 4, bottom: 0, left: 4 }}
          barCategoryGap="18%"
          accessibilityLayer={false}
        >
          <XAxis
            dataKey="digit"
            interval={0}
            tickLine={false}
            height={24}
            tick={{ fontSize: 14, fontWeight: 700, fill: '#1a1a1a' }}
          />
          <YAxis hide domain={[0, top]} />
          <Bar dataKey="value" isAnimationActive={false} shape={renderBar} label={renderValue} />
        </BarChart>
      </div>
      <figcaption>{label} per digit</figcaption>
    </figure>
  );
}
