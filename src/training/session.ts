/**
 * The training worker's brain: it owns the data, the backend and the current
 * run, answers WorkerRequests and emits WorkerReplies. It knows nothing of
 * `self` or postMessage (training.worker.ts wires those), so Node tests can
 * drive it directly.
 *
 * Everything that touches the model runs through one queue (ModelQueue), one task at a
 * time, so that a Reset or a new Start arriving while a step is in flight
 * waits for that step instead of freeing weights under it. Control flags
 * (pause) take effect at once, between two steps.
 *
 * What reaches the page is throttled: losses at most every METRICS_MS,
 * reconstructions and latent codes as LiveViews decides (live-views.ts).
 */
import type { Mnist } from '../data/mnist';
import type { ExperimentConfig } from '../model/config';
import type { BackendChoice } from '../state/url-state';
import { ModelAnswers } from './answers/model-answers';
import { LiveViews } from './live-views';
import type { ExploreQuery, HandedDownload, LossPoint, RunState, WorkerReply, WorkerRequest } from './protocol';
import { throttledProgress } from './progress';
import { ModelQueue } from './model-queue';
import { Sweep } from './sweep';
import { Trainer } from './trainer';

export const METRICS_MS = 200;

export interface SessionDeps {
  post(reply: WorkerReply, transfer?: Transferable[]): void;
  /** Loads MNIST from `url`, or from `download` when the page has already started it. */
  loadData(url: string, onProgress: (loaded: number, total: number) => void, download?: HandedDownload): Promise<Mnist>;
  startBackend(choice: BackendChoice): Promise<{ name: string; reason: string }>;
  now(): number;
  /** Lets queued messages in (a macrotask turn). */
  yieldNow(): Promise<void>;
}


export class TrainingSession {
  private data: Mnist | null = null;
  private backendReady: Promise<unknown> = Promise.resolve();
  private trainer: Trainer | null = null;
  private runId = -1;
  private state: RunState | 'idle' = 'idle';
  private readonly queue = new ModelQueue();
  private pending: LossPoint[] = [];
  private lastMetrics = 0;
  /** Reconstructions and latent codes sent while a run trains (once the data are loaded). */
  private views: LiveViews | null = null;
  /** Samples per second, smoothed over recent steps. */
  private rate = 0;
  /** When the previous step ended, or 0 when the next step starts a new interval. */
  private lastStepEnd = 0;
  /** Identifies the one live chain of scheduled steps; a new chain ends the old. */
  private loop = 0;
  /** A Pause that arrived while the run's model was still being built. */
  private pauseOnStart = false;

  readonly explorer: ModelAnswers;
  private readonly sweep: Sweep;

  constructor(private readonly deps: SessionDeps) {
    const exclusive = <T>(fn: () => Promise<T>, urgent?: boolean) => this.queue.exclusive(fn, urgent);
    this.explorer = new ModelAnswers({
      data: () => this.data,
      trainer: (runId) => (runId === this.runId && this.state !== 'idle' ? this.trainer : null),
      exclusive,
      yieldNow: deps.yieldNow,
    });
    this.sweep = new Sweep({
      data: () => this.data,
      post: (reply) => deps.post(reply),
      exclusive,
      yieldNow: deps.yieldNow,
      now: deps.now,
      explorer: this.explorer,
    });
  }

  /** Resolves when the request has been fully handled (tests await it). */
  handle(request: WorkerRequest): Promise<void> {
    // Only one model trains at a time: the run's controls end a sweep.
    if (['start', 'resume', 'step', 'reset', 'set-backend'].includes(request.type)) this.sweep.stop();
    switch (request.type) {
      case 'explore':
        return this.explore(request.id, request.runId, request.query);
      case 'sweep':
        if (this.state === 'training') {
          this.state = 'paused';
          this.postState();
        }
        return this.sweep.start(request);
      case 'stop-sweep':
        this.sweep.stop(request.id);
        return Promise.resolve();
      case 'init':
        return this.init(request.dataUrl, request.backend, request.download);
      case 'set-backend':
        this.cancelRun();
        return this.enqueue(() => this.setBackend(request.backend));
      case 'start':
        this.cancelRun();
        this.runId = request.runId;
        return this.enqueue(() => this.start(request.runId, request.config), request.runId);
      case 'pause':
        if (request.runId !== this.runId) return Promise.resolve();
        if (this.state === 'idle') {
          // The run's id is set but its model is still being built: it will start paused.
          this.pauseOnStart = true;
          return Promise.resolve();
        }
        if (this.state === 'training') {
          this.state = 'paused';
          // Posted at once: the page learns of the pause even if a step is in flight.
          this.postState();
          const runId = this.runId;
          return this.enqueue(async () => {
            this.postMetrics(runId);
            await this.publishViews(runId, true);
          }, runId);
        }
        return Promise.resolve();
      case 'resume':
        if (request.runId === this.runId && this.canContinue()) {
          this.state = 'training';
          this.lastStepEnd = 0;
          this.postState();
          this.scheduleStep(this.runId);
        }
        return Promise.resolve();
      case 'step':
        if (request.runId === this.runId && this.canContinue()) {
          const runId = request.runId;
          return this.enqueue(async () => {
            if (this.state === 'diverged') {
              this.state = 'paused';
              this.postState();
            }
            await this.stepOnce(runId, true);
          }, runId);
        }
        return Promise.resolve();
      case 'update-training': {
        if (request.runId !== this.runId) return Promise.resolve();
        const runId = request.runId;
        return this.enqueue(async () => {
          const trainer = this.trainer;
          if (!trainer || runId !== this.runId) return;
          trainer.setTraining({ learningRate: request.learningRate, epochs: request.epochs });
          if (this.state === 'done' && !trainer.finished) {
            this.state = 'paused';
          } else if (this.state !== 'done' && trainer.finished) {
            this.state = 'done';
            this.postMetrics(runId);
            this.postState();
            // The run ends here: its views show its final weights, as at any other end.
            await this.publishViews(runId, true);
            return;
          }
          this.postMetrics(runId);
          this.postState();
        }, runId);
      }
      case 'reset':
        this.cancelRun();
        return this.enqueue(async () => {});
    }
  }

  /** Answers a question about run `runId`'s model; a failure is reported, never fatal to the run. */
  private async explore(id: number, runId: number, query: ExploreQuery): Promise<void> {
    try {
      const { result, step, transfer } = await this.explorer.answer(runId, query);
      this.deps.post({ type: 'explored', id, runId, step, result }, transfer);
    } catch (err) {
      this.deps.post({ type: 'explore-error', id, message: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Paused, or stopped by a divergence (weights restored), with epochs left. */
  private canContinue(): boolean {
    return (this.state === 'paused' || this.state === 'diverged') && !!this.trainer && !this.trainer.finished;
  }

  /**
   * Queues a task. An error it throws is reported against `runId` (the run
   * it belongs to); errors of a run that has since been replaced are dropped.
   */
  private enqueue(task: () => Promise<void>, runId?: number): Promise<void> {
    return this.queue.enqueue(task, (err) => this.fail(err, runId));
  }

  private fail(err: unknown, runId?: number): void {
    const message = err instanceof Error ? err.message : String(err);
    if (runId !== undefined && runId !== this.runId) return;
    if (runId !== undefined && runId >= 0) {
      this.state = 'failed';
      const hint = /context.*lost|lost.*context/i.test(message)
        ? ' The GPU context was lost: choose the WebAssembly backend, or reload the page.'
        : ' Press Train to start again, or choose another backend.';
      this.postState(`Training stopped: ${message}.${hint}`);
    } else {
      this.deps.post({ type: 'backend-error', message });
    }
  }

  private async init(dataUrl: string, backend: BackendChoice, download?: HandedDownload): Promise<void> {
    this.backendReady = this.enqueue(() => this.setBackend(backend));
    if (!this.data) {
      const started = this.deps.now();
      let bytes = 0;
      const progress = throttledProgress((loaded, total) => this.deps.post({ type: 'load-progress', loaded, total }), this.deps.now);
      try {
        this.data = await this.deps.loadData(
          dataUrl,
          (loaded, total) => {
            bytes = loaded;
            progress(loaded, total);
          },
          download,
        );
      } catch (err) {
        this.deps.post({ type: 'load-error', message: err instanceof Error ? err.message : String(err) });
        return;
      }
      this.views = new LiveViews(this.data.test, { post: (reply, transfer) => this.deps.post(reply, transfer), now: this.deps.now });
      await this.backendReady;
      this.deps.post({
        type: 'loaded',
        trainCount: this.data.train.count,
        testCount: this.data.test.count,
        bytes,
        seconds: (this.deps.now() - started) / 1000,
      });
    }
  }

  private async setBackend(choice: BackendChoice): Promise<void> {
    this.disposeTrainer();
    try {
      const { name, reason } = await this.deps.startBackend(choice);
      this.deps.post({ type: 'backend', name, reason });
    } catch (err) {
      this.deps.post({ type: 'backend-error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Stops the current run at once; its model is freed by the next queued task. */
  private cancelRun(): void {
    this.state = 'idle';
    this.runId = -1;
    this.pauseOnStart = false;
    this.enqueue(async () => this.disposeTrainer());
  }

  private disposeTrainer(): void {
    this.trainer?.dispose();
    this.trainer = null;
  }

  private postState(message?: string): void {
    if (this.state === 'idle') return;
    this.deps.post({
      type: 'run-state',
      runId: this.runId,
      state: this.state,
      step: this.trainer?.step ?? 0,
      epoch: this.trainer?.epoch ?? 0,
      ...(message ? { message } : {}),
    });
  }

  private async start(runId: number, config: ExperimentConfig): Promise<void> {
    if (runId !== this.runId) return;
    await this.backendReady;
    if (!this.data) throw new Error('the MNIST digits are not loaded yet');
    this.disposeTrainer();
    this.trainer = new Trainer(this.data, config);
    this.state = this.pauseOnStart ? 'paused' : 'training';
    this.pauseOnStart = false;
    this.pending = [];
    this.views?.reset();
    this.rate = 0;
    this.postState();
    this.postMetrics(runId);
    await this.publishViews(runId, true);
    this.lastStepEnd = 0;
    if (this.state === 'training') this.scheduleStep(runId);
  }

  private scheduleStep(runId: number, loop = ++this.loop): void {
    const live = () => runId === this.runId && this.state === 'training' && loop === this.loop;
    void this.deps.yieldNow().then(() =>
      // Tagged with the run, so that an error inside a step fails this run
      // with its reason (untagged, it would only be reported as a backend error).
      this.enqueue(async () => {
        if (!live()) return;
        await this.stepOnce(runId, false);
        if (live()) this.scheduleStep(runId, loop);
      }, runId),
    );
  }

  private async stepOnce(runId: number, single: boolean): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || runId !== this.runId || trainer.finished) return;
    const started = this.deps.now();
    const outcome = await trainer.trainStep();
    const ended = this.deps.now();
    if (runId !== this.runId) return;
    if (outcome.kind === 'diverged') {
      this.state = 'diverged';
      this.postMetrics(runId);
      this.postState(outcome.message);
      await this.publishViews(runId, true);
      return;
    }
    // Wall-clock throughput while training: from the end of the previous
    // step (views and yields included), or from this step's start after a
    // pause or a test pass.
    const since = single || this.lastStepEnd === 0 ? started : Math.min(started, this.lastStepEnd);
    this.lastStepEnd = ended;
    const instant = trainer.config.batchSize / Math.max(1e-6, (ended - since) / 1000);
    this.rate = this.rate === 0 ? instant : 0.9 * this.rate + 0.1 * instant;
    this.pending.push({
      step: outcome.step,
      total: outcome.total,
      reconstruction: outcome.reconstruction,
      ...(outcome.kl !== undefined ? { kl: outcome.kl } : {}),
    });
    if (single || ended - this.lastMetrics >= METRICS_MS) this.postMetrics(runId);
    if (outcome.epochDone) {
      this.postMetrics(runId);
      // In chunks of 250: between two, the worker answers messages and urgent questions.
      const test = await trainer.evaluate(undefined, 250, async () => {
        await this.deps.yieldNow();
        // The weights do not change during the test pass: a hovered point can be decoded meanwhile.
        await this.queue.runUrgent();
        return runId === this.runId;
      });
      if (!test || runId !== this.runId) return;
      this.deps.post({ type: 'test-loss', runId, epoch: trainer.epoch, step: trainer.step, ...test });
      // The test pass is not training time: the next step starts a new interval.
      this.lastStepEnd = 0;
      if (trainer.finished) {
        this.state = 'done';
        this.postState();
        await this.publishViews(runId, true);
        return;
      }
    }
    await this.publishViews(runId, single);
  }

  private postMetrics(runId: number): void {
    const trainer = this.trainer;
    if (!trainer) return;
    this.deps.post({
      type: 'metrics',
      runId,
      points: this.pending,
      step: trainer.step,
      epoch: trainer.epoch,
      stepsPerEpoch: trainer.stepsPerEpoch,
      totalSteps: trainer.totalSteps,
      samplesPerSecond: this.rate,
    });
    this.pending = [];
    this.lastMetrics = this.deps.now();
  }

  /** Sends the live views that are due (or all, if forced), for the current run. */
  private async publishViews(runId: number, force: boolean): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || !this.views || runId !== this.runId) return;
    // A hovered point waiting since the step began is answered before the codes are computed.
    await this.views.publish(trainer, runId, force, () => this.queue.runUrgent());
  }
}
