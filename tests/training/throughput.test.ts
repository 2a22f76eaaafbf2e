import { describe, expect, it } from 'vitest';
import { initialThroughput, newInterval, recordStep, THROUGHPUT_WEIGHT } from '../../src/training/throughput';

describe('throughput', () => {
  it('the first step sets the rate from its own duration', () => {
    const t = recordStep(initialThroughput, 128, 1000, 1100, false);
    expect(t.samplesPerSecond).toBeCloseTo(1280);
    expect(t.lastStepEnd).toBe(1100);
  });

  it('a following step is timed from the end of the previous one, and averaged in', () => {
    let t = recordStep(initialThroughput, 100, 0, 100, false); // 1,000/s
    // 50 ms between the two steps (views, yields) count: 100 samples in 200 ms.
    t = recordStep(t, 100, 150, 300, false);
    expect(t.samplesPerSecond).toBeCloseTo((1 - THROUGHPUT_WEIGHT) * 1000 + THROUGHPUT_WEIGHT * 500);
    expect(t.lastStepEnd).toBe(300);
  });

  it('a single step, or the step after a new interval, is timed alone', () => {
    const t = recordStep(initialThroughput, 100, 0, 100, false);
    const single = recordStep(t, 100, 10_000, 10_100, true);
    expect(single.samplesPerSecond).toBeCloseTo(1000);
    const resumed = recordStep(newInterval(t), 100, 10_000, 10_100, false);
    expect(resumed.samplesPerSecond).toBeCloseTo(1000);
    // Without the new interval, the pause would count as training time.
    expect(recordStep(t, 100, 10_000, 10_100, false).samplesPerSecond).toBeLessThan(950);
  });

  it('a step that began before the previous one ended is timed from its start', () => {
    const t = recordStep(initialThroughput, 100, 0, 100, false);
    expect(recordStep(t, 100, 50, 150, false).samplesPerSecond).toBeCloseTo(1000);
  });

  it('a step of no measurable duration gives a finite rate; newInterval keeps the rate', () => {
    const t = recordStep(initialThroughput, 64, 5, 5, false);
    expect(Number.isFinite(t.samplesPerSecond)).toBe(true);
    expect(t.samplesPerSecond).toBeGreaterThan(0);
    expect(newInterval(t)).toEqual({ samplesPerSecond: t.samplesPerSecond, lastStepEnd: 0, seconds: t.seconds });
  });

  it('adds up the training time from the same intervals: a pause does not count', () => {
    let t = recordStep(initialThroughput, 100, 0, 100, false);
    t = recordStep(t, 100, 150, 300, false);
    expect(t.seconds).toBeCloseTo(0.3);
    t = recordStep(newInterval(t), 100, 10_000, 10_200, false);
    expect(t.seconds).toBeCloseTo(0.5);
  });
});
