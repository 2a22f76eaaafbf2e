/**
 * The run history's store in the browser (IndexedDB, through `idb`): the
 * list's summaries, each run's details and the weights of the runs whose
 * model was saved, in three object stores keyed by run id.
 *
 * Bounded: at most MAX_RUNS runs and MAX_MODELS saved models. Past the
 * first, the runs kept longest without a change (and without a saved model)
 * go; past the second, the oldest saved model's weights go and its run
 * stays. A browser that refuses to store more (quota) gets StorageFullError,
 * which the page reports.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RunDetails, RunRecord, RunSummary } from './run-record';

export const MAX_RUNS = 100;
export const MAX_MODELS = 10;
const DB_NAME = 'autoencoder-playground';
const VERSION = 1;

/** A model as TF.js's `tf.io` saves it (Layers format), kept with its run. */
export interface StoredModel {
  id: string;
  savedAt: number;
  modelTopology: object;
  weightSpecs: { name: string; shape: number[]; dtype: string }[];
  weightData: ArrayBuffer;
  /** The playground settings it was trained with, as a URL query. */
  settings: string;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

interface HistorySchema extends DBSchema {
  runs: { key: string; value: RunSummary; indexes: { updatedAt: number } };
  details: { key: string; value: RunDetails };
  models: { key: string; value: StoredModel; indexes: { savedAt: number } };
}

export class StorageFullError extends Error {
  constructor() {
    super('The browser has no more room for this page’s runs: delete some runs (or their saved models) from the history.');
    this.name = 'StorageFullError';
  }
}

/** The browser's "no room" errors, as StorageFullError; others as they are. */
function storageError(err: unknown): unknown {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  return name === 'QuotaExceededError' || (err instanceof Error && /quota/i.test(err.message)) ? new StorageFullError() : err;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw storageError(err);
  }
}

export class RunHistoryDb {
  private constructor(private readonly db: IDBPDatabase<HistorySchema>) {}

  /** Opens (or creates) the history. */
  static async open(name = DB_NAME): Promise<RunHistoryDb> {
    const db = await openDB<HistorySchema>(name, VERSION, {
      upgrade(db) {
        db.createObjectStore('runs', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
        db.createObjectStore('details', { keyPath: 'id' });
        db.createObjectStore('models', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
      },
    });
    return new RunHistoryDb(db);
  }

  close(): void {
    this.db.close();
  }

  /** Keeps a run (new or updated); returns the ids of runs pruned to stay within MAX_RUNS. */
  async put({ summary, details }: RunRecord): Promise<string[]> {
    await guarded(async () => {
      const tx = this.db.transaction(['runs', 'details'], 'readwrite');
      // A saved model stays marked even if the caller's summary predates it.
      const old = await tx.objectStore('runs').get(summary.id);
      await tx.objectStore('runs').put({ ...summary, hasModel: summary.hasModel || Boolean(old?.hasModel) });
      await tx.objectStore('details').put(details);
      await tx.done;
    });
    return this.prune();
  }

  /** Every kept run, the newest first. */
  async list(): Promise<RunSummary[]> {
    const runs = await this.db.getAllFromIndex('runs', 'updatedAt');
    return runs.reverse();
  }

  summary(id: string): Promise<RunSummary | undefined> {
    return this.db.get('runs', id);
  }

  details(id: string): Promise<RunDetails | undefined> {
    return this.db.get('details', id);
  }

  async rename(id: string, name: string): Promise<void> {
    await guarded(async () => {
      const tx = this.db.transaction('runs', 'readwrite');
      const run = await tx.store.get(id);
      if (run) await tx.store.put({ ...run, name });
      await tx.done;
    });
  }

  async delete(id: string): Promise<void> {
    const tx = this.db.transaction(['runs', 'details', 'models'], 'readwrite');
    await Promise.all([tx.objectStore('runs').delete(id), tx.objectStore('details').delete(id), tx.objectStore('models').delete(id)]);
    await tx.done;
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(['runs', 'details', 'models'], 'readwrite');
    await Promise.all([tx.objectStore('runs').clear(), tx.objectStore('details').clear(), tx.objectStore('models').clear()]);
    await tx.done;
  }

  /** Keeps a run's weights (its run must be kept); returns the ids whose weights went to stay within MAX_MODELS. */
  async putModel(model: StoredModel): Promise<string[]> {
    await guarded(async () => {
      const tx = this.db.transaction(['runs', 'models'], 'readwrite');
      const run = await tx.objectStore('runs').get(model.id);
      if (!run) throw new Error('the run of this model is not in the history');
      await tx.objectStore('models').put(model);
      await tx.objectStore('runs').put({ ...run, hasModel: true });
      await tx.done;
    });
    return this.pruneModels();
  }

  model(id: string): Promise<StoredModel | undefined> {
    return this.db.get('models', id);
  }

  /** Drops the least recently changed runs without a saved model while there are more than MAX_RUNS. */
  private async prune(): Promise<string[]> {
    const runs = await this.db.getAllFromIndex('runs', 'updatedAt');
    let excess = runs.length - MAX_RUNS;
    const gone: string[] = [];
    for (const run of runs) {
      if (excess <= 0) break;
      if (run.hasModel) continue;
      await this.delete(run.id);
      gone.push(run.id);
      excess--;
    }
    return gone;
  }

  private async pruneModels(): Promise<string[]> {
    const models = await this.db.getAllKeysFromIndex('models', 'savedAt');
    const gone = models.slice(0, Math.max(0, models.length - MAX_MODELS));
    for (const id of gone) {
      const tx = this.db.transaction(['runs', 'models'], 'readwrite');
      await tx.objectStore('models').delete(id);
      const run = await tx.objectStore('runs').get(id);
      if (run) await tx.objectStore('runs').put({ ...run, hasModel: false });
      await tx.done;
    }
    return gone;
  }
}
