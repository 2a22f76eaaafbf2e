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

export class HistoryStore {
  private view: HistoryView = { status: 'closed', runs: [], selected: [], currentId: null, error: null };
  private readonly listeners = new Set<() => void>();
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
  ) {}

  idOf(runId: number): string {
    return `${this.session}-${runId}`;
  }

  private set(patch: Partial<HistoryView>): void {
    this.view = { ...this.view, ...patch };
    this.listeners.forEach((l) => l());
  }

  /** Opens the store (once) and loads the list. */
  open(): Promise<RunHistoryDb> {
    if (!this.db) {
      this.set({ status: 'loading' });
      this.db = this.openDb().then(
        async (db) => {
          this.set({ status: 'ready', runs: await db.list() });
          return db;
        },
        (err: unknown) => {
          const message = `The run history cannot be kept in this browser (${err instanceof Error ? err.message : String(err)}).`;
          this.set({ status: 'error', error: message });
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
      this.set({ currentId: null });
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
    if (this.last?.runId === view.runId) this.set({ currentId: id });
    this.queue = this.queue.then(async () => {
      try {
        const db = await this.open();
        const { recordOf } = await import('../history/run-record');
        await db.put(recordOf(snapshot, id, this.now(), await db.summary(id), this.names.get(view.runId)));
        this.set({ runs: await db.list(), error: null });
      } catch (err) {
        this.set({ error: err instanceof Error ? err.message : String(err) });
      }
    });
    return this.queue;
  }

  /** Runs an edit of the store, then reloads the list; a failure is reported, not thrown. */
  private async edit(work: (db: RunHistoryDb) => Promise<unknown>): Promise<void> {
    this.queue = this.queue.then(async () => {
      try {
        const db = await this.open();
        await work(db);
        this.set({ runs: await db.list(), error: null });
      } catch (err) {
        this.set({ error: err instanceof Error ? err.message : String(err) });
      }
    });
    return this.queue;
  }

  toggle = (id: string) => {
    const { selected } = this.view;
    this.set({ selected: selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id] });
  };

  /** Picks these runs (and only these) for the comparison. */
  select = (ids: string[]) => this.set({ selected: ids });

  rename = (id: string, name: string) => this.edit((db) => db.rename(id, name.trim() || 'Unnamed run'));
  remove = (id: string) => {
    this.deleted.add(id);
    this.set({ selected: this.view.selected.filter((s) => s !== id), currentId: this.view.currentId === id ? null : this.view.currentId });
    return this.edit((db) => db.delete(id));
  };

  clear = () => {
    this.view.runs.forEach((r) => this.deleted.add(r.id));
    if (this.view.currentId) this.deleted.add(this.view.currentId);
    this.set({ selected: [], currentId: null });
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

  dismissError = () => this.set({ error: null });

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.view;
}

export const historyStore = new HistoryStore();

export function useHistory(): HistoryView {
  return useSyncExternalStore(historyStore.subscribe, historyStore.getSnapshot);
}
