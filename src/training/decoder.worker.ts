/// <reference lib="webworker" />
/**
 * The decoder copy's worker: a copy of the current run's decoder, kept up to
 * date by the training worker, that decodes a hovered point while a training
 * step runs (see decoder-protocol.ts). It runs on WASM whatever the
 * training worker runs on (the CPU backend if WASM cannot start): one code
 * through the convolutional decoder took about 17 ms on the plain-JS CPU
 * backend, and the whole hover with WASM here has a median of about 16 ms;
 * the browser already has the WASM file.
 */
import { setWasmThreads, startBackend } from './backend';
import { DecoderCopy } from './decoder-copy';
import type { DecoderReply, DecoderRequest, DecoderWeights } from './decoder-protocol';

declare const self: DedicatedWorkerGlobalScope;

const copy = new DecoderCopy();
const reply = (message: DecoderReply) => self.postMessage(message, message.type === 'decoded' ? [message.images.buffer] : []);

// One thread: a few small products per hover gain nothing from waking a pool, and the training worker's threads have the cores.
setWasmThreads(1);

/** Decodes in arrival order, once the backend has started; weights are taken in between two decodes. */
let queue: Promise<void> = startBackend('wasm').then(
  () => {},
  () => {},
);

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

void queue.then(() => reply({ type: 'ready' }));
