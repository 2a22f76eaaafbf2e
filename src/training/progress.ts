/** Download progress for the page: light (no TF.js), so the worker's entry can use it. */

/** How often download progress is sent to the page, at most (each message re-renders it). */
export const PROGRESS_MS = 100;

/**
 * Passes on progress at most every `everyMs`, and always the first and the
 * last (loaded = total) call. A download arrives in ~150 chunks.
 */
export function throttledProgress(
  send: (loaded: number, total: number) => void,
  now: () => number,
  everyMs = PROGRESS_MS,
): (loaded: number, total: number) => void {
  let last = -Infinity;
  return (loaded, total) => {
    const t = now();
    if (t - last < everyMs && loaded !== total) return;
    last = t;
    send(loaded, total);
  };
}
