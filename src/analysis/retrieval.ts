/**
 * Retrieval precision measured over a set of query rows, a few queries at a
 * time so that the analysis worker can read newer messages in between (and
 * drop a request nobody wants any more).
 */
import { retrievalPrecision } from './knn';

/** What precision@k came to over the queries, and what random picks would score. */
export interface PrecisionOverQueries {
  precision: number;
  chance: number;
  /** How many queries were scored. */
  queries: number;
}

export interface PrecisionOptions {
  /** Queries per slice of work (default 16). */
  slice?: number;
  /** The pause between two slices (default: a zero-delay timeout). */
  yieldNow?(): Promise<void>;
  /** Asked after each pause; true stops the work (the promise then resolves to null). */
  shouldStop?(): boolean;
}

/** min(count, n) query rows spread evenly over n rows: ⌊i·n / m⌋ for i < m. */
export function spreadQueries(n: number, count: number): number[] {
  const m = Math.max(0, Math.min(count, n));
  return Array.from({ length: m }, (_, i) => Math.floor((i * n) / m));
}

/**
 * Precision@k (see retrievalPrecision) over `count` queries spread evenly
 * over the rows, measured slice by slice. Each slice's precision and chance
 * are weighted by its number of queries, so the result is their mean over
 * all queries. Resolves to null when `shouldStop` says so.
 */
export async function precisionOverQueries(
  codes: Float32Array,
  labels: Uint8Array,
  dim: number,
  k: number,
  count: number,
  options: PrecisionOptions = {},
): Promise<PrecisionOverQueries | null> {
  const slice = Math.max(1, options.slice ?? 16);
  const yieldNow = options.yieldNow ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const queries = spreadQueries(labels.length, count);
  let precision = 0;
  let chance = 0;
  for (let s = 0; s < queries.length; s += slice) {
    const part = queries.slice(s, s + slice);
    const r = retrievalPrecision(codes, labels, dim, k, part);
    precision += r.precision * part.length;
    chance += r.chance * part.length;
    await yieldNow();
    if (options.shouldStop?.()) return null;
  }
  return { precision: precision / queries.length, chance: chance / queries.length, queries: queries.length };
}
