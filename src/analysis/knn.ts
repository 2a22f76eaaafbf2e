/**
 * Exact k-nearest neighbours among codes, by brute force in plain JS.
 *
 * Codes are n rows of `dim` numbers, row-major. Distances are Euclidean,
 * d(a, b) = √Σⱼ (aⱼ − bⱼ)². Brute force costs n·dim per query (n²·dim / 2
 * for every row's neighbours at once): about 10⁸ multiply-adds for 2,000
 * codes of size 32, well under a second, and exact, so results never depend
 * on a random index structure.
 */

/** The k nearest rows: indices and distances, nearest first. */
export interface Neighbours {
  indices: Uint32Array;
  distances: Float32Array;
}

/** Every row's k nearest other rows: n × k indices and distances, each row nearest first. */
export interface KnnGraph {
  n: number;
  k: number;
  indices: Uint32Array;
  distances: Float32Array;
}

/**
 * Offers (d², j) to a row's sorted list of the k best so far (squared
 * distances ascending). A candidate enters only if strictly nearer than the
 * current k-th, so among equal distances the one offered first (the smaller
 * index, as rows are scanned in order) is kept.
 */
function offer(best: Float64Array, ids: Uint32Array, base: number, k: number, d2: number, j: number): void {
  let p = base + k - 1;
  if (!(d2 < best[p])) return;
  while (p > base && best[p - 1] > d2) {
    best[p] = best[p - 1];
    ids[p] = ids[p - 1];
    p--;
  }
  best[p] = d2;
  ids[p] = j;
}

/**
 * The k rows of `codes` nearest to `query`, nearest first (ties: smaller
 * index first). `query` is either a row index, whose own row is then left
 * out of its neighbours, or a vector of length `dim`. Returns
 * min(k, available rows) neighbours.
 */
export function nearestNeighbours(codes: Float32Array, dim: number, query: number | Float32Array, k: number): Neighbours {
  const n = dim > 0 ? Math.floor(codes.length / dim) : 0;
  const self = typeof query === 'number' ? query : -1;
  if (self >= n) throw new RangeError(`row ${self} is out of range (${n} rows)`);
  let q: Float32Array;
  if (typeof query === 'number') q = codes.subarray(query * dim, query * dim + dim);
  else if (query.length !== dim) throw new RangeError(`query has ${query.length} values, codes have ${dim}`);
  else q = query;
  const kk = Math.max(0, Math.min(Math.floor(k), self >= 0 ? n - 1 : n));
  const best = new Float64Array(kk).fill(Infinity);
  const ids = new Uint32Array(kk);
  if (kk > 0) {
    for (let j = 0; j < n; j++) {
      if (j === self) continue;
      const o = j * dim;
      let s = 0;
      for (let t = 0; t < dim; t++) {
        const d = codes[o + t] - q[t];
        s += d * d;
      }
      offer(best, ids, 0, kk, s, j);
    }
  }
  const distances = new Float32Array(kk);
  for (let i = 0; i < kk; i++) distances[i] = Math.sqrt(best[i]);
  return { indices: ids, distances };
}

/**
 * Builds every row's k nearest other rows a few rows at a time, so that a
 * caller can pause between slices (to stay responsive or be cancelled).
 *
 * Each pair is measured once: processing row i measures d(i, j) for all
 * j > i and offers it to both rows' lists, which halves the work. Rows are
 * therefore complete only once every row has been processed.
 */
export class KnnGraphBuilder {
  readonly n: number;
  readonly k: number;
  private next = 0;
  private readonly best: Float64Array;
  private readonly ids: Uint32Array;

  constructor(
    private readonly codes: Float32Array,
    private readonly dim: number,
    k: number,
  ) {
    this.n = dim > 0 ? Math.floor(codes.length / dim) : 0;
    this.k = Math.max(0, Math.min(Math.floor(k), this.n - 1));
    this.best = new Float64Array(this.n * this.k).fill(Infinity);
    this.ids = new Uint32Array(this.n * this.k);
  }

  /** True once every row has been processed. */
  get done(): boolean {
    return this.next >= this.n || this.k === 0;
  }

  /**
   * Processes rows until roughly `pairs` pairs have been measured (at least
   * one row); returns whether the graph is complete.
   */
  advance(pairs = Infinity): boolean {
    const { codes, dim, n, k, best, ids } = this;
    if (k === 0) return true;
    let measured = 0;
    while (this.next < n && measured < pairs) {
      const i = this.next++;
      const oi = i * dim;
      const bi = i * k;
      for (let j = i + 1; j < n; j++) {
        const oj = j * dim;
        let s = 0;
        for (let t = 0; t < dim; t++) {
          const d = codes[oi + t] - codes[oj + t];
          s += d * d;
        }
        offer(best, ids, bi, k, s, j);
        offer(best, ids, j * k, k, s, i);
      }
      measured += n - 1 - i;
    }
    return this.done;
  }

  /** The finished graph (processes any rows left first). Distances are Euclidean, not squared. */
  result(): KnnGraph {
    this.advance();
    const distances = new Float32Array(this.best.length);
    for (let i = 0; i < distances.length; i++) distances[i] = Math.sqrt(this.best[i]);
    return { n: this.n, k: this.k, indices: this.ids, distances };
  }
}

/** Every row's min(k, n − 1) nearest other rows, in one call (see KnnGraphBuilder). */
export function knnGraph(codes: Float32Array, dim: number, k: number): KnnGraph {
  return new KnnGraphBuilder(codes, dim, k).result();
}

/**
 * How well codes keep digits apart: for each query row, the share of its k
 * nearest other rows that carry the same label, averaged over the queries
 * (all rows by default).
 *
 * `chance` is what random neighbours would score: a random other row shares
 * query q's label with probability (n_c − 1)/(n − 1), where n_c counts the
 * rows labelled c = label(q); averaged over the queries. Over all rows this
 * is Σ_c n_c(n_c − 1) / (n(n − 1)), close to Σ_c p_c² (0.1 for ten balanced
 * digits).
 */
export function retrievalPrecision(
  codes: Float32Array,
  labels: Uint8Array,
  dim: number,
  k = 8,
  queries?: number[],
): { precision: number; chance: number } {
  const n = labels.length;
  if (n < 2 || codes.length < n * dim) return { precision: NaN, chance: NaN };
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  const rows = codes.length === n * dim ? codes : codes.subarray(0, n * dim);
  let hits = 0;
  let chance = 0;
  let scored = 0;
  const score = (q: number, neighbours: Uint32Array, from: number, count: number) => {
    if (count === 0) return;
    let same = 0;
    for (let t = 0; t < count; t++) if (labels[neighbours[from + t]] === labels[q]) same++;
    hits += same / count;
    chance += ((counts.get(labels[q]) ?? 1) - 1) / (n - 1);
    scored++;
  };
  if (queries === undefined) {
    const graph = knnGraph(rows, dim, k);
    for (let q = 0; q < n; q++) score(q, graph.indices, q * graph.k, graph.k);
  } else {
    for (const q of queries) {
      const { indices } = nearestNeighbours(rows, dim, q, k);
      score(q, indices, 0, indices.length);
    }
  }
  return scored > 0 ? { precision: hits / scored, chance: chance / scored } : { precision: NaN, chance: NaN };
}
