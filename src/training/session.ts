/**
 * The training worker's shell: it owns the data, the backend, the model and the live views,
 * answers WorkerRequests and emits WorkerReplies. The run's states and transitions are the pure
 * run machine's (run-machine.ts); this shell feeds it events and performs the effects it returns.
 * It knows nothing of `self` or postMessage (training.worker.ts wires those): Node tests drive it.
 *
 * Everything that touches the model runs through one queue (ModelQueue), one
 * task at a time: a Reset or a new Start waits for the step in flight instead
 * of freeing weights under it. A pause takes effect at once, between steps.
 *
 * What leaves is throttled: losses at most every METRICS_MS, the live views
 * as LiveViews decides, the decoder's weights as DecoderSync (decoder-copy.ts).
 */
import type { Mnist } from '../data/mnist';
import type { BackendChoice } from '../shared/backends';
import type { SavedWeights } from '../model/weight-check';
import type { ModelAnswers } from './answers/model-answers';
import { makeAnswerers, postAnswer } from './answerers';
import { DecoderSync } from './decoder-copy';
import { FirstViews } from './first-views';
import type { DecoderWeights } from './decoder-protocol';
import { LiveViews } from './live-views';
import { messageOf, metricsReply } from './session-replies';
import type { HandedDownload, LossPoint, SessionRequest, WorkerReply } from './protocol';
import { throttledProgress } from './progress';
import { GpuGuard } from './gpu-guard';
import { ModelQueue } from './model-queue';
import { initialRunMachine, modelReady, runTransition, stillDue, type RunEffect, type RunEvent, type StepKind } from './run-machine';
import type { Sweep } from './sweep';
import { initialThroughput, newInterval, recordStep } from './throughput';
import { Trainer } from './trainer';

export const METRICS_MS = 200;

export interface SessionDeps {
  post(reply: WorkerReply, transfer?: Transferable[]): void;
  /** Loads a dataset from `url`, or from `download` when the page has already started it. */
  loadData(url: string, onProgress: (loaded: number, total: number) => void, download?: HandedDownload): Promise<Mnist>;
  /** Starts a backend; `why`, if given, is the reason it was chosen (otherwise the settings'). */
  startBackend(choice: BackendChoice, why?: string): Promise<{ name: string; reason: string; threads?: number }>;
  now(): number;
  yieldNow(): Promise<void>; // lets queued messages in (a macrotask turn)
  /** Sends the decoder's weights to the decoder copy, once it is connected. */
  postDecoder?(message: DecoderWeights, transfer: Transferable[]): void;
  /** How long a new run's first step may wait for the page to show its first views (first-views.ts); none if 0 or unset. */
  firstViewsWaitMs?: number;
}

const stepKindOf = (e: StepKind) => (e.single ? ({ single: true } as const) : ({ single: false, loop: e.loop } as const));

export class TrainingSession {
  private data: Mnist | null = null;
  // A model waits for both: the backend started, and the data in loading arrived.
  private backendReady: Promise<unknown> = Promise.resolve();
  private dataReady: Promise<unknown> = Promise.resolve();
  private trainer: Trainer | null = null;
  private run = initialRunMachine;
  private readonly queue = new ModelQueue();
  private pending: LossPoint[] = []; // losses not yet sent
  private lastMetrics = 0;
  private throughput = initialThroughput;
  private views: LiveViews | null = null; // the run's live views, once the data are loaded
  private readonly decoder = new DecoderSync({ post: (m, t) => this.deps.postDecoder?.(m, t), now: () => this.deps.now() });
  private readonly syncDecoder = (force: boolean) => this.decoder.sync(this.trainer, this.run.runId, force);
  /** A new run's first step waits for the page to show its first views. */
  private readonly firstViews: FirstViews;

  /** Where the data came from: another URL (the other dataset) replaces them. */
  private dataUrl: string | null = null;
  /** The model's answers and the sweep, with caches (PCA of the training set) of the data loaded now. */
  private readonly makeAnswerers = () =>
    makeAnswerers(this.queue, {
      ...this.deps,
      data: () => this.data,
      trainer: (runId) => (modelReady(this.run, runId) ? this.trainer : null),
    });
  answers: ModelAnswers;
  private sweep: Sweep;
  /** Moves a run on WebGL to WASM if the graphics card's context is lost. */
  readonly guard: GpuGuard;

  constructor(private readonly deps: SessionDeps) {
    this.firstViews = new FirstViews(deps.firstViewsWaitMs ?? 0);
    ({ answers: this.answers, sweep: this.sweep } = this.makeAnswerers());
    this.guard = new GpuGuard(this.queue, {
      ...deps,
      data: () => this.data,
      trainer: () => this.trainer,
      setTrainer: (trainer) => (this.trainer = trainer),
      // A sweep's models stay on the lost context: the sweep ends.
      onLost: () => this.sweep.stop(),
      fail: (err) => void this.request({ type: 'task-failed', runId: this.run.runId, message: messageOf(err) }),
    });
  }

  /** Resolves when the request has been fully handled (tests await it); a ping is the worker entry's. */
  handle(request: SessionRequest): Promise<void> {
    switch (request.type) {
      case 'explore':
        return postAnswer(this.answers, this.deps.post, request);
      case 'sweep':
        this.request({ type: 'sweep-starting' });
        return this.sweep.start(request);
      case 'stop-sweep':
        this.sweep.stop(request.id);
        return Promise.resolve();
      case 'init':
        return this.init(request.dataUrl, request.backend, request.download);
      case 'decoder-port':
        this.decoder.connect();
        return this.queue.exclusive(() => this.syncDecoder(true));
      case 'views-shown':
        this.firstViews.shown(request.runId);
        return Promise.resolve();
      default:
        // Whatever the request, a step waiting for the page's first paint need not wait any longer.
        this.firstViews.release();
        return this.request(request);
    }
  }

  private async init(dataUrl: string, backend: BackendChoice, download?: HandedDownload): Promise<void> {
    if (this.data && this.dataUrl !== dataUrl) {
      // Other data: the run and every cache of the old data go.
      await this.request({ type: 'reset' });
      this.data = null;
      this.views = null;
      ({ answers: this.answers, sweep: this.sweep } = this.makeAnswerers());
    }
    this.backendReady = this.enqueue({ type: 'switch-backend', backend });
    if (this.data) return;
    this.dataUrl = dataUrl;
    const started = this.deps.now();
    let bytes = 0;
    const progress = throttledProgress((loaded, total) => {
      bytes = loaded;
      this.deps.post({ type: 'load-progress', loaded, total });
    }, this.deps.now);
    try {
      this.data = await (this.dataReady = this.deps.loadData(dataUrl, progress, download));
    } catch (err) {
      this.deps.post({ type: 'load-error', message: messageOf(err) });
      return;
    }
    this.views = new LiveViews(this.data.test, { post: (reply, transfer) => this.deps.post(reply, transfer), now: this.deps.now });
    await this.backendReady;
    const { train, test } = this.data;
    this.deps.post({ type: 'loaded', trainCount: train.count, testCount: test.count, bytes, seconds: (this.deps.now() - started) / 1000 });
  }

  /** A request's transition: its effects are immediate; resolves when the work it queued is done. */
  private request(event: RunEvent): Promise<void> {
    let queued: Promise<void> = Promise.resolve();
    for (const effect of this.transition(event)) {
      const done = this.perform(effect);
      if (effect.type === 'enqueue' && done) queued = done;
    }
    return queued;
  }

  /** Feeds an event to the run machine and performs its effects in order. */
  private async dispatch(event: RunEvent): Promise<void> {
    for (const effect of this.transition(event)) {
      if (!stillDue(this.run, effect)) continue;
      // Queued work is never awaited here: it waits for the task in progress.
      const done = this.perform(effect);
      if (done && effect.type !== 'enqueue') await done;
    }
  }

  private transition(event: RunEvent): RunEffect[] {
    const { state, effects } = runTransition(this.run, event);
    this.run = state;
    return effects;
  }

  /** Queues `event`; an error while handling it fails run `runId` (errors of a replaced run are dropped). */
  private enqueue(event: RunEvent, runId?: number): Promise<void> {
    return this.queue.enqueue(
      () => this.dispatch(event),
      (err) => void this.request({ type: 'task-failed', runId, message: messageOf(err) }),
    );
  }

  private perform(effect: RunEffect): Promise<void> | void {
    const { deps } = this;
    switch (effect.type) {
      case 'enqueue':
        return this.enqueue(effect.event, effect.runId);
      case 'stop-sweep':
        return this.sweep.stop();
      case 'post':
        return deps.post(effect.reply);
      case 'post-state':
        void this.queue.exclusive(() => this.syncDecoder(true)).catch(() => {});
        return deps.post({
          type: 'run-state',
          runId: effect.runId,
          state: effect.state,
          step: this.trainer?.step ?? 0,
          epoch: this.trainer?.epoch ?? 0,
          ...(effect.message ? { message: effect.message } : {}),
        });
      case 'post-metrics':
        if (effect.dueAt === undefined || effect.dueAt - this.lastMetrics >= METRICS_MS) this.postMetrics(effect.runId);
        return;
      case 'publish-views':
        return this.publishViews(effect.runId, effect.force);
      case 'schedule-step': {
        const { runId, loop } = effect;
        // Tagged with the run, so that an error inside a step fails this run with its reason.
        void deps.yieldNow().then(() => this.enqueue({ type: 'step-due', runId, loop }, runId));
        return;
      }
      case 'record-step':
        this.throughput = recordStep(this.throughput, this.trainer?.config.batchSize ?? 0, effect.started, effect.ended, effect.single);
        this.pending.push(effect.point);
        return;
      case 'new-interval':
        this.throughput = newInterval(this.throughput);
        return;
      case 'dispose-trainer':
        this.trainer?.dispose();
        this.trainer = null;
        return;
      case 'build-model':
        return this.build(effect.runId, effect.config, effect.weights);
      case 'train-step':
        return this.trainStep(effect);
      case 'test-pass':
        return this.testPass(effect);
      case 'set-training':
        this.trainer?.setTraining(effect);
        return this.dispatch({ type: 'training-updated', runId: effect.runId, finished: !!this.trainer?.finished });
      case 'start-backend':
        return this.guard.startBackend(effect.backend);
    }
  }

  private async build(runId: number, config: Trainer['config'], weights?: SavedWeights): Promise<void> {
    await this.backendReady;
    await this.dataReady.catch(() => {});
    if (!this.data) throw new Error('the data are not loaded yet');
    this.trainer?.dispose();
    this.trainer = null;
    this.trainer = new Trainer(this.data, config, weights);
    await this.guard.keep(this.trainer, true);
    this.decoder.markChanged();
    this.pending = [];
    this.views?.reset();
    this.firstViews.begin(runId);
    this.throughput = initialThroughput;
    await this.dispatch({ type: 'model-built', runId });
  }

  private async trainStep(effect: Extract<RunEffect, { type: 'train-step' }>): Promise<void> {
    const { runId } = effect;
    const kind = stepKindOf(effect);
    const started = this.deps.now();
    const outcome = await this.guard.run((t) => t.trainStep());
    const trainer = this.trainer;
    if (!outcome || !trainer) return;
    if (outcome.kind === 'ok') await this.guard.keep(trainer);
    const ended = this.deps.now();
    this.decoder.markChanged();
    await this.syncDecoder(kind.single || outcome.kind === 'diverged');
    if (outcome.kind === 'diverged') return this.dispatch({ type: 'diverged', runId, message: outcome.message });
    const { step, total, reconstruction, penalty, epochDone } = outcome;
    const point: LossPoint = { step, total, reconstruction, ...(penalty !== undefined ? { penalty } : {}) };
    await this.dispatch({ type: 'step-done', runId, ...kind, epochDone, finished: trainer.finished, point, started, ended });
  }

  private async testPass(effect: Extract<RunEffect, { type: 'test-pass' }>): Promise<void> {
    const { runId } = effect;
    const kind = stepKindOf(effect);
    // In chunks of 250: between two, the worker answers messages and urgent questions.
    const between = async () => {
      await this.deps.yieldNow();
      // The weights do not change during the test pass: a hovered point can be decoded meanwhile.
      await this.queue.runUrgent();
      return runId === this.run.runId;
    };
    const test = await this.guard.run((t) => t.evaluate(undefined, 250, between));
    const trainer = this.trainer;
    if (!test || !trainer) return;
    await this.dispatch({
      type: 'test-done',
      runId,
      ...kind,
      finished: trainer.finished,
      test: { epoch: trainer.epoch, step: trainer.step, seconds: this.throughput.seconds, ...test },
    });
  }

  private postMetrics(runId: number): void {
    if (!this.trainer) return;
    this.deps.post(metricsReply(runId, this.trainer, this.pending, this.throughput));
    this.pending = [];
    this.lastMetrics = this.deps.now();
  }

  /** Sends the live views that are due (or all, if forced). */
  private async publishViews(runId: number, force: boolean): Promise<void> {
    const views = this.views;
    if (!views) return;
    // A hovered point waiting since the step began is answered before the codes are computed.
    await this.guard.run((trainer) => views.publish(trainer, runId, force, () => this.queue.runUrgent()));
    await this.firstViews.published(runId);
  }
}
