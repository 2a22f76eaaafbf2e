/**
 * The page's one store of run status: it owns the training worker, sends it
 * typed requests and folds its replies into a RunView (run-state.ts).
 * Components read it through useRunView().
 */
import { useSyncExternalStore } from 'react';
import type { ExperimentConfig } from '../model/config';
import type { WorkerReply, WorkerRequest } from '../training/protocol';
import type { BackendChoice } from '../state/url-state';
import { DATA_URL, sendInit, takeTrainingWorker } from './early-download';
import { applyReply, beginRun, initialRunView, type RunView } from './run-state';

class RunStore {
  private view: RunView = initialRunView;
  private readonly listeners = new Set<() => void>();
  private worker: Worker | null = null;
  private nextRunId = 1;
  private backend: BackendChoice = 'auto';
  /** Settles once 'init' is posted; later requests follow it, in order. */
  private initSent: Promise<void> = Promise.resolve();

  private send(request: WorkerRequest): void {
    const worker = this.worker;
    if (!worker) return;
    void this.initSent.then(() => worker.postMessage(request));
  }

  private set(view: RunView): void {
    if (view === this.view) return;
    this.view = view;
    this.listeners.forEach((l) => l());
  }

  /** Creates the worker (once) and starts loading data and the backend. */
  connect(backend: BackendChoice): void {
    if (this.worker) return;
    this.set({ ...this.view, backend: { name: null, reason: 'starting…' } });
    this.backend = backend;
    const worker = takeTrainingWorker();
    this.worker = worker;
    worker.addEventListener('message', (e: MessageEvent<WorkerReply>) => this.set(applyReply(this.view, e.data)));
    // A worker that fails to load or crashes: say so, and let Retry start a new one.
    worker.addEventListener('error', (e: ErrorEvent | Event) => {
      const detail = 'message' in e && e.message ? e.message : 'it could not be loaded or stopped unexpectedly';
      worker.terminate();
      if (this.worker === worker) this.worker = null;
      const message = `The training worker failed (${detail}). Press Retry to start it again.`;
      this.set({
        ...beginRun(this.view, this.nextRunId++, null),
        load: { status: 'error', loaded: 0, total: 0, message },
        backend: { name: null, reason: 'stopped' },
      });
    });
    this.initSent = sendInit(worker, backend).catch(() => {});
  }

  retryLoad(): void {
    this.set({ ...this.view, load: { status: 'loading', loaded: 0, total: 0 } });
    if (!this.worker) {
      this.connect(this.backend);
      return;
    }
    this.send({ type: 'init', dataUrl: DATA_URL, backend: this.backend });
  }

  setBackend(backend: BackendChoice): void {
    if (backend === this.backend) return;
    this.backend = backend;
    this.set({ ...beginRun(this.view, this.nextRunId++, null), backend: { name: null, reason: 'switching…' } });
    this.send({ type: 'set-backend', backend });
  }

  /** Starts a new run; `runKey` names its model settings (App's modelKey). */
  train(config: ExperimentConfig, runKey: string): void {
    const runId = this.nextRunId++;
    this.set(beginRun(this.view, runId, runKey, config));
    this.send({ type: 'start', runId, config });
  }

  /** New learning rate or epochs for the run in progress (weights kept), if it has these model settings. */
  updateTraining(learningRate: number, epochs: number, runKey: string): void {
    if (this.view.state === 'idle' || this.view.runKey !== runKey) return;
    this.send({ type: 'update-training', runId: this.view.runId, learningRate, epochs });
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
    this.set(beginRun(this.view, this.nextRunId++, null));
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
