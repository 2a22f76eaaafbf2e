/**
 * The benchmark page: exposes `window.bench.run(request)` to the driver
 * (bench/run.mjs), which forwards it to the benchmark worker.
 */
import { KINDS, SUGGESTED_SPARSITY } from '../src/model/config';
import { defaultsFor } from '../src/state/url-state';
import type { BenchReply, BenchRequest } from './protocol';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
const waiting = new Map<number, (reply: BenchReply) => void>();
let nextId = 1;
worker.addEventListener('message', (e: MessageEvent<BenchReply>) => {
  waiting.get(e.data.id)?.(e.data);
  waiting.delete(e.data.id);
});

/** `?threads=1` opens a page whose WASM runs on one thread (the default: one per core). */
const threads = Number(new URLSearchParams(location.search).get('threads')) || 0;

function run(request: WithoutId<BenchRequest>): Promise<BenchReply> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker.postMessage({ ...request, id, threads });
  });
}

/** The playground's default settings for each kind, so the driver times exactly those. */
const defaults = Object.fromEntries(KINDS.map((k) => [k, defaultsFor(k)]));

/** The λ of the L1 penalty the controls suggest, which the sparsity section measures. */
const suggestedSparsity = SUGGESTED_SPARSITY;

(window as unknown as { bench: { run: typeof run; defaults: typeof defaults; suggestedSparsity: number } }).bench = {
  run,
  defaults,
  suggestedSparsity,
};
document.getElementById('state')!.textContent = 'ready';
