/**
 * The typed messages between the page and the analysis worker, which runs
 * the analyses of codes (UMAP, k-means, nearest neighbours, the Gaussian fit)
 * off the main thread. Only plain
 * data crosses: numbers and typed arrays, the arrays transferred where
 * possible. Every request carries an `id` chosen by the page, and every reply
 * the id of its request, so that the page can drop replies it no longer
 * wants.
 *
 * A newer 'umap' request supersedes an older one: the worker stops the old
 * one at its next pause and never answers it. 'cancel' stops a request the
 * same way.
 */

export type AnalysisRequest =
  /** Embed n codes of `dim` values (row-major) in the plane. */
  | {
      type: 'umap';
      id: number;
      codes: Float32Array;
      n: number;
      dim: number;
      seed: number;
      nNeighbors?: number;
      minDist?: number;
      epochs?: number;
    }
  /**
   * Cluster n rows of `dim` values (bytes read as value / 255) into k groups.
   * With `labels`, the reply also says how well the clusters match them.
   */
  | {
      type: 'kmeans';
      id: number;
      data: Float32Array | Uint8Array;
      n: number;
      dim: number;
      k: number;
      seed: number;
      labels?: Uint8Array;
      maxIterations?: number;
    }
  /** The k rows of `codes` (row-major, `dim` values each) nearest to row `query`, which is left out. */
  | { type: 'neighbours'; id: number; codes: Float32Array; dim: number; query: number; k: number }
  /**
   * Precision@k over `queries` query rows spread evenly over the
   * labels.length rows of `codes`: how often a query's k nearest other rows
   * share its label, against what random picks would give.
   */
  | { type: 'retrieval-precision'; id: number; codes: Float32Array; labels: Uint8Array; dim: number; k: number; queries: number }
  /**
   * Fit a Gaussian N(mean, covariance) to n codes of `dim` values and draw
   * `count` samples from it with createRng(seed).
   */
  | { type: 'gaussian-samples'; id: number; codes: Float32Array; n: number; dim: number; count: number; seed: number }
  | { type: 'cancel'; id: number };

export type AnalysisReply =
  /** The layout so far (n × 2), sent at most every UMAP_PROGRESS_MS. */
  | { type: 'umap-progress'; id: number; epoch: number; total: number; points: Float32Array }
  | { type: 'umap-done'; id: number; points: Float32Array }
  | {
      type: 'kmeans-done';
      id: number;
      /** Cluster of each row. */
      assignments: Uint8Array | Uint16Array;
      /** k × dim. */
      centroids: Float32Array;
      iterations: number;
      inertia: number;
      /** Share of rows whose cluster's majority label is their own (when labels were sent). */
      purity?: number;
      /** Each cluster's most common label, −1 if empty (when labels were sent). */
      majorities?: number[];
    }
  /** The neighbours, nearest first (ties: smaller index first), with their Euclidean distances. */
  | { type: 'neighbours-done'; id: number; indices: Uint32Array; distances: Float32Array }
  | { type: 'retrieval-precision-done'; id: number; precision: number; chance: number; queries: number }
  /** count × dim samples, row-major. */
  | { type: 'gaussian-samples-done'; id: number; samples: Float32Array }
  | { type: 'error'; id: number; message: string };

/** Least time between two 'umap-progress' replies: at most four a second. */
export const UMAP_PROGRESS_MS = 250;
