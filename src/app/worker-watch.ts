/**
 * How the page notices that its training worker has died, and how often it
 * starts a new one.
 *
 * A worker dies in three ways the page can see: an uncaught error (or a
 * script that could not be loaded) fires 'error'; a reply that cannot be
 * read fires 'messageerror'; and a worker killed for running out of memory,
 * or stuck, just goes silent. For the last, the page asks "are you there?"
 * (a ping, answered by the worker's entry between two steps) every
 * PING_EVERY_MS, and takes a worker that has sent nothing at all for
 * SILENT_TICKS of them in a row (a minute) for dead. A convolutional step
 * of a second on a slow machine, a test pass (in chunks) or a slow download
 * all let it answer long before that. Ticks are counted rather than the
 * clock read, so that a laptop waking from sleep, or a background tab whose
 * timers the browser slows down, never looks like a silent worker.
 */
import type { WorkerRequest } from '../training/protocol';

export const PING_EVERY_MS = 5_000;
export const SILENT_TICKS = 12;

/** At most this many automatic restarts within RESTART_WINDOW_MS; past that the page asks for Retry. */
export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 5 * 60_000;

export interface WorkerWatch {
  /** The worker sent something: it is alive. */
  heard(): void;
  /** Stops watching (the worker is being let go). */
  stop(): void;
}

/**
 * Watches `worker` until it dies, then calls `onStopped` once with the
 * reason in plain words (and stops watching).
 */
export function watchWorker(worker: Worker, onStopped: (reason: string) => void): WorkerWatch {
  let heardSinceTick = false;
  let silentTicks = 0;
  let nextPing = 1;
  const stop = () => {
    clearInterval(timer);
    worker.removeEventListener('error', onError);
    worker.removeEventListener('messageerror', onMessageError);
  };
  const end = (reason: string) => {
    stop();
    onStopped(reason);
  };
  const onError = (e: ErrorEvent | Event) => {
    // Handled here: not reported again as the page's own uncaught error.
    e.preventDefault();
    end('message' in e && e.message ? e.message : 'it could not be loaded, or stopped unexpectedly');
  };
  const onMessageError = () => end('one of its messages could not be read');
  const timer = setInterval(() => {
    silentTicks = heardSinceTick ? 0 : silentTicks + 1;
    heardSinceTick = false;
    if (silentTicks >= SILENT_TICKS) {
      end('it stopped answering for a minute; perhaps it ran out of memory');
      return;
    }
    // Straight to the worker: its entry answers a ping before anything else, even before 'init'.
    worker.postMessage({ type: 'ping', id: nextPing++ } satisfies WorkerRequest);
  }, PING_EVERY_MS);
  worker.addEventListener('error', onError);
  worker.addEventListener('messageerror', onMessageError);
  return {
    heard: () => {
      heardSinceTick = true;
    },
    stop,
  };
}

/** Counts automatic restarts: allows MAX_RESTARTS within any RESTART_WINDOW_MS. */
export class RestartBudget {
  private times: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether one more restart is allowed now (and, if so, counts it). */
  take(): boolean {
    const now = this.now();
    this.times = this.times.filter((t) => now - t < RESTART_WINDOW_MS);
    if (this.times.length >= MAX_RESTARTS) return false;
    this.times.push(now);
    return true;
  }
}
