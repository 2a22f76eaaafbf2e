import { describe, expect, it } from 'vitest';
import { handleAnalysisRequest, RequestTracker } from '../../src/analysis/analysis-handler';
import type { AnalysisReply, AnalysisRequest } from '../../src/analysis/protocol';
import { UMAP_PROGRESS_MS } from '../../src/analysis/protocol';
import { fitGaussian, sampleGaussian } from '../../src/analysis/gaussian';
import { nearestNeighbours } from '../../src/analysis/knn';
import { precisionOverQueries } from '../../src/analysis/retrieval';
import { createRng } from '../../src/shared/rng';

type Posted = { reply: AnalysisReply; transfer: Transferable[]; at: number };

/** A clock that advances 20 ms each time it is read. */
function steppingClock() {
  let t = 0;
  return () => (t += 20);
}

function recorder(now: () => number = () => 0) {
  const posted: Posted[] = [];
  const post = (reply: AnalysisReply, transfer: Transferable[]) => posted.push({ reply, transfer, at: now() });
  return { posted, post };
}

function blobs(n: number, dim: number, seed: number) {
  const rng = createRng(seed);
  const codes = new Float32Array(n * dim);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3;
    for (let t = 0; t < dim; t++) codes[i * dim + t] = (t % 3 === labels[i] ? 6 : 0) + rng();
  }
  return { codes, labels };
}

const always = () => true;

describe('RequestTracker', () => {
  it('keeps only the newest UMAP and whatever was not cancelled', () => {
    const tracker = new RequestTracker();
    const codes = new Float32Array(0);
    const umap = (id: number): AnalysisRequest => ({ type: 'umap', id, codes, n: 0, dim: 2, seed: 1 });
    const kmeans = (id: number): AnalysisRequest => ({ type: 'kmeans', id, data: codes, n: 0, dim: 2, k: 2, seed: 1 });
    tracker.receive(umap(1));
    tracker.receive(kmeans(2));
    expect(tracker.isCurrent(1)).toBe(true);
    tracker.receive(umap(3));
    expect(tracker.isCurrent(1)).toBe(false);
    expect(tracker.isCurrent(2)).toBe(true);
    expect(tracker.isCurrent(3)).toBe(true);
    tracker.receive({ type: 'cancel', id: 2 });
    expect(tracker.isCurrent(2)).toBe(false);
    tracker.finish(3);
    expect(tracker.isCurrent(3)).toBe(false);
    // A finished UMAP is not superseded again by mistake: the next one stands alone.
    tracker.receive(umap(4));
    expect(tracker.isCurrent(4)).toBe(true);
    // The other requests are wanted until they finish or are cancelled, whatever UMAP does.
    tracker.receive({ type: 'neighbours', id: 5, codes, dim: 2, query: 0, k: 1 });
    tracker.receive({ type: 'retrieval-precision', id: 6, codes, labels: new Uint8Array(0), dim: 2, k: 1, queries: 1 });
    tracker.receive({ type: 'gaussian-samples', id: 7, codes, n: 0, dim: 2, count: 1, seed: 1 });
    tracker.receive(umap(8));
    expect([5, 6, 7].map(tracker.isCurrent)).toEqual([true, true, true]);
    tracker.receive({ type: 'cancel', id: 6 });
    tracker.finish(7);
    expect([5, 6, 7].map(tracker.isCurrent)).toEqual([true, false, false]);
  });
});

describe('handleAnalysisRequest', () => {
  it('answers k-means with clusters, purity and majorities, transferring the arrays', async () => {
    const { codes, labels } = blobs(90, 6, 1);
    const { posted, post } = recorder();
    await handleAnalysisRequest({ type: 'kmeans', id: 5, data: codes, n: 90, dim: 6, k: 3, seed: 1, labels }, post, always);
    expect(posted).toHaveLength(1);
    const { reply, transfer } = posted[0];
    if (reply.type !== 'kmeans-done') throw new Error(reply.type);
    expect(reply.id).toBe(5);
    expect(reply.assignments).toHaveLength(90);
    expect(reply.centroids).toHaveLength(18);
    expect(reply.purity).toBe(1);
    expect([...(reply.majorities ?? [])].sort()).toEqual([0, 1, 2]);
    expect(transfer).toEqual([reply.assignments.buffer, reply.centroids.buffer]);

    const plain = recorder();
    await handleAnalysisRequest({ type: 'kmeans', id: 6, data: codes, n: 90, dim: 6, k: 3, seed: 1 }, plain.post, always);
    const r = plain.posted[0].reply;
    expect(r.type === 'kmeans-done' && r.purity === undefined && r.majorities === undefined).toBe(true);
  });

  it('answers nearest neighbours as knn.ts finds them, transferring the arrays', async () => {
    const { codes } = blobs(90, 6, 5);
    const { posted, post } = recorder();
    await handleAnalysisRequest({ type: 'neighbours', id: 11, codes, dim: 6, query: 4, k: 8 }, post, always);
    expect(posted).toHaveLength(1);
    const { reply, transfer } = posted[0];
    if (reply.type !== 'neighbours-done') throw new Error(reply.type);
    const expected = nearestNeighbours(codes, 6, 4, 8);
    expect(reply.id).toBe(11);
    expect(Array.from(reply.indices)).toEqual(Array.from(expected.indices));
    expect(Array.from(reply.distances)).toEqual(Array.from(expected.distances));
    expect(reply.indices).not.toContain(4);
    expect(transfer).toEqual([reply.indices.buffer, reply.distances.buffer]);
  });

  it('answers retrieval precision over evenly spread queries, the same as measured in place', async () => {
    const { codes, labels } = blobs(120, 6, 6);
    const { posted, post } = recorder();
    await handleAnalysisRequest({ type: 'retrieval-precision', id: 12, codes, labels, dim: 6, k: 8, queries: 40 }, post, always);
    const expected = await precisionOverQueries(codes, labels, 6, 8, 40);
    expect(posted.map((p) => p.reply)).toEqual([{ type: 'retrieval-precision-done', id: 12, ...expected }]);
    // Three well separated blobs: every neighbour shares the query's label; chance is about a third.
    expect(expected).toMatchObject({ precision: 1, queries: 40 });
    expect(expected?.chance).toBeCloseTo(39 / 119, 10);
  });

  it('stops measuring precision once the request is no longer wanted', async () => {
    const { codes, labels } = blobs(120, 6, 7);
    const tracker = new RequestTracker();
    const request: AnalysisRequest = { type: 'retrieval-precision', id: 13, codes, labels, dim: 6, k: 8, queries: 100 };
    tracker.receive(request);
    let pauses = 0;
    const yieldNow = async () => {
      if (++pauses === 2) tracker.receive({ type: 'cancel', id: 13 });
    };
    const { posted, post } = recorder();
    await handleAnalysisRequest(request, post, tracker.isCurrent, { yieldNow });
    expect(posted).toEqual([]);
    expect(pauses).toBe(2);
  });

  it('answers Gaussian samples as gaussian.ts draws them with the seed, transferring them', async () => {
    const { codes } = blobs(80, 4, 8);
    const { posted, post } = recorder();
    await handleAnalysisRequest({ type: 'gaussian-samples', id: 14, codes, n: 80, dim: 4, count: 24, seed: 99 }, post, always);
    expect(posted).toHaveLength(1);
    const { reply, transfer } = posted[0];
    if (reply.type !== 'gaussian-samples-done') throw new Error(reply.type);
    const expected = sampleGaussian(fitGaussian(codes, 80, 4), 24, createRng(99));
    expect(Array.from(reply.samples)).toEqual(Array.from(expected));
    expect(reply.samples).toHaveLength(96);
    expect(transfer).toEqual([reply.samples.buffer]);
  });

  it('reports a failure as an error reply', async () => {
    const { posted, post } = recorder();
    await handleAnalysisRequest({ type: 'kmeans', id: 7, data: new Float32Array(4), n: 4, dim: 2, k: 2, seed: 1 }, post, always);
    expect(posted.map((p) => p.reply)).toEqual([{ type: 'error', id: 7, message: expect.stringMatching(/4 × 2/) }]);
    const bad = recorder();
    await handleAnalysisRequest({ type: 'neighbours', id: 8, codes: new Float32Array(4), dim: 2, query: 5, k: 1 }, bad.post, always);
    await handleAnalysisRequest(
      { type: 'gaussian-samples', id: 9, codes: Float32Array.of(NaN, 1, 2, 3), n: 2, dim: 2, count: 1, seed: 1 },
      bad.post,
      always,
    );
    expect(bad.posted.map((p) => p.reply)).toEqual([
      { type: 'error', id: 8, message: expect.stringMatching(/row 5 is out of range/) },
      { type: 'error', id: 9, message: expect.stringMatching(/could not be factorised/) },
    ]);
  });

  it('sends UMAP progress at most four times a second, then the layout', async () => {
    const { codes } = blobs(120, 5, 2);
    const now = steppingClock();
    const { posted, post } = recorder(now);
    await handleAnalysisRequest({ type: 'umap', id: 9, codes, n: 120, dim: 5, seed: 3, epochs: 120 }, post, always, { now });
    const progress = posted.filter((p) => p.reply.type === 'umap-progress');
    const last = posted[posted.length - 1];
    expect(progress.length).toBeGreaterThan(1);
    for (let t = 1; t < progress.length; t++) expect(progress[t].at - progress[t - 1].at).toBeGreaterThanOrEqual(UMAP_PROGRESS_MS);
    for (const p of progress) {
      if (p.reply.type !== 'umap-progress') continue;
      expect(p.reply).toMatchObject({ id: 9, total: 120 });
      expect(p.transfer).toEqual([p.reply.points.buffer]);
    }
    expect(last.reply.type).toBe('umap-done');
    if (last.reply.type === 'umap-done') {
      expect(last.reply.points).toHaveLength(240);
      expect(last.transfer).toEqual([last.reply.points.buffer]);
    }
  });

  it('stops a UMAP superseded by a newer one, which runs to the end', async () => {
    const { codes } = blobs(150, 5, 3);
    const tracker = new RequestTracker();
    const { posted, post } = recorder();
    const first: AnalysisRequest = { type: 'umap', id: 1, codes, n: 150, dim: 5, seed: 1, epochs: 400 };
    const second: AnalysisRequest = { type: 'umap', id: 2, codes, n: 150, dim: 5, seed: 2, epochs: 60 };
    let started: Promise<void> | null = null;
    const postAndSupersede = (reply: AnalysisReply, transfer: Transferable[]) => {
      post(reply, transfer);
      if (reply.type === 'umap-progress' && reply.id === 1 && !started) {
        tracker.receive(second);
        started = handleAnalysisRequest(second, post, tracker.isCurrent);
      }
    };
    tracker.receive(first);
    await handleAnalysisRequest(first, postAndSupersede, tracker.isCurrent, { now: steppingClock() });
    await started;
    const of = (id: number) => posted.filter((p) => p.reply.id === id).map((p) => p.reply.type);
    expect(of(1)).toEqual(['umap-progress']);
    expect(of(2).at(-1)).toBe('umap-done');
    expect(of(2)).not.toContain('error');
  });

  it('posts nothing for a cancelled request', async () => {
    const { codes } = blobs(100, 4, 4);
    const tracker = new RequestTracker();
    const { posted, post } = recorder();
    const request: AnalysisRequest = { type: 'umap', id: 3, codes, n: 100, dim: 4, seed: 1, epochs: 300 };
    tracker.receive(request);
    const cancelOnProgress = (reply: AnalysisReply, transfer: Transferable[]) => {
      post(reply, transfer);
      tracker.receive({ type: 'cancel', id: 3 });
    };
    await handleAnalysisRequest(request, cancelOnProgress, tracker.isCurrent);
    expect(posted.map((p) => p.reply.type)).toEqual(['umap-progress']);
    // Cancelled before it began: not even started.
    const late = recorder();
    await handleAnalysisRequest(request, late.post, tracker.isCurrent);
    expect(late.posted).toEqual([]);
  });
});
