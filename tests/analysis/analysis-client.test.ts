import { describe, expect, it } from 'vitest';
import { handleAnalysisRequest, RequestTracker } from '../../src/analysis/analysis-handler';
import type { AnalysisReply, AnalysisRequest } from '../../src/analysis/protocol';
import { AnalysisClient, isAbortError } from '../../src/app/analysis-client';
import { fitGaussian, sampleGaussian } from '../../src/analysis/gaussian';
import { nearestNeighbours } from '../../src/analysis/knn';
import { precisionOverQueries } from '../../src/analysis/retrieval';
import { createRng } from '../../src/shared/rng';

type Listener = (event: { data?: unknown; message?: string }) => void;

/** Stands in for a Worker: records what the page sends, lets the test reply. */
class FakeWorker {
  readonly sent: { message: AnalysisRequest; transfer: Transferable[] }[] = [];
  readonly listeners = new Map<string, Listener[]>();
  terminated = false;

  postMessage(message: AnalysisRequest, transfer: Transferable[] = []): void {
    this.sent.push({ message, transfer });
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: AnalysisReply): void {
    for (const l of this.listeners.get('message') ?? []) l({ data });
  }
  fail(message: string): void {
    for (const l of this.listeners.get('error') ?? []) l({ message });
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = new AnalysisClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  return { client, workers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('AnalysisClient', () => {
  it('starts one worker on the first request, with one message listener', async () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    const a = client.kmeans(new Float32Array(4), 2, 2, 2, 1);
    const b = client.kmeans(new Float32Array(4), 2, 2, 2, 1);
    expect(workers).toHaveLength(1);
    expect(workers[0].listeners.get('message')).toHaveLength(1);
    const [ra, rb] = workers[0].sent.map((s) => s.message);
    expect(ra.id).not.toBe(rb.id);
    const done = (id: number): AnalysisReply => ({
      type: 'kmeans-done',
      id,
      assignments: Uint8Array.of(0, 1),
      centroids: new Float32Array(4),
      iterations: 2,
      inertia: 0,
    });
    workers[0].reply(done(rb.id));
    workers[0].reply(done(ra.id));
    expect(await a).toEqual({ assignments: Uint8Array.of(0, 1), centroids: new Float32Array(4), iterations: 2, inertia: 0 });
    await b;
  });

  it('passes UMAP progress on, resolves with the layout and drops replies for old ids', async () => {
    const { client, workers } = setup();
    const seen: number[] = [];
    const first = client.umap(new Float32Array(6), 3, 2, 1, (_points, epoch) => seen.push(epoch));
    const firstId = workers[0].sent[0].message.id;
    const second = client.umap(new Float32Array(6), 3, 2, 1, (_points, epoch) => seen.push(100 + epoch));
    const secondId = workers[0].sent[1].message.id;
    await expect(first).rejects.toSatisfy(isAbortError);
    // The superseded run's late replies change nothing.
    workers[0].reply({ type: 'umap-progress', id: firstId, epoch: 5, total: 10, points: new Float32Array(6) });
    workers[0].reply({ type: 'umap-done', id: firstId, points: new Float32Array(6) });
    workers[0].reply({ type: 'umap-progress', id: secondId, epoch: 3, total: 10, points: new Float32Array(6) });
    workers[0].reply({ type: 'umap-done', id: secondId, points: Float32Array.of(1, 2, 3, 4, 5, 6) });
    expect(Array.from(await second)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen).toEqual([103]);
  });

  it('copies the codes unless asked to transfer them', () => {
    const { client, workers } = setup();
    const codes = new Float32Array(6);
    void client.umap(codes, 3, 2, 1).catch(() => {});
    void client.umap(codes, 3, 2, 1, undefined, { transfer: true, epochs: 50 }).catch(() => {});
    expect(workers[0].sent[0].transfer).toEqual([]);
    expect(workers[0].sent[1].transfer).toEqual([codes.buffer]);
    expect(workers[0].sent[1].message).toMatchObject({ type: 'umap', epochs: 50 });
    expect(workers[0].sent[1].message).not.toHaveProperty('transfer');
    client.dispose();
  });

  it('asks for neighbours, precision and Gaussian samples, copying the codes, and resolves with the answers', async () => {
    const { client, workers } = setup();
    const codes = new Float32Array(8);
    const labels = Uint8Array.of(0, 1, 0, 1);
    const near = client.neighbours(codes, 2, 1, 2);
    const precision = client.retrievalPrecision(codes, labels, 2, 2, 3);
    const samples = client.gaussianSamples(codes, 4, 2, 5, 42);
    const sent = workers[0].sent;
    expect(sent.map((s) => s.transfer)).toEqual([[], [], []]);
    const [a, b, c] = sent.map((s) => s.message);
    expect(a).toEqual({ type: 'neighbours', id: a.id, codes, dim: 2, query: 1, k: 2 });
    expect(b).toEqual({ type: 'retrieval-precision', id: b.id, codes, labels, dim: 2, k: 2, queries: 3 });
    expect(c).toEqual({ type: 'gaussian-samples', id: c.id, codes, n: 4, dim: 2, count: 5, seed: 42 });
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    workers[0].reply({ type: 'gaussian-samples-done', id: c.id, samples: Float32Array.of(1, 2) });
    workers[0].reply({ type: 'retrieval-precision-done', id: b.id, precision: 0.75, chance: 0.25, queries: 3 });
    workers[0].reply({ type: 'neighbours-done', id: a.id, indices: Uint32Array.of(3, 0), distances: Float32Array.of(0.5, 1) });
    expect(await near).toEqual({ indices: Uint32Array.of(3, 0), distances: Float32Array.of(0.5, 1) });
    expect(await precision).toEqual({ precision: 0.75, chance: 0.25, queries: 3 });
    expect(Array.from(await samples)).toEqual([1, 2]);
  });

  it('rejects an answer of the wrong type', async () => {
    const { client, workers } = setup();
    const near = client.neighbours(new Float32Array(4), 2, 0, 1);
    workers[0].reply({ type: 'gaussian-samples-done', id: workers[0].sent[0].message.id, samples: new Float32Array(0) });
    await expect(near).rejects.toThrow('unexpected reply gaussian-samples-done');
  });

  it('rejects with the worker’s message on an error reply', async () => {
    const { client, workers } = setup();
    const run = client.kmeans(new Float32Array(4), 2, 2, 0, 1);
    workers[0].reply({ type: 'error', id: workers[0].sent[0].message.id, message: 'k must be an integer' });
    await expect(run).rejects.toThrow('k must be an integer');
  });

  it('cancels the running UMAP in the worker too', async () => {
    const { client, workers } = setup();
    const run = client.umap(new Float32Array(6), 3, 2, 1);
    client.cancelUmap();
    await expect(run).rejects.toSatisfy(isAbortError);
    expect(workers[0].sent[1].message).toEqual({ type: 'cancel', id: workers[0].sent[0].message.id });
    client.cancelUmap(); // nothing running: nothing sent
    expect(workers[0].sent).toHaveLength(2);
  });

  it('on dispose stops the worker and rejects what is pending; a later request starts a new worker', async () => {
    const { client, workers } = setup();
    const run = client.kmeans(new Float32Array(4), 2, 2, 2, 1);
    client.dispose();
    await expect(run).rejects.toSatisfy(isAbortError);
    expect(workers[0].terminated).toBe(true);
    void client.kmeans(new Float32Array(4), 2, 2, 2, 1).catch(() => {});
    expect(workers).toHaveLength(2);
    client.dispose();
  });

  it('rejects everything pending when the worker fails', async () => {
    const { client, workers } = setup();
    const run = client.umap(new Float32Array(6), 3, 2, 1);
    workers[0].fail('SyntaxError');
    await expect(run).rejects.toThrow(/analysis worker failed: SyntaxError/);
    expect(isAbortError(await run.catch((e: unknown) => e))).toBe(false);
  });

  it('works end to end against the worker’s handler', async () => {
    // A worker stand-in wired like analysis.worker.ts, replying asynchronously.
    class LoopbackWorker extends FakeWorker {
      private readonly tracker = new RequestTracker();
      postMessage(message: AnalysisRequest): void {
        const request = structuredClone(message);
        setTimeout(() => {
          this.tracker.receive(request);
          if (request.type === 'cancel') return;
          void handleAnalysisRequest(request, (reply) => this.reply(reply), this.tracker.isCurrent).finally(() =>
            this.tracker.finish(request.id),
          );
        }, 0);
      }
    }
    const client = new AnalysisClient(() => new LoopbackWorker() as unknown as Worker);
    const rng = createRng(1);
    const n = 60;
    const codes = new Float32Array(n * 3);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 2;
      for (let t = 0; t < 3; t++) codes[i * 3 + t] = (labels[i] === 1 ? 5 : 0) + rng();
    }
    const clusters = client.kmeans(codes, n, 3, 2, 4, labels);
    const old = client.umap(codes, n, 3, 1, undefined, { epochs: 400 });
    const near = client.neighbours(codes, 3, 7, 5);
    const precision = client.retrievalPrecision(codes, labels, 3, 5, 20);
    const samples = client.gaussianSamples(codes, n, 3, 6, 11);
    await settle();
    const layout = client.umap(codes, n, 3, 2, undefined, { epochs: 40 });
    await expect(old).rejects.toSatisfy(isAbortError);
    expect((await clusters).purity).toBe(1);
    expect(await layout).toHaveLength(n * 2);
    // The worker's answers are what the analysis functions give in place.
    const expectedNear = nearestNeighbours(codes, 3, 7, 5);
    expect(Array.from((await near).indices)).toEqual(Array.from(expectedNear.indices));
    expect(await precision).toEqual(await precisionOverQueries(codes, labels, 3, 5, 20));
    expect((await precision).precision).toBe(1);
    expect(Array.from(await samples)).toEqual(Array.from(sampleGaussian(fitGaussian(codes, n, 3), 6, createRng(11))));
    client.dispose();
  });
});
