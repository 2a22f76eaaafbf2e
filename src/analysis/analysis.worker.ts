/// <reference lib="webworker" />
/**
 * The analysis worker: every analysis of codes (UMAP, k-means, nearest
 * neighbours, the Gaussian fit), off the page's main thread.
 * It only wires messages to handleAnalysisRequest; RequestTracker decides
 * which requests are still wanted (a newer UMAP supersedes an older one).
 */
import { handleAnalysisRequest, RequestTracker } from './analysis-handler';
import type { AnalysisReply, AnalysisRequest } from './protocol';
import { createYield } from '../shared/macrotask';

declare const self: DedicatedWorkerGlobalScope;

const post = (reply: AnalysisReply, transfer: Transferable[]) => self.postMessage(reply, transfer);

/** A macrotask turn that lets queued messages (a newer request, a cancel) be read; faster than a timeout. */
const yieldNow = createYield();

const tracker = new RequestTracker();

self.addEventListener('message', (event: MessageEvent<AnalysisRequest>) => {
  const request = event.data;
  tracker.receive(request);
  if (request.type === 'cancel') return;
  void handleAnalysisRequest(request, post, tracker.isCurrent, { yieldNow }).finally(() => tracker.finish(request.id));
});
