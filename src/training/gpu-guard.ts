/**
 * A run on WebGL survives the loss of the graphics card's context: it goes
 * on on WASM, in the same run (same counters, same curves), from the last
 * copy of its weights and of Adam's state in the worker's memory.
 *
 * While the backend is WebGL, a copy is taken when a model is built and then
 * at most every COPY_EVERY_MS after a step. Measured on a 2-core machine
 * without a GPU (SwiftShader), the default model (51k weights, 153k floats
 * with Adam's moments): a copy takes 25–35 ms (the first two 150–350 ms,
 * while their shaders compile) against about 100 ms for a step, so copies
 * every 2 s cost about 1.5% of the training time; one every step would cost
 * about a quarter.
 * Work on the model runs through `run`: if the context is lost before or
 * during it, its result is discarded (it was computed on a dead context), the
 * old model is freed, WASM starts, a model of the same settings is given the
 * copy and the run's progress, the page is told, and the work runs again.
 */
import type { Mnist } from '../data/mnist';
import type { BackendChoice } from '../shared/backends';
import type { ModelQueue } from './model-queue';
import type { WorkerReply } from './protocol';
import type { SessionDeps } from './session';
import { messageOf } from './session-replies';
import { ContextWatch, LOST_REASON, lostNotice, webglParts } from './context-loss';
import { Trainer } from './trainer';
import { applyCopy, copyWeights, type TrainerProgress, type WeightCopy } from './weight-copy';

/** How often the weights are copied while on WebGL, at most. */
export const COPY_EVERY_MS = 2000;

export interface GuardDeps {
  data(): Mnist | null;
  /** The session's trainer, and its replacement. */
  trainer(): Trainer | null;
  setTrainer(trainer: Trainer | null): void;
  startBackend: SessionDeps['startBackend'];
  post(reply: WorkerReply): void;
  now(): number;
  /** Told of a loss when it happens. */
  onLost(): void;
  /** A recovery queued after a loss failed. */
  fail(err: unknown): void;
}

export class GpuGuard {
  readonly watch: ContextWatch;
  private copy: WeightCopy | null = null;
  private copiedAt = -Infinity;
  /** Copies taken so far. */
  copies = 0;

  constructor(
    queue: ModelQueue,
    private readonly deps: GuardDeps,
  ) {
    this.watch = new ContextWatch(() => {
      deps.onLost();
      // A loss while nothing runs (paused, or no run) moves to WASM at once.
      void queue.enqueue(() => this.recoverIfLost(), deps.fail);
    });
  }

  /** Starts the backend chosen, tells the page, and watches WebGL's context if WebGL it is. */
  async startBackend(choice: BackendChoice): Promise<void> {
    const reply: WorkerReply = await this.deps.startBackend(choice).then(
      ({ name, reason, threads }) => ({ type: 'backend', name, reason, threads: threads ?? 1 }),
      (err: unknown) => ({ type: 'backend-error', message: messageOf(err) }),
    );
    this.watch.watch(webglParts());
    this.copy = null;
    this.deps.post(reply);
  }

  /** Copies the trainer's weights and Adam's state when due (or `now`), on WebGL only: elsewhere nothing can be lost. */
  async keep(trainer: Trainer, now = false): Promise<void> {
    if (!this.watch.watching || this.watch.check()) return;
    const started = this.deps.now();
    if (!now && started - this.copiedAt < COPY_EVERY_MS) return;
    const losses = this.watch.losses;
    const copy = await copyWeights(trainer);
    // Read from a context lost meanwhile: garbage.
    if (this.watch.losses !== losses) return;
    this.copy = copy;
    this.copiedAt = this.deps.now();
    this.copies++;
  }

  /**
   * Runs `work` on the current trainer (null without one). If the context is
   * lost before or during it, the run moves to WASM and the work runs again
   * on the new trainer.
   */
  async run<T>(work: (trainer: Trainer) => Promise<T>): Promise<T | null> {
    for (;;) {
      const trainer = this.deps.trainer();
      if (!trainer) return null;
      const progress = trainer.progress;
      if (this.watch.check()) {
        await this.recover(trainer, progress);
        continue;
      }
      const losses = this.watch.losses;
      try {
        const result = await work(trainer);
        if (this.watch.losses === losses && !this.watch.check()) return result;
      } catch (err) {
        if (this.watch.losses === losses && !this.watch.check()) throw err;
      }
      // Computed on a lost context: the trainer's progress from before the work counts.
      await this.recover(trainer, progress);
    }
  }

  /** Moves to WASM if the context is lost. */
  private async recoverIfLost(): Promise<void> {
    if (!this.watch.check()) return;
    const trainer = this.deps.trainer();
    await this.recover(trainer, trainer?.progress ?? null);
  }

  private async recover(old: Trainer | null, progress: TrainerProgress | null): Promise<void> {
    const copy = this.copy?.of === old ? this.copy : null;
    this.copy = null;
    this.watch.stop();
    this.deps.setTrainer(null);
    try {
      old?.dispose();
    } catch {
      // Its textures went with the context.
    }
    const started = await this.deps.startBackend('wasm', LOST_REASON);
    const data = this.deps.data();
    let run: { step: number; weightsStep: number } | null = null;
    if (old && progress && data) {
      const trainer = new Trainer(data, old.config);
      try {
        if (copy) await applyCopy(trainer, copy);
        trainer.resume(progress, copy?.step ?? 0);
      } catch (err) {
        trainer.dispose();
        throw err;
      }
      this.deps.setTrainer(trainer);
      run = { step: progress.step, weightsStep: copy?.step ?? 0 };
    }
    const { name, reason, threads = 1 } = started;
    this.deps.post({ type: 'backend', name, reason, threads, notice: lostNotice(name, run) });
  }
}
