/**
 * Test reconstruction error per pixel against the code size k, for the
 * trained autoencoder and for PCA with as many components: how much each
 * extra number of code buys, and where the non-linear model beats the linear
 * one. The x axis is log₂ k (1, 2, 4, …, 128), so each step doubles the code.
 *
 * For BCE the curve cannot reach 0: a grey pixel p has cross-entropy
 * −p log p − (1−p) log(1−p) > 0 even against itself, so the error of a
 * perfect reconstruction (the floor) is drawn as a line.
 */
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { formatRatio } from '../shared/format';
import { describeChart, EMPTY_ROWS, formatError, lastIndexOf, niceTicks, SERIES, type Row, type SeriesKey } from './error-vs-code-size';
import './charts.css';

export interface CodeSizePoint {
  codeSize: number;
  /** Test error per pixel of the autoencoder with this code size; null while not measured. */
  autoencoder: number | null;
  /** Test error per pixel of PCA with this many components; null while not measured. */
  pca: number | null;
}

export interface ErrorVsCodeSizeChartProps {
  points: CodeSizePoint[];
  /** Error of a perfect reconstruction (for BCE, the mean entropy of the test pixels). */
  floor?: number | null;
  metric: 'bce' | 'mse';
  /** The code size of the current model, marked on the chart and in the table. */
  highlight?: number;
  width?: number;
  height?: number;
}

const COLORS = { autoencoder: '#0072B2', pca: '#D55E00', floor: '#555', highlight: '#888' };
const PCA_DASH = '6 4';
const FONT = 12;
/** A generous width of one bold character at 12 px, to leave room for the direct labels. */
const CHAR_WIDTH = 7.8;
const MARGIN = { top: 22, bottom: 4, left: 4 };
const Y_AXIS_WIDTH = 62;
const X_AXIS_HEIGHT = 40;
const LABEL_GAP = 15;

function Marker({ kind, color }: { kind: SeriesKey; color: string }) {
  return (
    <svg width="26" height="12" aria-hidden="true">
      <line x1="0" y1="6" x2="26" y2="6" stroke={color} strokeWidth="2" strokeDasharray={kind === 'pca' ? PCA_DASH : undefined} />
      {kind === 'pca' ? (
        <rect x="9" y="2" width="8" height="8" fill="#fff" stroke={color} strokeWidth="2" />
      ) : (
        <circle cx="13" cy="6" r="4" fill={color} />
      )}
    </svg>
  );
}

interface DotProps {
  cx?: number;
  cy?: number;
  index: number;
  payload?: Row;
}

export function ErrorVsCodeSizeChart({ points, floor = null, metric, highlight, width = 480, height = 280 }: ErrorVsCodeSizeChartProps) {
  const metricName = metric.toUpperCase();
  const rows: Row[] = points
    .filter((p) => p.codeSize >= 1 && Number.isFinite(p.codeSize))
    .map((p) => ({ lk: Math.log2(p.codeSize), codeSize: p.codeSize, autoencoder: p.autoencoder, pca: p.pca }))
    .sort((a, b) => a.codeSize - b.codeSize);

  // x: log₂ k over at least 1…128, so the axis stays put while a sweep fills in.
  const xMin = Math.min(0, Math.floor(rows[0]?.lk ?? 0));
  const xMax = Math.max(7, Math.ceil(rows[rows.length - 1]?.lk ?? 7));
  const xTicks = Array.from({ length: xMax - xMin + 1 }, (_, i) => xMin + i);

  let yMaxValue = floor ?? 0;
  for (const r of rows) yMaxValue = Math.max(yMaxValue, r.autoencoder ?? 0, r.pca ?? 0);
  const { ticks: yTicks, decimals } = niceTicks(yMaxValue, 5);
  const yTop = yTicks[yTicks.length - 1];

  // Direct labels sit right of each series' last point. Leave room for them on
  // the right, and move the two apart when their points are close in height.
  const ends = SERIES.map(({ key, name }) => ({ key, name, index: lastIndexOf(rows, key) })).filter((e) => e.index >= 0);
  const lastLk = Math.max(xMin, ...ends.map((e) => rows[e.index].lk));
  const need = 16 + CHAR_WIDTH * Math.max(0, ...ends.map((e) => e.name.length));
  const span = width - MARGIN.left - Y_AXIS_WIDTH;
  const room = (xMax - lastLk) / (xMax - xMin); // fraction of the plot right of the last point
  const right = room >= 1 ? 16 : Math.max(16, Math.ceil((need - span * room) / (1 - room)));
  const plotHeight = height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT;
  const shift: Record<SeriesKey, number> = { autoencoder: 0, pca: 0 };
  if (ends.length === 2) {
    const [a, b] = ends.map((e) => ((rows[e.index][e.key] as number) / yTop) * plotHeight);
    if (Math.abs(a - b) < LABEL_GAP) {
      const push = (LABEL_GAP - Math.abs(a - b)) / 2;
      const upper = a >= b ? ends[0].key : ends[1].key;
      const lower = upper === 'autoencoder' ? 'pca' : 'autoencoder';
      shift[upper] = -push;
      shift[lower] = push;
    }
  }

  const dot =
    (key: SeriesKey, color: string) =>
    ({ cx, cy, index, payload }: DotProps) => {
      if (cx === undefined || cy === undefined || !payload || payload[key] === null) return <g key={`${key}-${index}`} />;
      const isEnd = ends.some((e) => e.key === key && e.index === index);
      return (
        <g key={`${key}-${index}`}>
          {payload.codeSize === highlight && <circle cx={cx} cy={cy} r={8.5} fill="none" stroke="#1a1a1a" strokeWidth={1.5} />}
          {key === 'pca' ? (
            <rect x={cx - 4} y={cy - 4} width={8} height={8} fill="#fff" stroke={color} strokeWidth={2} />
          ) : (
            <circle cx={cx} cy={cy} r={4.5} fill={color} stroke="#fff" strokeWidth={1} />
          )}
          {isEnd && (
            <text
              x={cx + 10}
              y={cy + shift[key]}
              dy="0.35em"
              fontSize={FONT}
              fontWeight={600}
              fill={color}
              stroke="#fff"
              strokeWidth={3}
              paintOrder="stroke"
            >
              {SERIES.find((s) => s.key === key)?.name}
            </text>
          )}
        </g>
      );
    };

  const label = describeChart(rows, metricName, floor, highlight);
  const highlightLk = highlight !== undefined && highlight >= 1 ? Math.log2(highlight) : null;
  const showHighlight = highlightLk !== null && highlightLk >= xMin && highlightLk <= xMax;

  return (
    <figure className="plot error-vs-code-size" aria-label={label}>
      {rows.length === 0 && <p className="empty plot-empty">No code sizes measured yet.</p>}
      <div aria-hidden="true">
        <LineChart
          width={width}
          height={height}
          data={rows.length > 0 ? rows : EMPTY_ROWS}
          margin={{ ...MARGIN, right }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e3e3" />
          <XAxis
            dataKey="lk"
            type="number"
            domain={[xMin, xMax]}
            ticks={xTicks}
            interval={0}
            height={X_AXIS_HEIGHT}
            tick={{ fontSize: FONT, fill: '#666' }}
            tickFormatter={(v: number) => String(2 ** v)}
            label={{ value: 'code size k (log scale)', position: 'insideBottom', offset: 0, fontSize: FONT, fill: '#444' }}
          />
          <YAxis
            type="number"
            domain={[0, yTop]}
            allowDataOverflow
            ticks={yTicks}
            interval={0}
            width={Y_AXIS_WIDTH}
            tick={{ fontSize: FONT, fill: '#666' }}
            tickFormatter={(v: number) => v.toFixed(decimals)}
            label={{
              value: `test ${metricName} per pixel`,
              angle: -90,
              position: 'insideLeft',
              offset: 6,
              fontSize: FONT,
              fill: '#444',
              style: { textAnchor: 'middle' },
            }}
          />
          {floor !== null && (
            <ReferenceLine
              y={floor}
              stroke={COLORS.floor}
              strokeDasharray="2 3"
              strokeWidth={1.5}
              label={{
                value: `perfect reconstruction (${metricName} floor ${formatError(floor)})`,
                position: 'insideBottomLeft',
                fontSize: 11,
                fill: '#444',
              }}
            />
          )}
          {showHighlight && (
            <ReferenceLine
              x={highlightLk}
              stroke={COLORS.highlight}
              strokeDasharray="4 3"
              label={{ value: `k = ${highlight}`, position: 'top', fontSize: 11, fill: '#444' }}
            />
          )}
          <Line
            dataKey="autoencoder"
            name="Autoencoder"
            stroke={COLORS.autoencoder}
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
            dot={dot('autoencoder', COLORS.autoencoder)}
            activeDot={false}
          />
          <Line
            dataKey="pca"
            name="PCA"
            stroke={COLORS.pca}
            strokeWidth={2}
            strokeDasharray={PCA_DASH}
            connectNulls
            isAnimationActive={false}
            dot={dot('pca', COLORS.pca)}
            activeDot={false}
          />
        </LineChart>
      </div>
      <ul className="plot-key" aria-hidden="true">
        {SERIES.map((s) => (
          <li key={s.key}>
            <Marker kind={s.key} color={COLORS[s.key]} />
            {s.name}
          </li>
        ))}
        {showHighlight && (
          <li>
            <svg width="20" height="12" aria-hidden="true">
              <circle cx="10" cy="6" r="5" fill="none" stroke="#1a1a1a" strokeWidth="1.5" />
            </svg>
            current k = {highlight}
          </li>
        )}
      </ul>
      {rows.length > 0 && (
        <details className="plot-numbers">
          <summary>Numbers</summary>
          <table>
            <caption className="sr-only">Test {metricName} per pixel for each code size k; ratio = autoencoder ÷ PCA</caption>
            <thead>
              <tr>
                <th scope="col">k</th>
                <th scope="col">Autoencoder</th>
                <th scope="col">PCA</th>
                <th scope="col" title="autoencoder error ÷ PCA error">
                  ratio
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.codeSize}
                  className={r.codeSize === highlight ? 'current' : undefined}
                  aria-current={r.codeSize === highlight ? 'true' : undefined}
                >
                  <th scope="row">{r.codeSize}</th>
                  <td>{r.autoencoder === null ? '—' : formatError(r.autoencoder)}</td>
                  <td>{r.pca === null ? '—' : formatError(r.pca)}</td>
                  <td>{r.autoencoder !== null && r.pca !== null && r.pca > 0 ? formatRatio(r.autoencoder / r.pca) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
