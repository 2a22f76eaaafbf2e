import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HistoryStore, SAVE_EVERY_MS } from '../../src/app/history-store';
import { applyReply, beginRun, type RunView } from '../../src/app/run-state';
import { RunHistoryDb } from '../../src/history/run-db';
import { DEFAULT_SETTINGS } from '../../src/state/url-state';
import { metrics, points, runningView } from '../helpers/run-view';

let dbCount = 0;

function setup() {
  let clock = 100_000;
  const asked: { resolve(errors: { bce: number; mse: number }, step: number, runId: number): void }[] = [];
  const ask = () =>
    new Promise<{ result: { errors: { bce: number; mse: number } }; step: number; runId: number }>((resolve) =>
      asked.push({ resolve: (errors, step, runId) => resolve({ result: { errors }, step, runId }) }),
    );
  const store = new HistoryStore(
    () => clock,
    () => RunHistoryDb.open(`history-store-${++dbCount}`),
  );
  const settle = async () => {
    // Saves are queued one after another; wait for the queue to drain.
    for (let i = 0; i < 5; i++) await store.save({ ...runningView(), runConfig: null });
  };
  return {
    store,
    ask,
    asked,
    settle,
    tick: (ms: number) => (clock += ms),
    show: (view: RunView) => store.onView(view, ask),
  };
}

/** Run 5 with `steps` steps trained, in `state`. */
function trained(steps: number, state: RunView['state'] = 'training'): RunView {
  const view = { ...applyReply(runningView(), metrics(5, points(1, steps))), runConfig: { ...DEFAULT_SETTINGS } };
  return { ...view, state };
}

describe('HistoryStore', () => {
  it('keeps a run when it starts training, not again until something happens, then when it pauses, with its scores', async () => {
    const h = setup();
    h.show(trained(0));
    h.show(trained(10));
    h.show(trained(20));
    await h.settle();
    expect(h.store.getSnapshot().runs).toHaveLength(1);
    expect(h.store.getSnapshot().runs[0].steps).toBe(10);
    expect(h.store.getSnapshot().currentId).toBe(h.store.idOf(5));

    // Nothing new within SAVE_EVERY_MS; then the periodic save.
    h.tick(SAVE_EVERY_MS - 1);
    h.show(trained(30));
    await h.settle();
    expect(h.store.getSnapshot().runs[0].steps).toBe(10);
    h.tick(1);
    h.show(trained(40));
    await h.settle();
    expect(h.store.getSnapshot().runs[0].steps).toBe(40);

    // Paused: kept at once, then again with the scores measured at that step.
    h.show(trained(41, 'paused'));
    await h.settle();
    expect(h.store.getSnapshot().runs[0]).toMatchObject({ steps: 41, outcome: 'stopped', scores: null });
    expect(h.asked).toHaveLength(1);
    h.asked[0].resolve({ bce: 0.1, mse: 0.02 }, 41, 5);
    await h.settle();
    expect(h.store.getSnapshot().runs[0].scores).toEqual({ bce: 0.1, mse: 0.02 });
  });

  it('keeps a run after each test loss, and the old run when a new one replaces it', async () => {
    const h = setup();
    h.show(trained(10));
    const tested = trained(469);
    h.show({ ...tested, test: [{ epoch: 1, step: 469, seconds: 3, total: 0.2, reconstruction: 0.2 }] });
    await h.settle();
    expect(h.store.getSnapshot().runs[0]).toMatchObject({ steps: 469, testLoss: 0.2, epochs: 1 });
    // A new run: run 5 is kept as it last stood, and is no longer the current one.
    const next = beginRun(tested, 6, 'model-b', { ...DEFAULT_SETTINGS, codeSize: 2 });
    h.show(next);
    await h.settle();
    expect(h.store.getSnapshot().currentId).toBeNull();
    expect(h.store.getSnapshot().runs.map((r) => r.steps)).toEqual([469]);
  });

  it('a run with no step is not kept; a deleted run is not kept again while it is on screen', async () => {
    const h = setup();
    h.show(trained(0));
    await h.settle();
    expect(h.store.getSnapshot().runs).toEqual([]);
    h.show(trained(5));
    await h.settle();
    await h.store.remove(h.store.idOf(5));
    expect(h.store.getSnapshot().runs).toEqual([]);
    h.show(trained(6, 'paused'));
    await h.store.save(trained(7, 'paused'));
    await h.settle();
    expect(h.store.getSnapshot().runs).toEqual([]);
  });

  it('picks runs for the comparison and drops a deleted one from the pick', async () => {
    const h = setup();
    h.store.toggle('a');
    h.store.toggle('b');
    h.store.toggle('a');
    expect(h.store.getSnapshot().selected).toEqual(['b']);
    h.store.select(['c', 'b']);
    await h.store.remove('b');
    expect(h.store.getSnapshot().selected).toEqual(['c']);
  });

  it('says so when the history cannot be opened, and the page goes on', async () => {
    const store = new HistoryStore(
      () => 0,
      () => Promise.reject(new Error('IndexedDB is disabled')),
    );
    await store.save(trained(3, 'paused'));
    expect(store.getSnapshot().status).toBe('error');
    expect(store.getSnapshot().error).toMatch(/cannot be kept in this browser.*IndexedDB is disabled/);
  });
});
