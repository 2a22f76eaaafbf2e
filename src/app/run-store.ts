/**
 * The page's one store of run status: it owns the training worker, sends it
 * typed requests and folds its replies into a RunView (run-state.ts).
 * Components read it through useRunView().
 */
import { useSyncExternalStore } from 'react';
import type { ExperimentConfig } from '../model/config';
import type { ExploreAnswer, ExploreQuery, ExploreResult, WorkerReply, WorkerRequest } from '../training/protocol';
import type { BackendChoice } from '../shared/backends';
import type { SavedWeights } from '../model/weight-check';
import type { DatasetName } from '../data/datasets';
import { DECODER_MAX_CODES } from '../training/decoder-protocol';
import { DecoderStart } from './decoder-client';
import { dataUrlOf, sendInit, takeTrainingWorker } from './early-download';
import { applyReply, beginRun, beginSweep, initialRunView, type RunView } from './run-state';
import { workerStoppedView } from './worker-stopped';
import { RestartBudget, watchWorker, type WorkerWatch } from './worker-watch';

export class RunStore {
  private view: RunView = initialRunView;
  private readonly listeners = new Set<() => void>();
  private worker: Worker | null = null;
  private watch: WorkerWatch | null = null;
  private readonly restarts = new RestartBudget();
  /** The decoder copy, where hovered points are decoded, and when it starts. */
  private readonly decoder = new DecoderStart();
  private nextRunId = 1;
  private backend: BackendChoice = 'auto';
  private dataset: DatasetName = 'mnist';
  /** The backend measured fastest here (backend-probe.ts), and the one last switched to for it. */
  private measured: string | null = null;
  private followed: string | null = null;
  /** Settles once 'init' is posted; later requests follow it, in order. */
  private initSent: Promise<void> = Promise.resolve();
  private nextRequestId = 1;
  /** The newest run whose first views the worker was told are on screen. */
  private shownRun = 0;
  /** Questions sent to the model and not yet answered, by id. */
  private readonly asked = new Map<number, { resolve(a: ExploreAnswer<ExploreResult>): void; reject(e: Error): void }>();

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
  connect(backend: BackendChoice, dataset: DatasetName): void {
    if (this.worker) return;
    this.set({ ...this.view, backend: { name: null, reason: 'starting…' } });
    this.backend = backend;
    this.dataset = dataset;
    const worker = takeTrainingWorker();
    this.worker = worker;
    const watch = watchWorker(worker, (reason) => this.stopped(worker, reason));
    this.watch = watch;
    worker.addEventListener('message', (e: MessageEvent<WorkerReply>) => {
      // A worker let go may still have had replies on their way.
      if (this.worker !== worker) return;
      watch.heard();
      const reply = e.data;
      if (reply.type === 'pong') return;
      if (reply.type === 'explored' || reply.type === 'explore-error') {
        const waiting = this.asked.get(reply.id);
        this.asked.delete(reply.id);
        if (reply.type === 'explored') waiting?.resolve({ result: reply.result, step: reply.step, runId: reply.runId });
        else waiting?.reject(new Error(reply.message));
        return;
      }
      if (reply.type === 'loaded') this.decoder.dataLoaded(worker);
      if (reply.type === 'latent') this.decoder.now(worker);
      this.set(applyReply(this.view, reply));
      if (reply.type === 'backend') this.followMeasured();
    });
    if (this.measured) worker.postMessage({ type: 'measured-backend', backend: this.measured } satisfies WorkerRequest);
    this.initSent = sendInit(worker, backend, dataUrlOf(dataset)).catch(() => {});
  }

  /** A backend measurement is running (backend-probe-store.ts): the decoder copy waits for its end to start. */
  setProbing(probing: boolean): void {
    this.decoder.setProbing(probing);
  }

  /**
   * The worker died (see worker-watch.ts): it is let go, questions waiting
   * for it fail, and a new one is started, a few times at most; the run's
   * curves and the settings stay (see worker-stopped.ts).
   */
  private stopped(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.watch?.stop();
    this.watch = null;
    worker.terminate();
    this.worker = null;
    // The decoder copy's weights came from that worker: a new copy starts with the new worker.
    this.decoder.close();
    this.asked.forEach((a) => a.reject(new Error('the training worker stopped')));
    this.asked.clear();
    const restart = this.restarts.take();
    this.set(workerStoppedView(this.view, reason, restart));
    if (restart) this.connect(this.backend, this.dataset);
  }

  retryLoad(): void {
    this.set({ ...this.view, load: { status: 'loading', loaded: 0, total: 0 } });
    if (!this.worker) {
      this.connect(this.backend, this.dataset);
      return;
    }
    this.send({ type: 'init', dataUrl: dataUrlOf(this.dataset), backend: this.backend });
  }

  /** Trains on other data from now on: the run ends, and the worker loads them (once, when first chosen). */
  setDataset(dataset: DatasetName): void {
    if (dataset === this.dataset) return;
    this.dataset = dataset;
    this.set({ ...beginRun(this.view, this.nextRunId++, null), load: { status: 'loading', loaded: 0, total: 0 } });
    this.send({ type: 'init', dataUrl: dataUrlOf(dataset), backend: this.backend });
  }

  setBackend(backend: BackendChoice): void {
    if (backend === this.backend) return;
    this.backend = backend;
    this.set({ ...beginRun(this.view, this.nextRunId++, null), backend: { name: null, reason: 'switching…' } });
    this.send({ type: 'set-backend', backend });
  }

  /** 'auto' uses the backend measured fastest here: at once if no run has begun, else from the next start. */
  useMeasuredBackend(backend: string): void {
    this.measured = backend;
    this.worker?.postMessage({ type: 'measured-backend', backend } satisfies WorkerRequest);
    this.followMeasured();
  }

  /** Switches 'auto' to the measured backend once (if it fails to start, the fallback stays). */
  private followMeasured(): void {
    const { measured, view } = this;
    if (this.backend !== 'auto' || !measured || this.followed === measured) return;
    if (!view.backend.name || view.backend.name === measured || view.state !== 'idle') return;
    this.followed = measured;
    this.set({ ...view, backend: { name: null, reason: 'switching to the backend measured fastest…' } });
    this.send({ type: 'set-backend', backend: 'auto' });
  }

  /**
   * Run `runId`'s first views are mounted: once the next frame is painted,
   * the worker may start its first step (training/first-views.ts).
   */
  viewsShown(runId: number): void {
    if (runId <= this.shownRun) return;
    this.shownRun = runId;
    const tell = () => this.send({ type: 'views-shown', runId });
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(tell, 0));
    else tell();
  }

  /** Starts a new run; `runKey` names its model settings (App's modelKey). */
  train(config: ExperimentConfig, runKey: string): void {
    const runId = this.nextRunId++;
    this.set(beginRun(this.view, runId, runKey, config));
    this.send({ type: 'start', runId, config });
  }

  /** Starts a new run from saved weights (a model file), paused; `runKey` names its settings. */
  load(config: ExperimentConfig, runKey: string, weights: SavedWeights): number {
    const runId = this.nextRunId++;
    this.set(beginRun(this.view, runId, runKey, config));
    this.send({ type: 'start', runId, config, weights });
    return runId;
  }

  /** New learning rate or epochs for the run in progress (weights kept), if it has these model settings. */
  updateTraining(learningRate: number, epochs: number, runKey: string): void {
    if (this.view.state === 'idle' || this.view.runKey !== runKey) return;
    // A learning rate changed once steps were taken is a schedule: a link cannot carry it (see scheduleNote).
    const { step, scheduleChanges, runConfig } = this.view;
    const current = scheduleChanges.at(-1)?.learningRate ?? runConfig?.learningRate;
    if (current !== undefined && learningRate !== current) {
      // Before the first step the run simply starts with the new rate.
      if (step === 0 && runConfig) this.set({ ...this.view, runConfig: { ...runConfig, learningRate } });
      else if (step > 0) this.set({ ...this.view, scheduleChanges: [...scheduleChanges, { step, learningRate }] });
    }
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

  /**
   * Asks the current run's model a question (see ExploreQuery). The answer
   * says at which step the model was; it fails with a readable reason (no
   * model yet, the model changed, a bad input).
   */
  explore = <K extends ExploreQuery['kind']>(
    query: Extract<ExploreQuery, { kind: K }>,
  ): Promise<ExploreAnswer<Extract<ExploreResult, { kind: K }>>> => {
    const { view } = this;
    const decoder = this.decoder.current;
    const q = query as ExploreQuery;
    if (q.kind === 'decode' && q.count <= DECODER_MAX_CODES && decoder && view.state !== 'idle' && view.state !== 'starting') {
      // The decoder copy first (it waits for no training step); the training worker when it cannot.
      const runId = view.runId;
      return decoder
        .decode(runId, q.codes, q.count)
        .then((copy) =>
          copy
            ? ({ result: { kind: 'decode', images: copy.images }, step: copy.step, runId } as ExploreAnswer<
                Extract<ExploreResult, { kind: K }>
              >)
            : this.askWorker(query),
        );
    }
    return this.askWorker(query);
  };

  private askWorker<K extends ExploreQuery['kind']>(
    query: Extract<ExploreQuery, { kind: K }>,
  ): Promise<ExploreAnswer<Extract<ExploreResult, { kind: K }>>> {
    const worker = this.worker;
    if (!worker || this.view.state === 'idle' || this.view.state === 'starting') {
      return Promise.reject(new Error('there is no trained model: press Train first'));
    }
    if (this.view.modelLost) return Promise.reject(new Error('the model was lost with the training worker: press Train for a new one'));
    const id = this.nextRequestId++;
    const transfer: Transferable[] = [];
    return new Promise((resolve, reject) => {
      this.asked.set(id, { resolve: resolve as (a: ExploreAnswer<ExploreResult>) => void, reject });
      void this.initSent.then(() =>
        worker.postMessage({ type: 'explore', id, runId: this.view.runId, query } satisfies WorkerRequest, transfer),
      );
    });
  }

  /** Trains `config`'s kind at each code size in turn (pausing the run) and compares each with PCA. */
  startSweep(config: ExperimentConfig, codeSizes: number[], epochs: number, trainDigits?: number): void {
    const id = this.nextRequestId++;
    this.set(beginSweep(this.view, id, config, codeSizes, epochs));
    this.send({ type: 'sweep', id, config, codeSizes, epochs, ...(trainDigits ? { trainDigits } : {}) });
  }

  stopSweep(): void {
    this.send({ type: 'stop-sweep', id: this.view.sweep.id });
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.view;
}

export const runStore = new RunStore();

/** Settles when the data have loaded for the first time (then the page is ready to train). */
export function waitForData(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (runStore.getSnapshot().load.status !== 'ready') return false;
      off();
      resolve();
      return true;
    };
    const off = runStore.subscribe(check);
    check();
  });
}

export function useRunView(): RunView {
  return useSyncExternalStore(runStore.subscribe, runStore.getSnapshot);
}
