/**
 * Paces work that follows a model in training: a job runs at once when
 * `key` (what is asked) changes, and again when the model moves on (`step`)
 * — at once when it is not training (`live` false), at most every `everyMs`
 * while it trains (a step skipped for pace is taken when its time comes).
 * One job at a time: one asked for while another runs starts when it ends.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** A job for a key and a step: a promise while it runs, nothing if it is done at once. */
export type PacedJob = (key: string, step: number) => Promise<unknown> | void;

export function usePaced(job: PacedJob | null, key: string, step: number, live: boolean, everyMs: number): { force(): void } {
  // `force`: a run asked for regardless of pace (made when the running job ends).
  const state = useRef({ running: false, key: null as string | null, step: -1, at: -Infinity, again: false, force: false });
  const jobRef = useRef(job);
  useEffect(() => {
    jobRef.current = job;
  }, [job]);
  // Re-runs the decision below: when a job that made others wait ends, and when a paced step is due.
  const [tick, setTick] = useState(0);

  const start = useCallback((forKey: string, forStep: number) => {
    const s = state.current;
    const current = jobRef.current;
    if (!current) return;
    if (s.running) {
      s.again = true;
      return;
    }
    s.force = false;
    s.key = forKey;
    s.step = forStep;
    s.at = performance.now();
    const running = current(forKey, forStep);
    if (!running) return;
    s.running = true;
    const end = () => {
      s.running = false;
      if (s.again) {
        s.again = false;
        setTick((t) => t + 1);
      }
    };
    running.then(end, end);
  }, []);

  useEffect(() => {
    const s = state.current;
    if (!job) return;
    if (key !== s.key || s.force) {
      start(key, step);
      return;
    }
    if (step === s.step) return;
    const wait = live ? s.at + everyMs - performance.now() : 0;
    if (wait <= 0) {
      start(key, step);
      return;
    }
    const timer = setTimeout(() => setTick((t) => t + 1), wait);
    return () => clearTimeout(timer);
  }, [job, key, step, live, everyMs, start, tick]);

  const force = useCallback(() => {
    const s = state.current;
    s.force = true;
    // While a job runs, the decision is made again when it ends.
    if (s.running) s.again = true;
    else setTick((t) => t + 1);
  }, []);
  return { force };
}

/**
 * The step that views asking the model follow: every change when training
 * is stopped, at most every `everyMs` while it runs (each change asks the
 * model again).
 */
export function usePacedStep(step: number, live: boolean, everyMs = 2000): number {
  const [paced, setPaced] = useState(step);
  const follow = useCallback((_key: string, at: number) => setPaced(at), []);
  usePaced(follow, 'step', step, live, everyMs);
  return paced;
}
