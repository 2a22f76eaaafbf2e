/**
 * UMAP of codes to two dimensions, with umap-js doing the embedding and this
 * module making it seeded, exact and interruptible.
 *
 * UMAP (McInnes, Healy & Melville, 2018) builds a weighted graph of each
 * point's nearest neighbours — the weight of edge i→j is
 * exp(−(d(i, j) − ρᵢ)/σᵢ), ρᵢ being the distance to i's nearest neighbour and
 * σᵢ chosen so the weights of i's edges sum to log₂ k — symmetrised by the
 * fuzzy union w + wᵀ − w∘wᵀ. It then lays points out in the plane by
 * stochastic gradient descent on the cross-entropy between that graph and
 * the low-dimensional similarities 1 / (1 + a·‖yᵢ − yⱼ‖^(2b)): neighbours
 * attract, randomly sampled non-neighbours repel. Local structure (which
 * codes are near which) survives; distances between far clusters mean
 * little.
 *
 * Here the neighbours are found exactly (./knn) rather than by umap-js's
 * approximate NN-descent, in slices between which the caller may stop, and
 * every random choice (initial layout, negative samples) comes from
 * `createRng(seed)`, so the same codes and seed give the same picture.
 */
import { UMAP } from 'umap-js';
import { createRng } from '../shared/rng';
import { KnnGraphBuilder } from './knn';

export interface UmapOptions {
  /** Seeds the initial layout and the negative sampling. */
  seed: number;
  /** Neighbourhood size, counting the point itself as umap-js does (default 15; at most n − 1). */
  nNeighbors?: number;
  /** How tightly points may pack in the plane (default 0.1). */
  minDist?: number;
  /**
   * Optimisation epochs (default 200, umap-learn's choice for large data
   * sets; umap-js would take 500 below 2,500 points). On 2,000 codes of
   * MNIST-like structure, 500 epochs raised 8-neighbour label agreement in
   * the plane only from 0.67 to 0.70, at 2.5 times the cost.
   */
  epochs?: number;
  /** Called between slices of the optimisation with the layout so far (n × 2, a fresh array); the finished layout is the result instead. */
  onProgress?(epoch: number, total: number, points: Float32Array): void;
  /** Asked between slices; true stops the run, which then rejects with an AbortError. */
  shouldStop?(): boolean;
  /** Milliseconds of work between pauses (default 30). */
  yieldEveryMs?: number;
  /** How to pause (default: a zero-delay timeout, which lets queued messages run). */
  yieldNow?(): Promise<void>;
  /** Clock in milliseconds (default performance.now). */
  now?(): number;
}

const DEFAULT_NEIGHBOURS = 15;
const DEFAULT_MIN_DIST = 0.1;
const DEFAULT_EPOCHS = 200;
/** Pairs measured between clock checks while finding neighbours. */
const PAIRS_PER_CHECK = 20_000;

function abortError(): Error {
  return new DOMException('The embedding was stopped.', 'AbortError');
}

function toPoints(embedding: number[][], n: number): Float32Array {
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[i * 2] = embedding[i][0];
    out[i * 2 + 1] = embedding[i][1];
  }
  return out;
}

/**
 * Embeds n codes of `dim` values (row-major) in the plane; resolves to
 * n × 2 positions (row-major). Degenerate inputs get a layout without
 * UMAP: no points, one point at the origin, two points at (∓1, 0), codes of
 * a single unit placed on the x-axis at their value, and identical codes all
 * at the origin. With n ≤ nNeighbors the neighbourhood shrinks to n − 1.
 * Codes that are not all finite (a diverged model) are refused with a
 * RangeError.
 *
 * Work is done in slices of about `yieldEveryMs`, with a pause between
 * slices; `shouldStop` is asked after each pause. The result does not depend
 * on where the slices fall.
 */
export async function embedUmap(codes: Float32Array, n: number, dim: number, options: UmapOptions): Promise<Float32Array> {
  const now = options.now ?? (() => performance.now());
  const yieldNow = options.yieldNow ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const sliceMs = options.yieldEveryMs ?? 30;
  const pause = async () => {
    await yieldNow();
    if (options.shouldStop?.()) throw abortError();
  };
  if (options.shouldStop?.()) throw abortError();
  if (codes.length < n * dim) throw new RangeError(`codes have ${codes.length} values, ${n} × ${dim} expected`);
  for (let i = 0; i < n * dim; i++) {
    if (!Number.isFinite(codes[i])) throw new RangeError('codes contain NaN or infinite values');
  }

  if (n === 0) return new Float32Array(0);
  if (n === 1) return new Float32Array(2);
  if (n === 2) return Float32Array.of(-1, 0, 1, 0);
  if (dim < 2) {
    const out = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) out[i * 2] = dim === 1 ? codes[i] : 0;
    return out;
  }
  let identical = true;
  for (let i = dim; i < n * dim && identical; i++) identical = codes[i] === codes[i % dim];
  if (identical) return new Float32Array(n * 2);

  // Exact neighbours, a slice at a time.
  const nNeighbors = Math.max(2, Math.min(Math.floor(options.nNeighbors ?? DEFAULT_NEIGHBOURS), n - 1));
  const rows = codes.subarray(0, n * dim);
  const builder = new KnnGraphBuilder(rows, dim, nNeighbors - 1);
  let sliceStart = now();
  while (!builder.advance(PAIRS_PER_CHECK)) {
    if (now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = now();
    }
  }
  const graph = builder.result();
  // umap-js expects each point to be its own first neighbour, at distance 0.
  const knnIndices: number[][] = [];
  const knnDistances: number[][] = [];
  for (let i = 0; i < n; i++) {
    const indices = [i];
    const distances = [0];
    for (let t = 0; t < graph.k; t++) {
      indices.push(graph.indices[i * graph.k + t]);
      distances.push(graph.distances[i * graph.k + t]);
    }
    knnIndices.push(indices);
    knnDistances.push(distances);
  }
  await pause();

  const umap = new UMAP({
    nComponents: 2,
    nNeighbors,
    minDist: options.minDist ?? DEFAULT_MIN_DIST,
    nEpochs: Math.max(1, Math.floor(options.epochs ?? DEFAULT_EPOCHS)),
    random: createRng(options.seed),
  });
  umap.setPrecomputedKNN(knnIndices, knnDistances);
  const vectors: number[][] = [];
  for (let i = 0; i < n; i++) vectors.push(Array.from(rows.subarray(i * dim, i * dim + dim)));
  const total = umap.initializeFit(vectors);

  let epoch = 0;
  while (epoch < total) {
    await pause();
    sliceStart = now();
    do epoch = umap.step();
    while (epoch < total && now() - sliceStart < sliceMs);
    if (epoch < total) options.onProgress?.(epoch, total, toPoints(umap.getEmbedding(), n));
  }
  return toPoints(umap.getEmbedding(), n);
}
