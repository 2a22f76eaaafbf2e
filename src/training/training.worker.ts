/// <reference lib="webworker" />
/**
 * The training worker: wires TrainingSession to postMessage. All TF.js work
 * happens here, off the page's main thread.
 *
 * This entry is small on purpose: TF.js and the session load as a separate
 * chunk, and while they load and compile, a download handed over with the
 * first 'init' is already being read and decompressed (it would otherwise
 * wait about half a second in the stream's buffer).
 */
import { DATA_CACHE } from '../data/datasets';
import { loadMnist } from '../data/load-mnist';
import type { Mnist } from '../data/mnist';
import type { HandedDownload, WorkerReply, WorkerRequest } from './protocol';
import type { SessionDeps } from './session';
import { throttledProgress } from './progress';
import { createYield } from '../shared/macrotask';

declare const self: DedicatedWorkerGlobalScope;

const post = (reply: WorkerReply, transfer?: Transferable[]) => self.postMessage(reply, transfer ?? []);

/** Where the decoder's weights go: the decoder copy's port, once the page has sent it. */
let decoderPort: MessagePort | null = null;
const postDecoder: SessionDeps['postDecoder'] = (message, transfer) => decoderPort?.postMessage(message, transfer);

/** A macrotask turn that lets queued messages (Pause, Reset) be handled. */
const yieldNow = createYield();

type Progress = (loaded: number, total: number) => void;

/**
 * Keeps a dataset's download in the browser's cache while it is read, so
 * that the service worker can serve it on an offline visit (it is not
 * precached: it is large, and only the dataset in use is wanted).
 */
async function keep(url: string, response: Response): Promise<Response> {
  if (!response.ok || !response.body || typeof caches === 'undefined') return response;
  try {
    const cache = await caches.open(DATA_CACHE);
    if (await cache.match(url)) return response;
    const [read, stored] = response.body.tee();
    const headers = new Headers(response.headers);
    headers.delete('vary');
    cache.put(url, new Response(stored, { headers })).catch(() => {});
    return new Response(read, { headers: response.headers, status: response.status });
  } catch {
    return response;
  }
}

function load(url: string, onProgress: Progress, download?: HandedDownload): Promise<Mnist> {
  // A download handed over by the page is read as if fetched here; a retry fetches anew.
  const response = download ? async () => new Response(download.body, { headers: download.headers }) : () => fetch(url);
  return loadMnist(url, onProgress, async () => keep(url, await response()));
}

/**
 * The load begun before the session existed; its progress goes to whoever
 * listens: this entry until the session asks for the same download.
 */
let early: { body: ReadableStream<Uint8Array>; data: Promise<Mnist>; listen: (p: Progress) => void } | null = null;

function startEarly(request: Extract<WorkerRequest, { type: 'init' }>): void {
  if (!request.download) return;
  let listener: Progress = throttledProgress(
    (loaded, total) => post({ type: 'load-progress', loaded, total }),
    () => performance.now(),
  );
  const data = load(request.dataUrl, (loaded, total) => listener(loaded, total), request.download);
  // Its failure is reported by the session, which awaits the same promise.
  data.catch(() => {});
  early = { body: request.download.body, data, listen: (p) => (listener = p) };
}

const loadData: SessionDeps['loadData'] = (url, onProgress, download) => {
  if (download && early?.body === download.body) {
    const { data, listen } = early;
    early = null;
    listen(onProgress);
    return data;
  }
  return load(url, onProgress, download);
};

/** What 'auto' starts: the backend the page measured fastest here, if it has. */
let measured: string | null = null;

const session = Promise.all([import('./session'), import('./backend')]).then(
  ([{ TrainingSession }, { startBackend }]) =>
    new TrainingSession({
      post,
      loadData,
      startBackend: (choice, why) => startBackend(choice, { measured, why }),
      now: () => performance.now(),
      yieldNow,
      postDecoder,
      // Long enough for the page to mount and paint a run's first views on a busy 2-core laptop.
      firstViewsWaitMs: 500,
    }),
);

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  // The watchdog's question is answered here, even before TF.js has loaded.
  if (request.type === 'ping') return post({ type: 'pong', id: request.id });
  if (request.type === 'measured-backend') {
    measured = request.backend;
    return;
  }
  if (request.type === 'init' && !early) startEarly(request);
  if (request.type === 'decoder-port') decoderPort = request.port;
  // In arrival order, once the session has loaded.
  void session.then((s) => s.handle(request));
});
