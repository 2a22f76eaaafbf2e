/**
 * Keeps at most one request in flight and drops the stale ones: while a
 * request runs, newer calls replace each other and only the newest is sent
 * when it returns. A pointer moving over the latent space asks for a decode
 * at every event; the worker answers one at a time, always for where the
 * pointer is now, never for a queue of where it was.
 */
export interface LatestOnly<A> {
  /** Asks for `arg`; an older call still waiting is dropped. */
  call(arg: A): void;
  /** Drops the waiting call, and ignores the answer of the one in flight. */
  cancel(): void;
}

export function latestOnly<A, R>(
  run: (arg: A) => Promise<R>,
  onResult: (result: R, arg: A) => void,
  onError: (error: unknown, arg: A) => void = () => {},
): LatestOnly<A> {
  let busy = false;
  let waiting: { arg: A } | null = null;
  let generation = 0;
  const start = (arg: A) => {
    busy = true;
    const mine = generation;
    run(arg)
      .then(
        (r) => mine === generation && onResult(r, arg),
        (e) => mine === generation && onError(e, arg),
      )
      .finally(() => {
        busy = false;
        const next = waiting;
        waiting = null;
        if (next) start(next.arg);
      });
  };
  return {
    call(arg) {
      if (busy) waiting = { arg };
      else start(arg);
    },
    cancel() {
      waiting = null;
      generation++;
    },
  };
}
