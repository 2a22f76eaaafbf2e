/**
 * Keeps every run in the browser's history as it trains: when it stops,
 * finishes or diverges, after each test pass, every SAVE_EVERY_MS while it
 * trains, and when a new run replaces it. The store (src/history, with
 * `idb`) is loaded on the first save or when the history is opened, so a
 * page that never trains fetches none of it.
 */
import { useSyncExternalStore } from 'react';
import type { RunHistoryDb, StoredModel } from '../history/run-db';
import type { RunDetails, RunSnapshot, RunSummary } from '../history/run-record';
import type { ErrorPair } from '../training/protocol';
import { ExternalStore } from './external-store';
import { runEpochs, type RunView } from './run-state';

export const SAVE_EVERY_MS = 10_000;

export interface HistoryView {
  status: 'closed' | 'loading' | 'ready' | 'error';
  runs: RunSummary[];
  /** The id the current run is kept under, if it is kept. */
  currentId: string | null;
  /** The runs picked for the comparison, in the order they were picked. */
  selected: string[];
  /** What went wrong last (a full store, a browser without IndexedDB), for the page to say. */
  error: string | null;
}

/** The page's run view as the history keeps it. */
export function snapshotOf(view: RunView, scores: ErrorPair | null): RunSnapshot | null {
  const config = view.runConfig;
  if (!config || view.step === 0) return null;
  const rec = view.reconstructions;
  const latent = view.latent;
  return {
    config,
    state: view.state,
    step: view.step,
    epochs: runEpochs(view) ?? config.epochs,
    seconds: view.seconds,
    samplesPerSecond: view.samplesPerSecond,
    train: { step: view.train.step, total: view.train.total },
    test: view.test,
    reconstructions: rec ? { indices: rec.indices, labels: rec.labels, originals: rec.originals, outputs: rec.outputs } : null,
    latent: latent ? { points: latent.points, labels: latent.labels, codeSize: latent.codeSize, method: latent.method } : null,
    scores,
  };
}

type Ask = (query: { kind: 'scores' }) => Promise<{ result: { errors: ErrorPair }; step: number; runId: number }>;

interface Source {
  subscribe(listener: () => void): () => void;
  getSnapshot(): RunView;
}

const ENDED = new Set<RunView['state']>(['paused', 'done', 'diverged', 'failed']);

export class HistoryStore extends ExternalStore<HistoryView> {
  private db: Promise<RunHistoryDb> | null = null;
  /** Saves run one after another: each reads what the one before wrote. */
  private queue: Promise<void> = Promise.resolve();
  private last: RunView | null = null;
  private lastSave = 0;
  private scores: { runId: number; step: number; errors: ErrorPair } | null = null;
  /** Names for runs not kept yet (a run started from a model file), by run id. */
  private readonly names = new Map<number, string>();
  /** Runs deleted by the user: not kept again, even if they are still on screen. */
  private readonly deleted = new Set<string>();
  /** Run ids of this page are unique only within it: the page's start makes them unique in the store. */
  private readonly session = Date.now().toString(36);

  constructor(
    private readonly now: () => number = Date.now,
    private readonly openDb: () => Promise<RunHistoryDb> = async () => (await import('../history/run-db')).RunHistoryDb.open(),
  ) {
    super({ status: 'closed', runs: [], selected: [], currentId: null, error: null });
  }

  idOf(runId: number): string {
    return `${this.session}-${runId}`;
  }

  /** Opens the store (once) and loads the list. */
  open(): Promise<RunHistoryDb> {
    if (!this.db) {
      this.patch({ status: 'loading' });
      this.db = this.openDb().then(
        async (db) => {
          this.patch({ status: 'ready', runs: await db.list() });
          return db;
        },
        (err: unknown) => {
          const message = `The run history cannot be kept in this browser (${err instanceof Error ? err.message : String(err)}).`;
          this.patch({ status: 'error', error: message });
          throw new Error(message);
        },
      );
    }
    return this.db;
  }

  /** Follows the page's runs; `ask` measures a stopped run's test scores. Returns the unsubscribe. */
  watch(source: Source, ask: Ask): () => void {
    const onChange = () => this.onView(source.getSnapshot(), ask);
    const leave = () => this.last && this.save(this.last);
    window.addEventListener('pagehide', leave);
    const off = source.subscribe(onChange);
    return () => {
      off();
      window.removeEventListener('pagehide', leave);
    };
  }

  onView(view: RunView, ask: Ask): void {
    const prev = this.last;
    this.last = view;
    if (prev && prev.runId !== view.runId) {
      void this.save(prev);
      this.patch({ currentId: null });
    }
    if (!view.runConfig || view.step === 0) return;
    const same = prev?.runId === view.runId;
    const ended = same && prev.state !== view.state && ENDED.has(view.state);
    const tested = same && view.test.length > prev.test.length;
    const due = view.state === 'training' && this.now() - this.lastSave >= SAVE_EVERY_MS;
    if (ended && (view.state === 'done' || view.state === 'paused')) {
      void this.save(view);
      // Then with its scores over the whole test set, once measured.
      const { runId, step } = view;
      ask({ kind: 'scores' }).then(
        (a) => {
          if (a.runId !== runId) return;
          this.scores = { runId, step: a.step, errors: a.result.errors };
          if (this.last?.runId === runId && this.last.step === step) void this.save(this.last);
        },
        () => {},
      );
    } else if (ended || tested || due) void this.save(view);
  }

  private scoresOf(view: RunView): ErrorPair | null {
    const s = this.scores;
    return s && s.runId === view.runId && s.step === view.step ? s.errors : null;
  }

  /** Keeps the run as it stands (queued behind earlier saves). */
  save(view: RunView): Promise<void> {
    const snapshot = snapshotOf(view, this.scoresOf(view));
    if (!snapshot) return this.queue;
    this.lastSave = this.now();
    const id = this.idOf(view.runId);
    if (this.deleted.has(id)) return this.queue;
    if (this.last?.runId === view.runId) this.patch({ currentId: id });
    return this.edit(async (db) => {
      const { recordOf } = await import('../history/run-record');
      await db.put(recordOf(snapshot, id, this.now(), await db.summary(id), this.names.get(view.runId)));
    });
  }

  /** Runs an edit of the store after the ones before it, then reloads the list; a failure is reported, not thrown. */
  private async edit(work: (db: RunHistoryDb) => Promise<unknown>): Promise<void> {
    this.queue = this.queue.then(async () => {
      try {
        const db = await this.open();
        await work(db);
        this.patch({ runs: await db.list(), error: null });
      } catch (err) {
        this.patch({ error: err instanceof Error ? err.message : String(err) });
      }
    });
    return this.queue;
  }

  toggle = (id: string) => {
    const { selected } = this.state;
    this.patch({ selected: selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id] });
  };

  /** Picks these runs (and only these) for the comparison. */
  select = (ids: string[]) => this.patch({ selected: ids });

  rename = (id: string, name: string) => this.edit((db) => db.rename(id, name.trim() || 'Unnamed run'));
  remove = (id: string) => {
    this.deleted.add(id);
    this.patch({
      selected: this.state.selected.filter((s) => s !== id),
      currentId: this.state.currentId === id ? null : this.state.currentId,
    });
    return this.edit((db) => db.delete(id));
  };

  clear = () => {
    this.state.runs.forEach((r) => this.deleted.add(r.id));
    if (this.state.currentId) this.deleted.add(this.state.currentId);
    this.patch({ selected: [], currentId: null });
    return this.edit((db) => db.clear());
  };

  saveModel = (model: StoredModel) => this.edit((db) => db.putModel(model));

  async details(id: string): Promise<RunDetails | undefined> {
    return (await this.open()).details(id);
  }

  async model(id: string): Promise<StoredModel | undefined> {
    return (await this.open()).model(id);
  }

  /** The name run `runId` is kept under, once it trains. */
  nameRun(runId: number, name: string): void {
    this.names.set(runId, name);
  }

  dismissError = () => this.patch({ error: null });
}

export const historyStore = new HistoryStore();

export function useHistory(): HistoryView {
  return useSyncExternalStore(historyStore.subscribe, historyStore.getSnapshot);
}
