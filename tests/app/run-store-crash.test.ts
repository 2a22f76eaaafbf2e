/**
 * A training worker that dies under the page: by an uncaught error, an
 * unreadable message or silence. The store runs against fake workers (the
 * real one needs a browser), with fake timers for the watchdog.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryStore } from '../../src/app/history-store';
import { RunStore } from '../../src/app/run-store';
import { MAX_RESTARTS, PING_EVERY_MS, RESTART_WINDOW_MS, SILENT_TICKS } from '../../src/app/worker-watch';
import { RunHistoryDb } from '../../src/history/run-db';
import { DEFAULT_SETTINGS } from '../../src/state/url-state';
import type { FakeWorker } from '../helpers/fake-worker';
import { metrics, points } from '../helpers/run-view';

const workers = vi.hoisted(() => [] as unknown[]);

vi.mock('../../src/app/early-download', async () => (await import('../helpers/fake-worker')).fakeEarlyDownload(workers));

const all = () => workers as FakeWorker[];
const latest = () => all().at(-1)!;
const config = { ...DEFAULT_SETTINGS };

/** Lets the store's promises (the init it sends first) settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

const ready = (worker: FakeWorker) => worker.ready();

/** A store with a run training: 40 steps reported. `watch` sees the store before it connects. */
async function training(wait: () => Promise<unknown> = settle, watch?: (store: RunStore) => void) {
  const store = new RunStore();
  watch?.(store);
  store.connect('auto', 'mnist');
  await wait();
  ready(latest());
  store.train(config, 'model-a');
  await wait();
  const runId = store.getSnapshot().runId;
  latest().reply({ type: 'run-state', runId, state: 'training', step: 0, epoch: 0 });
  latest().reply(metrics(runId, points(1, 40)));
  return { store, runId, first: latest() };
}

beforeEach(() => {
  vi.useFakeTimers();
  workers.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a training worker that dies', () => {
  it('is replaced by a new one; the run keeps its curves and figures, marked failed, and says so', async () => {
    const { store, runId, first } = await training();
    const before = store.getSnapshot();
    first.crash('Uncaught RangeError: Array buffer allocation failed');

    expect(first.terminated).toBe(true);
    expect(all()).toHaveLength(2);
    const view = store.getSnapshot();
    expect(view).toMatchObject({ runId, runKey: 'model-a', state: 'failed', step: 40, epoch: 1, modelLost: true });
    expect(view.train).toEqual(before.train);
    expect(view.runConfig).toEqual(config);
    expect(view.workerNotice).toMatch(
      /^The training worker stopped \(Uncaught RangeError: Array buffer allocation failed\), and a new one/,
    );
    expect(view.workerNotice).toMatch(/press Train to train again/);
    // The new worker loads the images again before the page may train.
    expect(view.load.status).toBe('loading');
    expect(view.backend.name).toBeNull();
    await settle();
    expect(latest().sent[0]).toMatchObject({ type: 'init', dataUrl: 'https://example.test/data/mnist.bin', backend: 'auto' });
  });

  it('fails the questions waiting for it, and refuses new ones for the lost model', async () => {
    const { store, first } = await training();
    first.reply({
      type: 'latent',
      runId: store.getSnapshot().runId,
      step: 40,
      points: new Float32Array(2),
      codes: new Float32Array(2),
      labels: new Uint8Array(1),
      codeSize: 2,
      method: 'identity',
    });
    const waiting = store.explore({ kind: 'scores' });
    await settle();
    first.crash('boom');
    await expect(waiting).rejects.toThrow('the training worker stopped');
    await expect(store.explore({ kind: 'scores' })).rejects.toThrow(/lost with the training worker/);
  });

  it('ignores whatever the old worker still sends, and trains a new run on the new worker only', async () => {
    const { store, runId, first } = await training();
    first.crash('boom');
    const kept = store.getSnapshot();
    first.reply(metrics(runId, points(41, 10)));
    expect(store.getSnapshot()).toBe(kept);

    await settle();
    ready(latest());
    expect(store.getSnapshot().load.status).toBe('ready');
    store.train(config, 'model-a');
    await settle();
    const next = store.getSnapshot();
    expect(next.runId).toBeGreaterThan(runId);
    // Train starts afresh: the lost run's curves go, and so does the notice.
    expect(next).toMatchObject({ state: 'starting', step: 0, modelLost: false, workerNotice: null });
    expect(latest().runRequests()).toEqual([{ type: 'start', runId: next.runId, config }]);
    expect(first.runRequests()).toEqual([{ type: 'start', runId, config }]);
  });

  it('is replaced when one of its messages cannot be read', async () => {
    const { store, first } = await training();
    first.dispatchEvent(new Event('messageerror'));
    expect(first.terminated).toBe(true);
    expect(all()).toHaveLength(2);
    expect(store.getSnapshot().workerNotice).toMatch(/one of its messages could not be read/);
  });

  it('is taken for dead after a minute of silence, never while it answers, however slowly it trains', async () => {
    const { store, runId, first } = await training();
    // Ten minutes of slow steps: a reply every 1.5 s, pings answered between them.
    for (let t = 0; t < 600_000; t += 1500) {
      await vi.advanceTimersByTimeAsync(1500);
      first.reply(metrics(runId, points(41 + t / 1500, 1)));
    }
    expect(all()).toHaveLength(1);
    expect(first.sent.filter((r) => r.type === 'ping').length).toBeGreaterThan(100);

    // Then it goes silent (killed for its memory): nothing at all, pings unanswered.
    first.answersPings = false;
    // Still trusted after 55 s; taken for dead by 65 s (the silence began between two ticks).
    await vi.advanceTimersByTimeAsync(PING_EVERY_MS * (SILENT_TICKS - 1));
    expect(all()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(PING_EVERY_MS * 2);
    expect(first.terminated).toBe(true);
    expect(all()).toHaveLength(2);
    expect(store.getSnapshot()).toMatchObject({ state: 'failed', modelLost: true });
    expect(store.getSnapshot().workerNotice).toMatch(/stopped answering for a minute/);
  });

  it(`is restarted ${MAX_RESTARTS} times within a few minutes; then Retry is asked for, and starts one`, async () => {
    const { store } = await training();
    for (let i = 0; i < MAX_RESTARTS; i++) {
      latest().crash(`crash ${i + 1}`);
      await settle();
    }
    expect(all()).toHaveLength(MAX_RESTARTS + 1);
    latest().crash('once too often');
    expect(all()).toHaveLength(MAX_RESTARTS + 1);
    const view = store.getSnapshot();
    expect(view.load.status).toBe('error');
    expect(view.load.message).toMatch(/^The training worker stopped again \(once too often\).*Press Retry/);
    expect(view.workerNotice).toBeNull();
    expect(view.train.step).toHaveLength(40);

    store.retryLoad();
    expect(all()).toHaveLength(MAX_RESTARTS + 2);
    // Later, the budget is whole again.
    await vi.advanceTimersByTimeAsync(RESTART_WINDOW_MS);
    latest().crash('much later');
    expect(all()).toHaveLength(MAX_RESTARTS + 3);
  });

  it('keeps the run in the history as it stood when the worker stopped', async () => {
    vi.useRealTimers();
    const history = new HistoryStore(Date.now, () => RunHistoryDb.open('run-store-crash'));
    const { store, runId, first } = await training(
      () => new Promise((r) => setTimeout(r, 0)),
      (s) => s.subscribe(() => history.onView(s.getSnapshot(), () => new Promise(() => {}))),
    );
    first.crash('boom');
    await history.save({ ...store.getSnapshot(), runConfig: null });
    expect(history.getSnapshot().runs).toMatchObject([{ id: history.idOf(runId), steps: 40, outcome: 'failed' }]);
    expect(history.getSnapshot().currentId).toBe(history.idOf(runId));
  });
});
