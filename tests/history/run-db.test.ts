import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MAX_MODELS, MAX_RUNS, RunHistoryDb, StorageFullError, type StoredModel } from '../../src/history/run-db';
import { recordOf, type RunSnapshot } from '../../src/history/run-record';
import { DEFAULT_SETTINGS } from '../../src/state/url-state';

let dbCount = 0;
const openFresh = () => RunHistoryDb.open(`history-test-${++dbCount}`);

const snapshot: RunSnapshot = {
  config: { ...DEFAULT_SETTINGS },
  state: 'done',
  step: 10,
  epochs: 1,
  seconds: 1,
  samplesPerSecond: 100,
  train: { step: [1], total: [0.5] },
  test: [{ epoch: 1, step: 10, seconds: 1, total: 0.3 }],
  reconstructions: { indices: [4], labels: [9], originals: new Uint8Array(784).fill(7), outputs: new Uint8Array(784).fill(9) },
  latent: { points: new Float32Array([0.5, -1]), labels: new Uint8Array([9]), codeSize: 2, method: 'identity' },
  scores: null,
};

const model = (id: string, savedAt: number): StoredModel => ({
  id,
  savedAt,
  modelTopology: { class_name: 'Functional' },
  weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }],
  weightData: new Float32Array([1, 2]).buffer,
  settings: 'kind=vanilla',
});

describe('RunHistoryDb', () => {
  it('keeps a run with its typed arrays, lists the newest first, renames and deletes', async () => {
    const db = await openFresh();
    await db.put(recordOf(snapshot, 'a', 1));
    await db.put(recordOf({ ...snapshot, step: 20 }, 'b', 2));
    expect((await db.list()).map((r) => r.id)).toEqual(['b', 'a']);

    const details = await db.details('a');
    expect(details?.reconstructions?.outputs).toBeInstanceOf(Uint8Array);
    expect(details?.reconstructions?.outputs[100]).toBe(9);
    expect(Array.from(details!.latent!.points)).toEqual([0.5, -1]);

    await db.rename('a', 'First try');
    expect((await db.summary('a'))?.name).toBe('First try');

    await db.delete('a');
    expect((await db.list()).map((r) => r.id)).toEqual(['b']);
    expect(await db.details('a')).toBeUndefined();
    await db.clear();
    expect(await db.list()).toEqual([]);
    db.close();
  });

  it('survives closing: a second open sees the same runs', async () => {
    const name = `history-test-${++dbCount}`;
    const db = await RunHistoryDb.open(name);
    await db.put(recordOf(snapshot, 'kept', 1));
    db.close();
    const again = await RunHistoryDb.open(name);
    expect((await again.list()).map((r) => r.id)).toEqual(['kept']);
    again.close();
  });

  it(`keeps at most ${MAX_RUNS} runs, dropping the oldest without a saved model`, async () => {
    const db = await openFresh();
    await db.put(recordOf(snapshot, 'oldest-with-model', 0));
    await db.putModel(model('oldest-with-model', 0));
    const gone: string[] = [];
    for (let i = 1; i <= MAX_RUNS + 2; i++) gone.push(...(await db.put(recordOf(snapshot, `run-${i}`, i))));
    const ids = (await db.list()).map((r) => r.id);
    expect(ids).toHaveLength(MAX_RUNS);
    expect(gone).toEqual(['run-1', 'run-2', 'run-3']);
    expect(ids).toContain('oldest-with-model');
    expect(await db.details('run-1')).toBeUndefined();
    db.close();
  });

  it(`keeps at most ${MAX_MODELS} saved models; the run of a dropped one stays, marked as without`, async () => {
    const db = await openFresh();
    for (let i = 0; i < MAX_MODELS + 1; i++) {
      await db.put(recordOf(snapshot, `m-${i}`, i));
      await db.putModel(model(`m-${i}`, i));
    }
    expect(await db.model('m-0')).toBeUndefined();
    expect((await db.summary('m-0'))?.hasModel).toBe(false);
    const kept = await db.model('m-1');
    expect(Array.from(new Float32Array(kept!.weightData))).toEqual([1, 2]);
    expect((await db.summary('m-1'))?.hasModel).toBe(true);
    // A later update of the run from the page (which may not know of the model) keeps the mark.
    await db.put(recordOf(snapshot, 'm-1', 100));
    expect((await db.summary('m-1'))?.hasModel).toBe(true);
    db.close();
  });

  it('refuses a model whose run is not kept', async () => {
    const db = await openFresh();
    await expect(db.putModel(model('nobody', 1))).rejects.toThrow(/not in the history/);
    db.close();
  });

  it('reports a full store as StorageFullError, with words a student understands', async () => {
    const db = await openFresh();
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const original = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw quota;
    };
    try {
      const attempt = db.put(recordOf(snapshot, 'x', 1));
      await expect(attempt).rejects.toBeInstanceOf(StorageFullError);
      await expect(db.put(recordOf(snapshot, 'x', 1))).rejects.toThrow(/no more room.*delete some runs/);
    } finally {
      IDBObjectStore.prototype.put = original;
    }
    expect(await db.list()).toEqual([]);
    db.close();
  });
});
