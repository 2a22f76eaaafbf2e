/**
 * Samples per second while a run trains, smoothed over recent steps. Each
 * step is timed from the end of the previous one (so the live views and the
 * yields between steps count as training time), or from its own start when
 * it begins a new interval: the first step, a single step, the step after a
 * pause or a test pass. The same intervals add up to the run's training
 * time, which the test losses are plotted against.
 */

export interface Throughput {
  /** The smoothed rate, 0 before the first step. */
  samplesPerSecond: number;
  /** When the previous step ended, or 0 when the next step starts a new interval. */
  lastStepEnd: number;
  /** Seconds spent training so far: the sum of the steps' intervals. */
  seconds: number;
}

/** Weight of the newest step in the moving average. */
export const THROUGHPUT_WEIGHT = 0.1;

export const initialThroughput: Throughput = { samplesPerSecond: 0, lastStepEnd: 0, seconds: 0 };

/** The rate after a step of `samples` that ran from `started` to `ended` (ms); a `single` step is timed alone. */
export function recordStep(t: Throughput, samples: number, started: number, ended: number, single: boolean): Throughput {
  const since = single || t.lastStepEnd === 0 ? started : Math.min(started, t.lastStepEnd);
  const seconds = Math.max(1e-6, (ended - since) / 1000);
  const instant = samples / seconds;
  const samplesPerSecond = t.samplesPerSecond === 0 ? instant : (1 - THROUGHPUT_WEIGHT) * t.samplesPerSecond + THROUGHPUT_WEIGHT * instant;
  return { samplesPerSecond, lastStepEnd: ended, seconds: t.seconds + seconds };
}

/** The next step starts a new interval (time paused or spent on a test pass is not training time). */
export function newInterval(t: Throughput): Throughput {
  return { ...t, lastStepEnd: 0 };
}
