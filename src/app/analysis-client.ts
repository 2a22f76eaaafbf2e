/**
 * The page's side of the analysis worker: promises for UMAP, k-means,
 * nearest neighbours, retrieval precision and samples of a fitted Gaussian.
 *
 * The worker starts on the first request (most visits never ask for an
 * analysis). One 'message' listener, registered with the worker, routes
 * replies by request id; a reply whose id is no longer pending (superseded,
 * cancelled, disposed) is dropped. Only one UMAP runs at a time: a new one
 * rejects the previous promise with an AbortError and the worker stops the
 * old embedding at its next pause.
 */
import type { AnalysisReply, AnalysisRequest } from '../analysis/protocol';

type ReplyOf<T extends AnalysisReply['type']> = Extract<AnalysisReply, { type: T }>;

/** What k-means returns: the clusters, and their agreement with labels when labels were sent. */
export type KMeansOutcome = Omit<ReplyOf<'kmeans-done'>, 'type' | 'id'>;

/** A query's nearest rows, nearest first, and their distances. */
export type NeighboursOutcome = Omit<ReplyOf<'neighbours-done'>, 'type' | 'id'>;

/** Precision@k over the queries, what random picks would score, and how many queries were scored. */
export type PrecisionOutcome = Omit<ReplyOf<'retrieval-precision-done'>, 'type' | 'id'>;

export interface UmapRequestOptions {
  nNeighbors?: number;
  minDist?: number;
  epochs?: number;
  /**
   * Transfer the codes' buffer instead of copying it; the caller's array is
   * then unusable (and so is any other view of the same buffer).
   */
  transfer?: boolean;
}

export type UmapProgress = (points: Float32Array, epoch: number, total: number) => void;

interface Pending {
  resolve(reply: AnalysisReply): void;
  reject(error: Error): void;
  onProgress?: UmapProgress;
}

function abortError(message: string): Error {
  return new DOMException(message, 'AbortError');
}

/** True for the rejection of a superseded, cancelled or disposed request. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function unexpected(reply: AnalysisReply): Promise<never> {
  return Promise.reject(new Error(`unexpected reply ${reply.type}`));
}

function createAnalysisWorker(): Worker {
  return new Worker(new URL('../analysis/analysis.worker.ts', import.meta.url), { type: 'module' });
}

export class AnalysisClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private umapId: number | null = null;
  private readonly pending = new Map<number, Pending>();

  /** `createWorker` is for tests; the page uses the real worker. */
  constructor(private readonly createWorker: () => Worker = createAnalysisWorker) {}

  /**
   * Embeds n codes of `dim` values in the plane; resolves to n × 2 positions.
   * `onProgress` receives the layout as it forms (a few times a second).
   * Rejects with an AbortError when a newer UMAP, `cancelUmap` or `dispose`
   * comes first.
   */
  umap(
    codes: Float32Array,
    n: number,
    dim: number,
    seed: number,
    onProgress?: UmapProgress,
    options: UmapRequestOptions = {},
  ): Promise<Float32Array> {
    this.drop(this.umapId, 'A newer embedding replaced this one.');
    const id = this.nextId++;
    this.umapId = id;
    const { transfer, ...settings } = options;
    const reply = this.request(
      { type: 'umap', id, codes, n, dim, seed, ...settings },
      transfer ? [codes.buffer as ArrayBuffer] : [],
      onProgress,
    );
    return reply.then((r) => (r.type === 'umap-done' ? r.points : unexpected(r)));
  }

  /** Stops the running UMAP, if any (its promise rejects with an AbortError). */
  cancelUmap(): void {
    const id = this.umapId;
    if (id === null) return;
    this.drop(id, 'The embedding was cancelled.');
    this.worker?.postMessage({ type: 'cancel', id } satisfies AnalysisRequest);
  }

  /**
   * Clusters n rows of `dim` values (bytes read as value / 255) into k
   * groups, seeded; with `labels`, also reports purity and each cluster's
   * majority label. The data are copied to the worker, not transferred.
   */
  kmeans(data: Float32Array | Uint8Array, n: number, dim: number, k: number, seed: number, labels?: Uint8Array): Promise<KMeansOutcome> {
    const id = this.nextId++;
    return this.request({ type: 'kmeans', id, data, n, dim, k, seed, labels }, []).then((r) => {
      if (r.type !== 'kmeans-done') return unexpected(r);
      const { assignments, centroids, iterations, inertia, purity, majorities } = r;
      return { assignments, centroids, iterations, inertia, ...(purity === undefined ? {} : { purity, majorities }) };
    });
  }

  /**
   * The k rows of `codes` (`dim` values each) nearest to row `query`, which
   * is left out; nearest first. The codes are copied to the worker.
   */
  neighbours(codes: Float32Array, dim: number, query: number, k: number): Promise<NeighboursOutcome> {
    const id = this.nextId++;
    return this.request({ type: 'neighbours', id, codes, dim, query, k }, []).then((r) =>
      r.type === 'neighbours-done' ? { indices: r.indices, distances: r.distances } : unexpected(r),
    );
  }

  /**
   * Precision@k of the codes over `queries` query rows spread evenly over
   * the labelled rows, and what random picks would score. The codes and
   * labels are copied to the worker.
   */
  retrievalPrecision(codes: Float32Array, labels: Uint8Array, dim: number, k: number, queries: number): Promise<PrecisionOutcome> {
    const id = this.nextId++;
    return this.request({ type: 'retrieval-precision', id, codes, labels, dim, k, queries }, []).then((r) =>
      r.type === 'retrieval-precision-done' ? { precision: r.precision, chance: r.chance, queries: r.queries } : unexpected(r),
    );
  }

  /**
   * `count` samples (count × dim) of a Gaussian fitted to n codes of `dim`
   * values, drawn with createRng(seed). The codes are copied to the worker.
   */
  gaussianSamples(codes: Float32Array, n: number, dim: number, count: number, seed: number): Promise<Float32Array> {
    const id = this.nextId++;
    return this.request({ type: 'gaussian-samples', id, codes, n, dim, count, seed }, []).then((r) =>
      r.type === 'gaussian-samples-done' ? r.samples : unexpected(r),
    );
  }

  /** Stops the worker; pending promises reject with an AbortError. A later request starts a new worker. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.umapId = null;
    this.rejectAll(abortError('The analysis worker was stopped.'));
  }

  private request(message: AnalysisRequest, transfer: Transferable[], onProgress?: UmapProgress): Promise<AnalysisReply> {
    const worker = this.ensureWorker();
    return new Promise<AnalysisReply>((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject, onProgress });
      worker.postMessage(message, transfer);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.addEventListener('message', this.onMessage);
    worker.addEventListener('error', this.onError);
    this.worker = worker;
    return worker;
  }

  private readonly onMessage = (event: MessageEvent<AnalysisReply>): void => {
    const reply = event.data;
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.type === 'umap-progress') {
      pending.onProgress?.(reply.points, reply.epoch, reply.total);
      return;
    }
    this.pending.delete(reply.id);
    if (this.umapId === reply.id) this.umapId = null;
    if (reply.type === 'error') pending.reject(new Error(reply.message));
    else pending.resolve(reply);
  };

  /** The worker failed to load or threw outside a request: nothing pending will be answered. */
  private readonly onError = (event: ErrorEvent): void => {
    this.worker?.terminate();
    this.worker = null;
    this.umapId = null;
    this.rejectAll(new Error(`analysis worker failed: ${event.message || 'could not start'}`));
  };

  private drop(id: number | null, reason: string): void {
    if (id === null) return;
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (this.umapId === id) this.umapId = null;
    pending?.reject(abortError(reason));
  }

  private rejectAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }
}
