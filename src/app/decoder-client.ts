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

/**
 * When the decoder copy starts, for one training worker at a time: once the
 * data are loaded and no backend is being measured, when the page is next
 * idle (its start takes a core for a few hundred ms, better spent before a
 * run than during its first views), or at the latest with the first latent
 * view (`now`).
 */
export class DecoderStart {
  private client: DecoderClient | null = null;
  private training: Worker | null = null;
  private loaded = false;
  private probing = false;

  /** The copy, once started. */
  get current(): DecoderClient | null {
    return this.client;
  }

  /** `training` has loaded its data: the copy starts when the page is next idle, unless a backend is being measured. */
  dataLoaded(training: Worker): void {
    this.training = training;
    this.loaded = true;
    this.soon();
  }

  /** A backend measurement is running (backend-probe-store.ts): nothing else should take a core meanwhile. */
  setProbing(probing: boolean): void {
    this.probing = probing;
    this.soon();
  }

  /** Starts the copy on `training` now, if it has not started (where the browser has workers). */
  now(training: Worker): void {
    if (this.client || typeof Worker === 'undefined') return;
    this.training = training;
    this.client = new DecoderClient(training);
  }

  /** The training worker is gone, and with it the copy's weights: a new worker starts a new copy. */
  close(): void {
    this.client?.close();
    this.client = null;
    this.training = null;
    this.loaded = false;
  }

  private soon(): void {
    const training = this.training;
    if (!training || !this.loaded || this.probing || this.client) return;
    const start = () => {
      if (this.training === training && !this.probing) this.now(training);
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
    else setTimeout(start, 200);
  }
}
