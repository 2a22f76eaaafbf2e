/**
 * Watching WebGL's context for its loss, and what the page says then.
 *
 * A browser can take a page's WebGL context away at any moment: the GPU
 * driver restarted, the tab went to the background on a phone, too many
 * contexts elsewhere. After that, nothing on the GPU can be computed or read,
 * and TF.js does not notice: a read waits for a fence that never passes, so
 * the step in flight would hang for ever while TF.js polls. This watch hears
 * the canvas's 'webglcontextlost' event (and checks gl.isContextLost() every
 * second, should the event not come), then lets every wait of TF.js's end
 * at once (the values read are then garbage), so that the work in flight
 * settles, frees its tensors and can be discarded (gpu-guard.ts).
 */
import * as tf from '../shared/tf';

/** The parts of TF.js's WebGL backend the watch uses (tfjs-backend-webgl 4.x: MathBackendWebGL.gpgpu). */
interface WebglParts {
  gl: WebGLRenderingContext & { canvas: EventTarget };
  /** Reads waiting for their fence; each resolveFn lets one go on (GPGPUContext's poll). */
  itemsToPoll?: { resolveFn: () => void }[];
  addItemToPoll?: (isDone: () => boolean, resolve: () => void) => void;
}

/** The WebGL backend's context and poll, or null when another backend computes. */
export function webglParts(): WebglParts | null {
  if (tf.getBackend() !== 'webgl') return null;
  const gpgpu = (tf.backend() as unknown as { gpgpu?: WebglParts }).gpgpu;
  return gpgpu?.gl ? gpgpu : null;
}

const CHECK_MS = 1000;

export class ContextWatch {
  private parts: WebglParts | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly onLostEvent = () => this.markLost();
  /** Losses so far: work that began before a loss and ended after it is discarded. */
  losses = 0;
  /** The watched context is lost, and the run has not yet moved elsewhere. */
  lost = false;

  /** `onLost` is told of each loss, once. */
  constructor(private readonly onLost: () => void = () => {}) {}

  /** Whether a context is watched (the backend is WebGL). */
  get watching(): boolean {
    return this.parts !== null;
  }

  /** Watches `parts` (the WebGL backend's; none for other backends), and no other context. */
  watch(parts: WebglParts | null): void {
    this.stop();
    this.parts = parts;
    if (!parts) return;
    parts.gl.canvas.addEventListener('webglcontextlost', this.onLostEvent);
    this.timer = setInterval(() => this.check(), CHECK_MS);
    this.check();
  }

  /** Whether the context is lost now (the event may not have come yet). */
  check(): boolean {
    if (!this.lost && this.parts?.gl.isContextLost()) this.markLost();
    return this.lost;
  }

  /** Stops watching (the run has moved to another backend). */
  stop(): void {
    clearInterval(this.timer);
    this.parts?.gl.canvas.removeEventListener('webglcontextlost', this.onLostEvent);
    this.parts = null;
    this.lost = false;
  }

  private markLost(): void {
    if (this.lost || !this.parts) return;
    this.lost = true;
    this.losses++;
    releaseWaits(this.parts);
    this.onLost();
  }
}

/** Ends TF.js's waits on a lost context, now and from now on: they would never end. */
function releaseWaits(parts: WebglParts): void {
  const waiting = parts.itemsToPoll ?? [];
  parts.itemsToPoll = [];
  parts.addItemToPoll = (_isDone, resolve) => resolve();
  waiting.forEach((item) => item.resolveFn());
}

/** The words for a backend in the page's sentences. */
const PLAIN: Record<string, string> = { wasm: 'WebAssembly', cpu: 'plain JavaScript' };

/**
 * What the page says after a loss: the step it came at and the step whose
 * weights the run goes on from (null without a run).
 */
export function lostNotice(backend: string, run: { step: number; weightsStep: number } | null): string {
  const on = PLAIN[backend] ?? backend;
  if (!run) return `The graphics card's context was lost; the playground computes with ${on} from now on.`;
  const { step, weightsStep } = run;
  const since = step - weightsStep;
  const from =
    since > 0
      ? `from the weights of step ${weightsStep} (the learning of the ${since} step${since === 1 ? '' : 's'} since is lost)`
      : 'from there, with nothing lost';
  return `The graphics card's context was lost at step ${step}; training goes on with ${on} ${from}.`;
}

/** Why the backend changed, for the backend line's details. */
export const LOST_REASON = "the graphics card's context was lost, so WASM";
