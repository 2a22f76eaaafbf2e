/**
 * Starting a TF.js backend in the training worker, and choosing one.
 *
 * WASM runs on as many threads as the machine has cores where the page is
 * cross-origin isolated (the servers send the two headers; see vite.config
 * and build/threaded-wasm.ts for why a production build needs a fix).
 *
 * 'auto' looks at the WebGL renderer: with a real GPU, WebGL is fastest; with
 * none, browsers fall back to a software renderer (SwiftShader, llvmpipe) on
 * which WebGL runs several times slower than WASM (on a 2-core machine
 * without a GPU: dense autoencoder about 1,650 samples/s on WASM against
 * 350–460 on software WebGL). Whatever is asked for, a backend that fails to
 * start is replaced by the next one (WASM, then the plain-JS CPU backend) and
 * the reason is reported to the page.
 */
import * as tf from '../shared/tf';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerCpuTrainingKernels } from './cpu-kernels';
import { registerWasmTrainingKernels } from './wasm-kernels';
import type { BackendChoice } from '../shared/backends';

const START_TIMEOUT_MS = 20_000;

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
registerWasmTrainingKernels();
registerCpuTrainingKernels();

/** More threads than this gain little for models this small, and each costs a worker. */
const MAX_WASM_THREADS = 8;

/**
 * How many threads WASM should use: one per core, where the page is
 * cross-origin isolated (threads share memory, which browsers allow only
 * then); otherwise one.
 */
export function wasmThreadsFor(cores: number, isolated: boolean): number {
  if (!isolated || !Number.isFinite(cores)) return 1;
  return Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(cores)));
}

/**
 * Sets WASM's thread count; to take effect, called before WASM first starts.
 * One thread uses the single-threaded build, which has no thread pool to
 * wake for each operation.
 */
export function setWasmThreads(threads: number): void {
  const n = Math.max(1, Math.floor(threads));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', n > 1 && globalThis.crossOriginIsolated === true);
  setThreadsCount(n);
  if (n > 1) allowThreadsInWasm(n);
}

/**
 * TF.js's WASM caps its thread pool at half of navigator.hardwareConcurrency
 * (tfjs-backend-wasm/src/cc/backend.cc: it assumes two hardware threads per
 * core), which it reads once, as WASM starts. On a 2-core laptop or VM that
 * leaves one thread, whatever setThreadsCount asks. So, in this worker only,
 * WASM is shown twice the threads asked for; the page's own count of cores
 * was read before.
 */
function allowThreadsInWasm(threads: number): void {
  const nav = globalThis.navigator;
  if (!nav || (nav.hardwareConcurrency ?? 0) >= 2 * threads) return;
  try {
    Object.defineProperty(nav, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  } catch {
    // A browser that refuses leaves WASM at its own cap: slower, still right.
  }
}

setWasmThreads(wasmThreadsFor(globalThis.navigator?.hardwareConcurrency ?? 1, globalThis.crossOriginIsolated === true));

/** The threads WASM computes with, once started (1 before). */
export function wasmThreadCount(): number {
  try {
    return getThreadsCount();
  } catch {
    return 1;
  }
}

export interface GpuInfo {
  webgl: boolean;
  renderer: string;
  software: boolean;
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

/** What WebGL runs on here, read from a throwaway OffscreenCanvas context. */
export function detectGpu(): GpuInfo {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return { webgl: false, renderer: 'none', software: true };
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { webgl: true, renderer, software: SOFTWARE_RENDERERS.test(renderer) };
  } catch {
    return { webgl: false, renderer: 'none', software: true };
  }
}

/**
 * The GPU backends are large (together about a third of the worker's code)
 * and unused on machines without a GPU, so they load on demand.
 */
const loaders: Record<string, () => Promise<unknown>> = {
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
};

export async function trySetBackend(name: string): Promise<boolean> {
  try {
    await loaders[name]?.();
  } catch {
    return false;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), START_TIMEOUT_MS);
  });
  try {
    const ok = await Promise.race([tf.setBackend(name), timeout]);
    if (!ok || tf.getBackend() !== name) return false;
    await tf.ready();
    // A one-op smoke test: some backends start but cannot run kernels.
    const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
    const value = (await probe.data())[0];
    probe.dispose();
    return value === 3;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export interface StartedBackend {
  name: string;
  reason: string;
  /** WASM's threads (1 for the other backends). */
  threads: number;
}

/** Why WASM has the threads it has, in plain words. */
function threadsReason(threads: number): string {
  if (threads > 1) return `; WASM computes on ${threads} threads, one per core`;
  return globalThis.crossOriginIsolated
    ? '; WASM computes on one thread (this machine has one core)'
    : '; WASM computes on one thread: this page is not cross-origin isolated, so the browser allows no shared memory between threads';
}

/**
 * Starts the chosen backend (for 'auto', the one `measured` fastest here, or
 * failing a measurement the best guess; `why` says why a backend was chosen
 * otherwise); returns its name, why, and WASM's threads.
 */
export async function startBackend(
  choice: BackendChoice,
  { measured = null, why }: { measured?: string | null; why?: string } = {},
): Promise<StartedBackend> {
  let first: string;
  let reason: string;
  if (choice === 'auto' && measured) {
    first = measured;
    reason = `auto: ${measured} was the fastest measured on this machine`;
  } else if (choice === 'auto') {
    const gpu = detectGpu();
    if (gpu.webgl && !gpu.software) {
      first = 'webgl';
      reason = `auto: GPU found (${gpu.renderer})`;
    } else {
      first = 'wasm';
      reason = gpu.webgl
        ? `auto: no GPU, WebGL would run on a software renderer (${gpu.renderer}), so WASM is faster`
        : 'auto: no WebGL here, so WASM';
    }
  } else {
    first = choice;
    reason = why ?? 'chosen in the settings';
  }
  const order = [first, ...['wasm', 'cpu'].filter((b) => b !== first)];
  const failed: string[] = [];
  for (const name of order) {
    if (await trySetBackend(name)) {
      const why = failed.length ? `${failed.join(' and ')} failed to start; using ${name}` : reason;
      const threads = name === 'wasm' ? wasmThreadCount() : 1;
      return { name, reason: name === 'wasm' ? why + threadsReason(threads) : why, threads };
    }
    failed.push(name);
  }
  throw new Error(`no TensorFlow.js backend could start here (tried ${order.join(', ')})`);
}
