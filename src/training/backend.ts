/**
 * Starting a TF.js backend in the training worker, and choosing one.
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
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmTrainingKernels } from './wasm-kernels';
import type { BackendChoice } from '../shared/backends';

const START_TIMEOUT_MS = 20_000;

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
// Threaded WASM hangs in setBackend after a production build (its pthread
// workers are rebuilt from minified source), and on 2 cores one thread is
// as fast anyway.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
registerWasmTrainingKernels();

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

async function trySetBackend(name: string): Promise<boolean> {
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

/** Starts the chosen backend (or the best one for 'auto'); returns its name and why. */
export async function startBackend(choice: BackendChoice): Promise<{ name: string; reason: string }> {
  let first: string;
  let reason: string;
  if (choice === 'auto') {
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
    reason = 'chosen in the settings';
  }
  const order = [first, ...['wasm', 'cpu'].filter((b) => b !== first)];
  const failed: string[] = [];
  for (const name of order) {
    if (await trySetBackend(name)) {
      return { name, reason: failed.length ? `${failed.join(' and ')} failed to start; using ${name}` : reason };
    }
    failed.push(name);
  }
  throw new Error(`no TensorFlow.js backend could start here (tried ${order.join(', ')})`);
}
