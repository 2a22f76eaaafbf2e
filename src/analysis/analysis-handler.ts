/**
 * What the analysis worker does with each request, apart from the worker
 * itself so that it runs (and is tested) in plain Node: replies go to a
 * `post` function and whether a request is still wanted is asked of
 * `isCurrent`.
 */
import { clusterMajorities, kMeans, purity } from './kmeans';
import type { AnalysisReply, AnalysisRequest } from './protocol';
import { UMAP_PROGRESS_MS } from './protocol';
import { embedUmap } from './umap';

/** Sends a reply, transferring the listed buffers. */
export type PostReply = (reply: AnalysisReply, transfer: Transferable[]) => void;

export interface HandlerOptions {
  /** Clock in milliseconds (default performance.now). */
  now?(): number;
  /** How a long job pauses so that newer messages can be read (default: a zero-delay timeout). */
  yieldNow?(): Promise<void>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Tracks which requests are still wanted: each 'umap' or 'kmeans' request
 * from its arrival until it finishes, except that a newer 'umap' request
 * drops the older one and 'cancel' drops the one it names. Call `receive`
 * as each message arrives (before handling it) and `finish` when it is done.
 */
export class RequestTracker {
  private readonly active = new Set<number>();
  private umapId: number | null = null;

  receive(request: AnalysisRequest): void {
    if (request.type === 'cancel') {
      this.active.delete(request.id);
      return;
    }
    if (request.type === 'umap') {
      if (this.umapId !== null) this.active.delete(this.umapId);
      this.umapId = request.id;
    }
    this.active.add(request.id);
  }

  readonly isCurrent = (id: number): boolean => this.active.has(id);

  finish(id: number): void {
    this.active.delete(id);
    if (this.umapId === id) this.umapId = null;
  }
}

/**
 * Handles one request and posts its replies:
 *  - 'umap': 'umap-progress' at most every UMAP_PROGRESS_MS, then 'umap-done';
 *    once `isCurrent(id)` turns false the embedding stops at its next pause
 *    and nothing more is posted.
 *  - 'kmeans': one 'kmeans-done', with purity and cluster majorities when
 *    labels came with it.
 *  - a failure: 'error' with its message (unless the request is no longer wanted).
 * Typed arrays in replies are transferred. 'cancel' is the tracker's business
 * and is ignored here.
 */
export async function handleAnalysisRequest(
  request: AnalysisRequest,
  post: PostReply,
  isCurrent: (id: number) => boolean,
  options: HandlerOptions = {},
): Promise<void> {
  if (request.type === 'cancel' || !isCurrent(request.id)) return;
  const { id } = request;
  const now = options.now ?? (() => performance.now());
  try {
    if (request.type === 'umap') {
      let lastProgress = -Infinity;
      const points = await embedUmap(request.codes, request.n, request.dim, {
        seed: request.seed,
        nNeighbors: request.nNeighbors,
        minDist: request.minDist,
        epochs: request.epochs,
        now,
        yieldNow: options.yieldNow,
        shouldStop: () => !isCurrent(id),
        onProgress(epoch, total, layout) {
          const t = now();
          if (t - lastProgress < UMAP_PROGRESS_MS) return;
          lastProgress = t;
          post({ type: 'umap-progress', id, epoch, total, points: layout }, [layout.buffer]);
        },
      });
      if (isCurrent(id)) post({ type: 'umap-done', id, points }, [points.buffer]);
      return;
    }
    const { data, n, dim, k, seed, labels, maxIterations } = request;
    const result = kMeans(data, n, dim, k, seed, maxIterations);
    if (!isCurrent(id)) return;
    const reply: AnalysisReply = { type: 'kmeans-done', id, ...result };
    if (labels) {
      reply.purity = purity(result.assignments, labels, k);
      reply.majorities = clusterMajorities(result.assignments, labels, k);
    }
    post(reply, [result.assignments.buffer, result.centroids.buffer]);
  } catch (error) {
    if (isCurrent(id)) post({ type: 'error', id, message: messageOf(error) }, []);
  }
}
