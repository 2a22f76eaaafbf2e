/**
 * The plain data of the error-against-code-size chart: how errors are
 * written, the y axis's ticks, the rows the chart draws and the sentence
 * that describes it to a screen reader.
 */

/** Errors as the page writes them: 0.257, 0.057, 0.0043. */
export function formatError(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) >= 0.01 ? v.toFixed(3) : v.toPrecision(2);
}

/** Ticks from 0 to a round number at or above max, about `count` of them. */
export function niceTicks(max: number, count: number): { ticks: number[]; decimals: number } {
  if (!(max > 0) || !Number.isFinite(max)) return { ticks: [0, 0.1, 0.2, 0.3], decimals: 1 };
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * magnitude;
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) decimals++;
  const n = Math.ceil(max / step - 1e-9);
  const ticks = Array.from({ length: n + 1 }, (_, i) => Number((i * step).toFixed(decimals)));
  return { ticks, decimals };
}

export interface Row {
  lk: number;
  codeSize: number;
  autoencoder: number | null;
  pca: number | null;
}

/** A row without values, so that an empty chart still draws its axes. */
export const EMPTY_ROWS: Row[] = [{ lk: 0, codeSize: 1, autoencoder: null, pca: null }];

export type SeriesKey = 'autoencoder' | 'pca';
export const SERIES: { key: SeriesKey; name: string }[] = [
  { key: 'autoencoder', name: 'Autoencoder' },
  { key: 'pca', name: 'PCA' },
];

export function lastIndexOf(rows: Row[], key: SeriesKey): number {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i][key] !== null) return i;
  return -1;
}

function best(rows: Row[], key: SeriesKey): Row | null {
  let out: Row | null = null;
  for (const r of rows) {
    const v = r[key];
    if (v !== null && (out === null || v < (out[key] as number))) out = r;
  }
  return out;
}

export function describeChart(rows: Row[], metric: string, floor: number | null, highlight: number | undefined): string {
  const measured = rows.filter((r) => r.autoencoder !== null || r.pca !== null);
  const head = `Test ${metric} per pixel against code size k`;
  if (measured.length === 0) return `${head}: no code sizes measured yet.`;
  const ks = measured.map((r) => r.codeSize);
  const parts = [
    measured.length === 1
      ? `${head}, measured at k = ${ks[0]} only so far.`
      : `${head}, ${measured.length} sizes from k = ${ks[0]} to ${ks[ks.length - 1]}.`,
  ];
  const value = (v: number | null) => (v === null ? 'not measured' : formatError(v));
  const current = highlight === undefined ? undefined : rows.find((r) => r.codeSize === highlight);
  if (current) parts.push(`At k = ${current.codeSize}: autoencoder ${value(current.autoencoder)}, PCA ${value(current.pca)}.`);
  const lows = SERIES.map(({ key, name }) => {
    const r = best(rows, key);
    return r ? `${key === 'pca' ? name : name.toLowerCase()} ${formatError(r[key] as number)} at k = ${r.codeSize}` : null;
  }).filter((s): s is string => s !== null);
  parts.push(`Lowest: ${lows.join('; ')}.`);
  if (floor !== null) parts.push(`Perfect reconstruction (${metric} floor): ${formatError(floor)}.`);
  return parts.join(' ');
}
