/**
 * What the run store does to keep a run's start light for the page: the
 * decoder copy starts before training, when the page is idle and no backend
 * is being measured; the worker hears when a run's first views are painted.
 * Fake workers and fake timers (the real ones need a browser).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunStore } from '../../src/app/run-store';
import { DEFAULT_SETTINGS } from '../../src/state/url-state';
import type { FakeWorker } from '../helpers/fake-worker';

const workers = vi.hoisted(() => [] as unknown[]);
const decoders = vi.hoisted(() => [] as unknown[]);

vi.mock('../../src/app/early-download', async () => (await import('../helpers/fake-worker')).fakeEarlyDownload(workers));

const latest = () => workers.at(-1) as FakeWorker;
/** The training workers that were handed a decoder copy's port, one entry per copy started. */
const fedWorkers = () => (workers as FakeWorker[]).flatMap((w) => w.sent.filter((r) => r.type === 'decoder-port').map(() => w));

/** Node has no Worker; this one records the decoder copies started (the store starts one only where there is a Worker). */
class StubWorker {
  constructor(url: URL | string) {
    decoders.push(String(url));
  }
  postMessage() {}
  addEventListener() {}
  terminate() {}
}
const settle = () => vi.advanceTimersByTimeAsync(0);

async function connected(): Promise<RunStore> {
  const store = new RunStore();
  store.connect('auto', 'mnist');
  await settle();
  return store;
}

function latentReply(runId: number) {
  return {
    type: 'latent',
    runId,
    step: 0,
    points: new Float32Array(2),
    codes: new Float32Array(2),
    labels: new Uint8Array(1),
    codeSize: 2,
    method: 'identity',
  } as const;
}

beforeEach(() => {
  vi.useFakeTimers();
  workers.length = 0;
  decoders.length = 0;
  vi.stubGlobal('Worker', StubWorker);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the decoder copy', () => {
  it('starts once the data are loaded, when the page is next idle, on the training worker', async () => {
    await connected();
    expect(decoders).toHaveLength(0);
    latest().ready();
    expect(decoders).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(decoders).toHaveLength(1);
    expect(decoders[0]).toMatch(/decoder\.worker/);
    expect(fedWorkers()).toEqual([latest()]);
  });

  it('waits while a backend is being measured, and starts when the measurement ends', async () => {
    const store = await connected();
    store.setProbing(true);
    latest().ready();
    await vi.advanceTimersByTimeAsync(5000);
    expect(decoders).toHaveLength(0);
    store.setProbing(false);
    await vi.advanceTimersByTimeAsync(300);
    expect(decoders).toHaveLength(1);
  });

  it('starts with the first latent view at the latest, and only once', async () => {
    const store = await connected();
    store.setProbing(true);
    latest().ready();
    store.train({ ...DEFAULT_SETTINGS }, 'model-a');
    await settle();
    latest().reply(latentReply(store.getSnapshot().runId));
    expect(decoders).toHaveLength(1);
    store.setProbing(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(decoders).toHaveLength(1);
  });
});

describe("a run's first views", () => {
  it('the worker hears they are shown after the next frame, once per run', async () => {
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 16));
    const store = await connected();
    latest().ready();
    const shown = () => latest().sent.filter((r) => r.type === 'views-shown');
    store.viewsShown(3);
    await vi.advanceTimersByTimeAsync(10);
    expect(shown()).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(shown()).toEqual([{ type: 'views-shown', runId: 3 }]);
    // Later views of the run, and an older run's, say nothing more.
    store.viewsShown(3);
    store.viewsShown(2);
    await vi.advanceTimersByTimeAsync(50);
    expect(shown()).toHaveLength(1);
    store.viewsShown(4);
    await vi.advanceTimersByTimeAsync(50);
    expect(shown()).toEqual([
      { type: 'views-shown', runId: 3 },
      { type: 'views-shown', runId: 4 },
    ]);
  });
});
