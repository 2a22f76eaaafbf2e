/**
 * Keeps an answer from the model up to date without flooding the worker: it
 * is fetched when `key` (what is asked) changes, and again when the model
 * has moved on (`step`) — at once when training is stopped, at most every
 * `everyMs` while it runs (paced by usePaced). One request at a time; the
 * last answer stays on screen while the next is computed.
 */
import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { usePaced } from './use-paced';

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
  /** The key asked for now: an answer for another key is not shown. */
  const wantedKey = useRef(key);
  useEffect(() => {
    wantedKey.current = key;
  }, [key]);

  const fetch = useMemo(
    () =>
      load &&
      ((forKey: string) => {
        setBusy(true);
        return load()
          .then(
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
          )
          .finally(() => setBusy(false));
      }),
    [load],
  );
  const { force } = usePaced(fetch, key, step, live, everyMs);
  return { data, error, busy, reload: force };
}
