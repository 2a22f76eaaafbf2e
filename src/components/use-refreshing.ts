/**
 * Keeps an answer from the model up to date without flooding the worker: it
 * is fetched when `key` (what is asked) changes, and again when the model
 * has moved on (`step`) — at once when training is stopped, at most every
 * `everyMs` while it runs. One request at a time; the last answer stays on
 * screen while the next is computed.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';

export interface Refreshing<T> {
  data: T | null;
  error: string | null;
  busy: boolean;
  /** Fetches again now (a button's "Recompute"). */
  reload(): void;
}

export function useRefreshing<T>(load: (() => Promise<T>) | null, key: string, step: number, live: boolean, everyMs = 3000): Refreshing<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A request that arrived while one was running is retried by re-running the effect.
  const [tick, setTick] = useState(0);
  // `force`: a reload asked for while a request ran, to be made when it ends.
  const state = useRef({ running: false, key: '', step: -1, at: -Infinity, again: false, force: false });
  const loadRef = useRef(load);
  /** The key asked for now: an answer for another key is not shown. */
  const wantedKey = useRef(key);
  useEffect(() => {
    loadRef.current = load;
    wantedKey.current = key;
  }, [load, key]);

  const run = useCallback((forKey: string, forStep: number) => {
    const s = state.current;
    const current = loadRef.current;
    if (!current) return;
    if (s.running) {
      s.again = true;
      return;
    }
    s.running = true;
    s.force = false;
    s.key = forKey;
    s.step = forStep;
    s.at = performance.now();
    setBusy(true);
    current().then(
      (value) => {
        // A transition: React renders the new answer (charts, strips) in slices, never one long task.
        if (wantedKey.current === forKey) {
          startTransition(() => {
            setData(value);
            setError(null);
          });
        }
      },
      (err: unknown) => {
        if (wantedKey.current === forKey) setError(err instanceof Error ? err.message : String(err));
      },
    ).finally(() => {
      s.running = false;
      setBusy(false);
      if (s.again) {
        s.again = false;
        setTick((t) => t + 1);
      }
    });
  }, []);

  useEffect(() => {
    const s = state.current;
    if (!load) return;
    if (key !== s.key || s.force) {
      run(key, step);
    } else if (step !== s.step && (!live || performance.now() - s.at >= everyMs)) {
      run(key, step);
    }
  }, [load, key, step, live, everyMs, run, tick]);

  const reload = useCallback(() => {
    state.current.force = true;
    run(key, step);
  }, [run, key, step]);
  return { data, error, busy, reload };
}
