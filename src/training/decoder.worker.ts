/// <reference lib="webworker" />
/**
 * The decoder copy's worker: a copy of the current run's decoder, kept up to
 * date by the training worker, that decodes a hovered point while a training
 * step runs (see decoder-protocol.ts). It runs on TF.js's plain-JS CPU
 * backend: decoding one code is a millisecond or a few, and it needs no
 * WASM module of its own.
 */
import { DecoderCopy } from './decoder-copy';
import type { DecoderReply, DecoderRequest, DecoderWeights } from './decoder-protocol';

declare const self: DedicatedWorkerGlobalScope;

const copy = new DecoderCopy();
const reply = (message: DecoderReply) => self.postMessage(message, message.type === 'decoded' ? [message.images.buffer] : []);

/** Decodes in arrival order; only the latest weights matter, and they are taken in between two decodes. */
let queue: Promise<void> = Promise.resolve();

self.addEventListener('message', (event: MessageEvent<DecoderRequest>) => {
  const request = event.data;
  if (request.type === 'weights-port') {
    request.port.onmessage = (e: MessageEvent<DecoderWeights>) => {
      queue = queue.then(() => copy.load(e.data)).catch(() => {});
    };
    return;
  }
  queue = queue.then(async () => reply(await copy.decode(request)));
});

reply({ type: 'ready' });
