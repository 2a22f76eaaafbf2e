/**
 * The page's side of the decoder copy (training/decoder-protocol.ts): it
 * starts the copy's worker, hands the training worker the port to send the
 * decoder's weights on, and decodes a few codes there, so that a hovered
 * point does not wait for the training step in progress. A miss (the copy
 * still loading, no weights of this run yet, a failure) resolves null: the
 * caller then asks the training worker.
 */
import type { DecoderReply, DecoderRequest } from '../training/decoder-protocol';
import type { WorkerRequest } from '../training/protocol';

export interface CopyDecode {
  images: Uint8Array;
  /** The step of the weights that decoded it. */
  step: number;
}

export class DecoderClient {
  private readonly worker: Worker;
  private ready = false;
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: CopyDecode | null) => void>();

  constructor(training: Worker) {
    this.worker = new Worker(new URL('../training/decoder.worker.ts', import.meta.url), { type: 'module' });
    const channel = new MessageChannel();
    this.worker.postMessage({ type: 'weights-port', port: channel.port1 } satisfies DecoderRequest, [channel.port1]);
    training.postMessage({ type: 'decoder-port', port: channel.port2 } satisfies WorkerRequest, [channel.port2]);
    this.worker.addEventListener('message', (e: MessageEvent<DecoderReply>) => {
      const reply = e.data;
      if (reply.type === 'ready') {
        this.ready = true;
        return;
      }
      const resolve = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      resolve?.(reply.type === 'decoded' ? { images: reply.images, step: reply.step } : null);
    });
    this.worker.addEventListener('error', () => this.close());
  }

  /** Decodes `count` codes with run `runId`'s decoder, or null when the copy cannot. */
  decode(runId: number, codes: Float32Array, count: number): Promise<CopyDecode | null> {
    if (!this.ready) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      // A copy: the caller may need the codes again for the training worker.
      this.worker.postMessage({ type: 'decode', id, runId, codes: codes.slice(), count } satisfies DecoderRequest);
    });
  }

  /** Stops the copy; decodes still waiting resolve null. */
  close(): void {
    this.ready = false;
    this.worker.terminate();
    this.waiting.forEach((resolve) => resolve(null));
    this.waiting.clear();
  }
}
