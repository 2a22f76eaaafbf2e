/**
 * What the analysis worker does with each request, apart from the worker
 * itself so that it runs (and is tested) in plain Node: replies go to a
 * `post` function and whether a request is still wanted is asked of
 * `isCurrent`.
 */
import { fitGaussian, sampleGaussian } from './gaussian';
import { clusterMajorities, kMeans, purity } from './kmeans';
import { nearestNeighbours } from './knn';
import type { AnalysisReply, AnalysisRequest } from './protocol';
import { UMAP_PROGRESS_MS } from './protocol';
import { precisionOverQueries } from './retrieval';
import { embedUmap } from './umap';
import { createRng } from '../shared/rng';

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
 * Tracks which requests are still wanted: each request (but 'cancel') from
 * its arrival until it finishes, except that a newer 'umap' request
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
 *  - 'neighbours': one 'neighbours-done'.
 *  - 'retrieval-precision': one 'retrieval-precision-done', measured a few
 *    queries at a time with a pause in between; it stops at a pause once
 *    `isCurrent(id)` turns false.
 *  - 'gaussian-samples': one 'gaussian-samples-done'.
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
  const answer = (reply: AnalysisReply, transfer: Transferable[]) => {
    if (isCurrent(id)) post(reply, transfer);
  };
  try {
    switch (request.type) {
      case 'umap':
        return await umap(request, post, isCurrent, options);
      case 'kmeans': {
        const { data, n, dim, k, seed, labels, maxIterations } = request;
        const result = kMeans(data, n, dim, k, seed, maxIterations);
        const reply: AnalysisReply = { type: 'kmeans-done', id, ...result };
        if (labels) {
          reply.purity = purity(result.assignments, labels, k);
          reply.majorities = clusterMajorities(result.assignments, labels, k);
        }
        return answer(reply, [result.assignments.buffer, result.centroids.buffer]);
      }
      case 'neighbours': {
        const { indices, distances } = nearestNeighbours(request.codes, request.dim, request.query, request.k);
        return answer({ type: 'neighbours-done', id, indices, distances }, [indices.buffer, distances.buffer]);
      }
      case 'retrieval-precision': {
        const { codes, labels, dim, k, queries } = request;
        const result = await precisionOverQueries(codes, labels, dim, k, queries, {
          yieldNow: options.yieldNow,
          shouldStop: () => !isCurrent(id),
        });
        return result ? answer({ type: 'retrieval-precision-done', id, ...result }, []) : undefined;
      }
      case 'gaussian-samples': {
        const { codes, n, dim, count, seed } = request;
        const samples = sampleGaussian(fitGaussian(codes, n, dim), count, createRng(seed));
        return answer({ type: 'gaussian-samples-done', id, samples }, [samples.buffer]);
      }
    }
  } catch (error) {
    answer({ type: 'error', id, message: messageOf(error) }, []);
  }
}

/** Embeds the codes, posting progress while the request is current and the layout at the end. */
async function umap(
  request: Extract<AnalysisRequest, { type: 'umap' }>,
  post: PostReply,
  isCurrent: (id: number) => boolean,
  options: HandlerOptions,
): Promise<void> {
  const { id } = request;
  const now = options.now ?? (() => performance.now());
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
}
