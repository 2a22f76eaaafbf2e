/**
 * A training worker as the page's run store sees it, for tests of the store
 * without a browser: what it was sent, and the replies a test makes it give.
 * `fakeEarlyDownload(workers)` stands in for src/app/early-download.ts (use
 * it in a vi.mock factory): each worker the store takes is a FakeWorker,
 * pushed onto `workers`.
 */
import type { WorkerReply, WorkerRequest } from '../../src/training/protocol';

export class FakeWorker extends EventTarget {
  sent: WorkerRequest[] = [];
  terminated = false;
  /** Answers pings by itself (a live worker); off for one that has gone silent. */
  answersPings = true;

  postMessage(request: WorkerRequest): void {
    if (this.terminated) return;
    this.sent.push(request);
    if (request.type === 'ping' && this.answersPings) queueMicrotask(() => this.reply({ type: 'pong', id: request.id }));
  }

  terminate(): void {
    this.terminated = true;
  }

  reply(reply: WorkerReply): void {
    this.dispatchEvent(new MessageEvent('message', { data: reply }));
  }

  /** An uncaught error inside the worker, as the page receives it. */
  crash(message: string): void {
    const event = Object.assign(new Event('error', { cancelable: true }), { message });
    this.dispatchEvent(event);
  }

  /** The requests of a run, pings left out. */
  runRequests(): WorkerRequest[] {
    return this.sent.filter((r) => r.type !== 'ping' && r.type !== 'init');
  }

  /** The worker loads the data and starts `backend`: the page may train. */
  ready(backend = 'wasm'): void {
    this.reply({ type: 'loaded', trainCount: 60000, testCount: 10000, bytes: 1000, seconds: 1 });
    this.reply({ type: 'backend', name: backend, reason: 'no GPU', threads: 1 });
  }
}

export function fakeEarlyDownload(workers: unknown[]) {
  return {
    dataUrlOf: (dataset: string) => `https://example.test/data/${dataset}.bin`,
    takeTrainingWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    sendInit: async (worker: FakeWorker, backend: string, dataUrl: string) =>
      worker.postMessage({ type: 'init', dataUrl, backend } as WorkerRequest),
  };
}
