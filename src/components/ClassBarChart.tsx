/**
 * One number per digit class 0–9 (the mean reconstruction error, say) as
 * bars in the digits' own colours, the ones of the latent space. Each bar is
 * named by its digit under it and its value over it, so the colour is never
 * the only way to tell them apart.
 *
 * Drawn as plain SVG: ten equal slots along a baseline, a bar in each rising
 * from 0 (there is no value axis; the printed values stand in for it), the
 * digit in bold under the slot and the value just above the bar.
 */
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

const MARGIN = { top: 8, right: 4, bottom: 0, left: 4 };
/** Room under the baseline for the digits. */
const X_AXIS_HEIGHT = 24;
/** The gap each side of a bar, as a fraction of its slot. */
const GAP = 0.18;

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
  const yTop = max > 0 ? max * 1.18 : 1;

  const title = label.charAt(0).toUpperCase() + label.slice(1);
  let summary = `${title} per digit: ${rows.map((r) => `${r.digit}: ${r.text}`).join(', ')}.`;
  if (known.length > 1) {
    const hi = known.reduce((a, b) => (b.value > a.value ? b : a));
    const lo = known.reduce((a, b) => (b.value < a.value ? b : a));
    summary += ` Highest for ${hi.digit} (${hi.text}), lowest for ${lo.digit} (${lo.text}).`;
  }

  const left = MARGIN.left;
  const top = MARGIN.top;
  const base = height - MARGIN.bottom - X_AXIS_HEIGHT;
  const slot = (width - MARGIN.right - left) / rows.length;
  const barWidth = slot * (1 - 2 * GAP);

  return (
    <figure className="plot class-bars" aria-label={summary}>
      <svg className="plot-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
        {rows.map((r, d) => {
          const h = (Math.max(0, r.value) / yTop) * (base - top);
          const x = left + d * slot + slot * GAP;
          const centre = left + (d + 0.5) * slot;
          return (
            <g key={r.digit}>
              <rect className="class-bar" x={x} y={base - h} width={barWidth} height={h} fill={DIGIT_COLORS[d]}>
                <title>{`${r.digit}: ${r.text}`}</title>
              </rect>
              <text className="class-value" x={centre} y={base - h - 5} textAnchor="middle" fontSize={11} fill="#333">
                {r.text}
              </text>
              <text x={centre} y={base + 8} dy="0.71em" textAnchor="middle" fontSize={14} fontWeight={700} fill="#1a1a1a">
                {r.digit}
              </text>
            </g>
          );
        })}
        <line x1={left} x2={width - MARGIN.right} y1={base} y2={base} stroke="#666" />
      </svg>
      <figcaption>{label} per digit</figcaption>
    </figure>
  );
}
