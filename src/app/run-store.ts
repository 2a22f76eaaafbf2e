/**
 * The page's one store of run status: it owns the training worker, sends it
 * typed requests and folds its replies into a RunView (run-state.ts).
 * Components read it through useRunView().
 */
import { useSyncExternalStore } from 'react';
import type { ExperimentConfig } from '../model/config';
import type { WorkerReply, WorkerRequest } from '../training/protocol';
import type { BackendChoice } from '../state/url-state';
import { applyReply, beginRun, initialRunView, type RunView } from './run-state';

export const DATA_URL = new URL('data/mnist.u8.gzdata', document.baseURI).href;

class RunStore {
  private view: RunView = initialRunView;
  private readonly listeners = new Set<() => void>();
  private worker: Worker | null = null;
  private nextRunId = 1;
  private backend: BackendChoice = 'auto';

  private send(request: WorkerRequest): void {
    this.worker?.postMessage(request);
  }

  private set(view: RunView): void {
    if (view === this.view) return;
    this.view = view;
    this.listeners.forEach((l) => l());
  }

  /** Creates the worker (once) and starts loading data and the backend. */
  connect(backend: BackendChoice): void {
    if (this.worker) return;
    this.backend = backend;
    this.worker = new Worker(new URL('../training/training.worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('message', (e: MessageEvent<WorkerReply>) => this.set(applyReply(this.view, e.data)));
    this.worker.addEventListener('error', (e) =>
      this.set({ ...this.view, backend: { ...this.view.backend, error: `The training worker crashed: ${e.message}` } }),
    );
    this.send({ type: 'init', dataUrl: DATA_URL, backend });
  }

  retryLoad(): void {
    this.set({ ...this.view, load: { status: 'loading', loaded: 0, total: 0 } });
    this.send({ type: 'init', dataUrl: DATA_URL, backend: this.backend });
  }

  setBackend(backend: BackendChoice): void {
    if (backend === this.backend) return;
    this.backend = backend;
    this.set({ ...beginRun(this.view, this.nextRunId++, false), backend: { name: null, reason: 'switching…' } });
    this.send({ type: 'set-backend', backend });
  }

  train(config: ExperimentConfig): void {
    const runId = this.nextRunId++;
    this.set(beginRun(this.view, runId, true));
    this.send({ type: 'start', runId, config });
  }

  pause(): void {
    this.send({ type: 'pause', runId: this.view.runId });
  }

  resume(): void {
    this.send({ type: 'resume', runId: this.view.runId });
  }

  step(): void {
    this.send({ type: 'step', runId: this.view.runId });
  }

  reset(): void {
    if (this.view.state === 'idle' && this.view.step === 0 && !this.view.reconstructions) return;
    this.set(beginRun(this.view, this.nextRunId++, false));
    this.send({ type: 'reset' });
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.view;
}

export const runStore = new RunStore();

export function useRunView(): RunView {
  return useSyncExternalStore(runStore.subscribe, runStore.getSnapshot);
}
