/**
 * The loss chart's geometry, free of React: axis ticks, linear scales and
 * SVG path strings for a line, a band between two lines, and dots. A whole
 * curve is one path, so a redraw is a few string joins however many
 * batches the run has trained.
 */
import type { Bucket } from '../../shared/series';

/** A linear map from data to pixels. */
export interface Scale {
  (v: number): number;
  domain: [number, number];
}

export function linearScale([d0, d1]: [number, number], [r0, r1]: [number, number]): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((v: number) => r0 + (v - d0) * k) as Scale;
  scale.domain = [d0, d1];
  return scale;
}

/** The round step (1, 2 or 5 × a power of ten) nearest to splitting `span` into `count` parts. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m >= Math.sqrt(50) ? 10 : m >= Math.sqrt(10) ? 5 : m >= Math.SQRT2 ? 2 : 1) * power;
}

/**
 * About `count` round ticks covering [lo, hi], and the domain they span (lo
 * and hi widened to the ticks outside them). A flat range is widened so
 * that it still has an axis.
 */
export function niceTicks(lo: number, hi: number, count: number): { ticks: number[]; domain: [number, number]; step: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { ticks: [0, 1], domain: [0, 1], step: 1 };
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo, count);
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  // Rounded to the step's digits, so that 0.30000000000000004 reads 0.3.
  for (let i = first; i <= last; i++) ticks.push(+(i * step).toPrecision(12));
  return { ticks, domain: [ticks[0], ticks[ticks.length - 1]], step };
}

/** Decimals that a tick step needs: 0.025 → 3, 0.5 → 1, 20 → 0. */
export function decimalsOf(step: number): number {
  if (!(step > 0)) return 0;
  for (let d = 0; d < 8; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 8;
}

const num = (v: number) => (Math.round(v * 10) / 10).toString();

/** An SVG path through the points, broken where a value is not finite. */
export function linePath(xs: ArrayLike<number>, ys: ArrayLike<number>, sx: Scale, sy: Scale): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const y = ys[i];
    if (!Number.isFinite(y) || !Number.isFinite(xs[i])) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${num(sx(xs[i]))} ${num(sy(y))}`;
    pen = true;
  }
  return d;
}

/** The closed area between each bucket's least and greatest value (empty when every bucket is one point). */
export function bandPath(buckets: Bucket[], sx: Scale, sy: Scale): string {
  const shown = buckets.filter((b) => Number.isFinite(b.min));
  if (!shown.some((b) => b.count > 1)) return '';
  const top = shown.map((b, i) => `${i ? 'L' : 'M'}${num(sx(b.x))} ${num(sy(b.max))}`).join('');
  const bottom = shown
    .slice()
    .reverse()
    .map((b) => `L${num(sx(b.x))} ${num(sy(b.min))}`)
    .join('');
  return `${top}${bottom}Z`;
}

/** The index of the bucket whose x is nearest `x` (buckets in increasing x), or −1 if there are none. */
export function nearestIndex(xs: ArrayLike<number>, x: number): number {
  if (xs.length === 0) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  return Math.abs(xs[hi] - x) < Math.abs(xs[lo] - x) ? hi : lo;
}

/** Least and greatest finite values over several lists. */
export function extent(...lists: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return [lo, hi];
}
