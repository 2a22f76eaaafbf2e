/**
 * Both ends of the decoder copy (see decoder-protocol.ts), free of worker
 * APIs so that Node tests drive them directly.
 *
 * DecoderSync, in the training worker, reads the current decoder's weights
 * between two steps and sends them on: at most every DECODER_SYNC_MS while
 * training, at once when asked (a single step, a pause, the end of a run,
 * weights put back after a divergence, a model just built or opened).
 *
 * DecoderCopy, in the decoder worker, builds the same architecture, takes
 * the weights in and decodes with them: a decode waits for no training step.
 */
import * as tf from '../shared/tf';
import { buildAutoencoder, disposeAutoencoder, type Autoencoder } from '../model/autoencoder';
import { toBytes } from '../data/pixels';
import { decodeCodes } from './answers/decode';
import { DECODER_SYNC_MS, type DecoderReply, type DecoderRequest, type DecoderWeights } from './decoder-protocol';

/**
 * The decoder's weights of `model` as one buffer, with their shapes (plain
 * data, ready to transfer): joined on the backend and read back once, which
 * on a GPU is one wait instead of one per weight.
 */
export async function decoderWeights(model: Autoencoder): Promise<{ shapes: number[][]; data: ArrayBuffer }> {
  const variables = model.decoder.weights.map((w) => w.read());
  const flat = tf.tidy(() => tf.concat(variables.map((v) => tf.reshape(v, [-1]))));
  try {
    // A copy of its own: the backend may hand out its storage, and the buffer is transferred.
    const data = ((await flat.data()) as Float32Array).slice();
    return { shapes: variables.map((v) => v.shape), data: data.buffer };
  } finally {
    flat.dispose();
  }
}

export class DecoderSync {
  private lastSent = -Infinity;
  private changed = true;
  private connected = false;

  constructor(private readonly deps: { post(message: DecoderWeights, transfer: Transferable[]): void; now(): number }) {}

  /** The decoder copy is listening: the next sync sends whatever the weights are. */
  connect(): void {
    this.connected = true;
    this.changed = true;
  }

  /** The weights have changed (a step, a new model, weights put back). */
  markChanged(): void {
    this.changed = true;
  }

  /**
   * Sends the decoder's weights of run `runId`'s model (and the step they
   * are from) if they changed since the last send and, unless `force`,
   * DECODER_SYNC_MS have passed. Must run between two steps (the session's
   * model queue).
   */
  async sync(trainer: { model: Autoencoder; step: number } | null, runId: number, force: boolean): Promise<void> {
    if (!trainer || !this.connected || !this.changed) return;
    if (!force && this.deps.now() - this.lastSent < DECODER_SYNC_MS) return;
    this.changed = false;
    this.lastSent = this.deps.now();
    const { model, step } = trainer;
    const { shapes, data } = await decoderWeights(model);
    this.deps.post({ type: 'decoder-weights', runId, step, config: { ...model.config }, shapes, data }, [data]);
  }
}

const sameShapes = (a: number[][], b: number[][]) => a.length === b.length && a.every((s, i) => s.join() === b[i].join());

export class DecoderCopy {
  private model: Autoencoder | null = null;
  private runId = -1;
  private step = 0;

  /** Takes a run's weights in (a new run's model is built first). */
  load(message: DecoderWeights): void {
    if (
      !this.model ||
      message.runId !== this.runId ||
      !sameShapes(
        this.model.decoder.weights.map((w) => w.shape as number[]),
        message.shapes,
      )
    ) {
      this.dispose();
      this.model = buildAutoencoder(message.config);
    }
    const model = this.model;
    const values = new Float32Array(message.data);
    let at = 0;
    tf.tidy(() =>
      model.decoder.setWeights(
        message.shapes.map((shape) => {
          const size = shape.reduce((p, d) => p * d, 1);
          const t = tf.tensor(values.subarray(at, at + size), shape);
          at += size;
          return t;
        }),
      ),
    );
    this.runId = message.runId;
    this.step = message.step;
  }

  async decode(request: Extract<DecoderRequest, { type: 'decode' }>): Promise<DecoderReply> {
    const { id, runId } = request;
    if (!this.model || runId !== this.runId) return { type: 'decode-miss', id, reason: 'no weights of this run yet' };
    const step = this.step;
    try {
      const images = toBytes(await decodeCodes(this.model, request.codes, request.count));
      return { type: 'decoded', id, runId, step, images };
    } catch (err) {
      return { type: 'decode-miss', id, reason: err instanceof Error ? err.message : String(err) };
    }
  }

  dispose(): void {
    if (this.model) disposeAutoencoder(this.model);
    this.model = null;
    this.runId = -1;
  }
}
