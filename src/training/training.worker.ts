/// <reference lib="webworker" />
/**
 * The training worker: wires TrainingSession to postMessage. All TF.js work
 * happens here, off the page's main thread.
 */
import { loadMnist } from '../data/load-mnist';
import { startBackend } from './backend';
import type { WorkerReply, WorkerRequest } from './protocol';
import { TrainingSession } from './session';

declare const self: DedicatedWorkerGlobalScope;

/** A macrotask turn that lets queued messages (Pause, Reset) be handled. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldNow = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

const session = new TrainingSession({
  post: (reply: WorkerReply, transfer?: Transferable[]) => self.postMessage(reply, transfer ?? []),
  // A download handed over by the page is read as if fetched here; a retry fetches anew.
  loadData: (url, onProgress, download) =>
    loadMnist(url, onProgress, download ? async () => new Response(download.body, { headers: download.headers }) : fetch),
  startBackend,
  now: () => performance.now(),
  yieldNow,
});

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  void session.handle(event.data);
});
