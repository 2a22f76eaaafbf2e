/**
 * The views that follow a run while it trains: reconstructions of 20 fixed
 * test digits (two of each class) and the codes of 2,000 test digits,
 * projected to 2-D. Each is sent when due, at an interval that grows with
 * its cost so that drawing never takes more than about VIEW_BUDGET of the
 * training time; `force` sends both at once (a pause, the end of a run).
 */
import { examplesPerDigit, type MnistSplit } from '../data/mnist';
import { toBytes } from '../data/pixels';
import { projectTo2d, type Projection } from './projection';
import type { WorkerReply } from './protocol';
import type { Trainer } from './trainer';

export const RECONSTRUCTIONS_MS = 400;
export const LATENT_MS = 800;
/** Largest share of time the live views may take from training. */
export const VIEW_BUDGET = 0.08;
/** How many test digits the latent view shows. */
export const LATENT_SAMPLE = 2000;

export class LiveViews {
  private nextReconstructions = 0;
  private nextLatent = 0;
  /** The latent view's previous PCA axes: the next projection keeps their signs. */
  private previousAxes: Float64Array | undefined;
  private readonly reconIndices: number[];
  private readonly latentIndices: number[];

  constructor(
    private readonly test: MnistSplit,
    private readonly deps: { post(reply: WorkerReply, transfer: Transferable[]): void; now(): number },
  ) {
    this.reconIndices = examplesPerDigit(test, 2);
    this.latentIndices = Array.from({ length: Math.min(LATENT_SAMPLE, test.count) }, (_, i) => i);
  }

  /** A new run: its first views are sent at once, and its projection owes nothing to the last run's. */
  reset(): void {
    this.previousAxes = undefined;
    this.nextReconstructions = 0;
    this.nextLatent = 0;
  }

  /**
   * Sends the views that are due (all of them if `force`). `between` runs
   * after the reconstructions, before the codes (urgent questions get in).
   */
  async publish(trainer: Trainer, runId: number, force: boolean, between: () => Promise<void>): Promise<void> {
    const { test } = this;
    const now = this.deps.now();
    if (force || now >= this.nextReconstructions) {
      const { inputs, outputs } = await trainer.reconstruct(this.reconIndices);
      const originals = new Uint8Array(this.reconIndices.length * 784);
      this.reconIndices.forEach((idx, i) => originals.set(test.images.subarray(idx * 784, (idx + 1) * 784), i * 784));
      const reply: WorkerReply = {
        type: 'reconstructions',
        runId,
        step: trainer.step,
        indices: this.reconIndices,
        labels: this.reconIndices.map((i) => test.labels[i]),
        inputs: toBytes(inputs),
        outputs: toBytes(outputs),
        originals,
      };
      this.deps.post(reply, [reply.inputs.buffer, reply.outputs.buffer, reply.originals.buffer]);
      const cost = this.deps.now() - now;
      this.nextReconstructions = this.deps.now() + Math.max(RECONSTRUCTIONS_MS, cost / (VIEW_BUDGET / 2));
    }
    await between();
    const now2 = this.deps.now();
    if (force || now2 >= this.nextLatent) {
      const k = trainer.config.codeSize;
      const codes = await trainer.codes(this.latentIndices);
      const projection = projectTo2d(codes, this.latentIndices.length, k, this.previousAxes);
      this.previousAxes = projection.axes;
      const labels = Uint8Array.from(this.latentIndices, (i) => test.labels[i]);
      const base = { type: 'latent', runId, step: trainer.step, points: projection.points, labels, codeSize: k, codes } as const;
      const reply: WorkerReply = projection.method === 'pca' ? { ...base, ...pcaFields(projection) } : { ...base, method: 'identity' };
      this.deps.post(reply, [projection.points.buffer, labels.buffer, codes.buffer]);
      const cost = this.deps.now() - now2;
      this.nextLatent = this.deps.now() + Math.max(LATENT_MS, cost / (VIEW_BUDGET / 2));
    }
  }
}

/** A PCA projection's axes, for the page to map a point of the view back to a code. */
function pcaFields({ explained, mean, axes }: Projection) {
  if (!explained || !mean || !axes) throw new Error('a PCA projection without its axes');
  return { method: 'pca', explained, mean: Float32Array.from(mean), axes: Float32Array.from(axes) } as const;
}
