/**
 * The bottleneck sweep: trains the current kind once per code size, one
 * model after another, and measures each one's test error next to PCA's with
 * the same number of components. It shows what a wider code buys, and how far
 * a non-linear code beats the best linear one of the same size.
 *
 * Each step goes through `exclusive`, like a run's steps, with a yield in
 * between, so that the page's questions and a Stop are answered at once.
 */
import type { Mnist } from '../data/mnist';
import type { ExperimentConfig } from '../model/config';
import type { ModelAnswers } from './answers/model-answers';
import { meanErrors, scoreImages } from './image-errors';
import type { ErrorPair, WorkerReply } from './protocol';
import { Trainer } from './trainer';

/** How often (ms) the sweep reports its progress. */
const PROGRESS_MS = 250;
/** Test digits per chunk of the error measurement. */
const CHUNK = 500;

export interface SweepDeps {
  data(): Mnist | null;
  post(reply: WorkerReply): void;
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  yieldNow(): Promise<void>;
  now(): number;
  answers: ModelAnswers;
}

export interface SweepRequest {
  id: number;
  config: ExperimentConfig;
  codeSizes: number[];
  epochs: number;
  /** Training digits each model sees per epoch (the first ones of the training set); all of them if absent. */
  trainDigits?: number;
}

/** Mean BCE and squared error per pixel of a model on a whole split, chunk by chunk; null if stopped. */
async function testErrors(deps: SweepDeps, trainer: Trainer, split: Mnist['test'], live: () => boolean): Promise<ErrorPair | null> {
  if (!live()) return null;
  const errors = await scoreImages(trainer.model, split, {
    chunk: CHUNK,
    run: (work) => deps.exclusive(work),
    between: async () => {
      await deps.yieldNow();
      return live();
    },
  });
  return errors && meanErrors(errors);
}

export class Sweep {
  private job: { id: number; stopped: boolean } | null = null;

  constructor(private readonly deps: SweepDeps) {}

  get running(): boolean {
    return this.job !== null;
  }

  /** Stops the sweep `id` (or any sweep); it reports 'sweep-done' with stopped: true. */
  stop(id?: number): void {
    if (this.job && (id === undefined || id === this.job.id)) {
      this.job.stopped = true;
      this.job = null;
    }
  }

  /** Runs a sweep to its end (a new one stops the old); resolves when it has reported 'sweep-done'. */
  async start(request: SweepRequest): Promise<void> {
    this.stop();
    const job = { id: request.id, stopped: false };
    this.job = job;
    try {
      await this.run(job, request);
      this.deps.post({ type: 'sweep-done', id: job.id, stopped: job.stopped });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.deps.post({ type: 'sweep-done', id: job.id, stopped: true, message: `The sweep stopped: ${message}.` });
    } finally {
      if (this.job === job) this.job = null;
    }
  }

  private async run(job: { id: number; stopped: boolean }, request: SweepRequest): Promise<void> {
    const { deps } = this;
    const full = deps.data();
    if (!full) throw new Error('the MNIST digits are not loaded yet');
    const { codeSizes, epochs } = request;
    if (!(Number.isInteger(epochs) && epochs >= 1 && epochs <= 100)) throw new RangeError('epochs must be a whole number from 1 to 100');
    if (!codeSizes.length || !codeSizes.every((k) => Number.isInteger(k) && k >= 1 && k <= 128)) {
      throw new RangeError('code sizes must be whole numbers from 1 to 128');
    }
    const trainDigits = Math.min(full.train.count, request.trainDigits ?? full.train.count);
    const data: Mnist = {
      train: {
        images: full.train.images.subarray(0, trainDigits * 784),
        labels: full.train.labels.subarray(0, trainDigits),
        count: trainDigits,
      },
      test: full.test,
    };
    const live = () => !job.stopped;
    const bceFloor = deps.answers.bceFloor();
    for (const codeSize of codeSizes) {
      if (!live()) return;
      const trainer = new Trainer(data, { ...request.config, codeSize, epochs });
      try {
        let lastPost = -Infinity;
        while (!trainer.finished && live()) {
          const outcome = await deps.exclusive(() => trainer.trainStep());
          if (outcome.kind === 'diverged') {
            throw new Error(`the model with a code of ${codeSize} diverged at step ${outcome.step}; lower the learning rate`);
          }
          const now = deps.now();
          if (now - lastPost >= PROGRESS_MS || trainer.finished) {
            lastPost = now;
            deps.post({ type: 'sweep-progress', id: job.id, codeSize, step: trainer.step, totalSteps: trainer.totalSteps });
          }
          await deps.yieldNow();
        }
        const autoencoder = await testErrors(deps, trainer, data.test, live);
        if (!autoencoder) return;
        const pca = await deps.answers.pcaTestErrors(codeSize);
        if (!live()) return;
        deps.post({ type: 'sweep-point', id: job.id, codeSize, autoencoder, pca, bceFloor });
      } finally {
        await deps.exclusive(async () => trainer.dispose());
      }
    }
  }
}
