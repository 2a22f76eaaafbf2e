// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePaced, usePacedStep } from '../../src/components/use-paced';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Jobs the test ends by hand; each records the key and step it ran for. */
function jobs() {
  const runs: { key: string; step: number; end(fail?: boolean): Promise<void> }[] = [];
  const job = (key: string, step: number) =>
    new Promise<void>((resolve, reject) => {
      runs.push({
        key,
        step,
        end: async (fail) => {
          if (fail) reject(new Error('no'));
          else resolve();
          await act(async () => {});
        },
      });
    });
  return { runs, job };
}

describe('usePacedStep', () => {
  it('follows every step at once while not live', () => {
    const { result, rerender } = renderHook(({ step }) => usePacedStep(step, false, 2000), { initialProps: { step: 1 } });
    expect(result.current).toBe(1);
    rerender({ step: 2 });
    expect(result.current).toBe(2);
    rerender({ step: 3 });
    expect(result.current).toBe(3);
  });

  it('while live, holds a new step until everyMs after the last one taken, then takes the newest', () => {
    const { result, rerender } = renderHook(({ step }) => usePacedStep(step, true, 2000), { initialProps: { step: 1 } });
    act(() => vi.advanceTimersByTime(500));
    rerender({ step: 2 });
    rerender({ step: 3 });
    expect(result.current).toBe(1);
    act(() => vi.advanceTimersByTime(1400));
    expect(result.current).toBe(1);
    act(() => vi.advanceTimersByTime(100));
    expect(result.current).toBe(3);
    // Paced from when 3 was taken: 4 waits the full interval again.
    rerender({ step: 4 });
    act(() => vi.advanceTimersByTime(1999));
    expect(result.current).toBe(3);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(4);
  });

  it('takes a held step at once when training stops', () => {
    const { result, rerender } = renderHook(({ step, live }) => usePacedStep(step, live, 60_000), {
      initialProps: { step: 1, live: true },
    });
    rerender({ step: 9, live: true });
    expect(result.current).toBe(1);
    rerender({ step: 9, live: false });
    expect(result.current).toBe(9);
  });
});

describe('usePaced', () => {
  it('runs one job at a time: a step that comes during a job runs, at its newest, when the job ends', async () => {
    const { runs, job } = jobs();
    const { rerender } = renderHook(({ step }) => usePaced(job, 'a', step, false, 1000), { initialProps: { step: 1 } });
    expect(runs.map((r) => r.step)).toEqual([1]);
    rerender({ step: 2 });
    rerender({ step: 3 });
    expect(runs).toHaveLength(1);
    await runs[0].end();
    expect(runs.map((r) => r.step)).toEqual([1, 3]);
  });

  it('runs at once for a new key, whatever the pace', async () => {
    const { runs, job } = jobs();
    const { rerender } = renderHook(({ k, step }) => usePaced(job, k, step, true, 60_000), { initialProps: { k: 'a', step: 1 } });
    await runs[0].end();
    rerender({ k: 'a', step: 2 });
    expect(runs).toHaveLength(1);
    rerender({ k: 'b', step: 2 });
    expect(runs.map((r) => r.key)).toEqual(['a', 'b']);
  });

  it('is not stopped by a job that fails: the next step runs', async () => {
    const { runs, job } = jobs();
    const { rerender } = renderHook(({ step }) => usePaced(job, 'a', step, false, 1000), { initialProps: { step: 1 } });
    await runs[0].end(true);
    rerender({ step: 2 });
    expect(runs.map((r) => r.step)).toEqual([1, 2]);
  });

  it('runs nothing without a job, and runs when one comes', () => {
    const { runs, job } = jobs();
    const { rerender } = renderHook(({ j }) => usePaced(j, 'a', 1, false, 1000), {
      initialProps: { j: null as typeof job | null },
    });
    expect(runs).toHaveLength(0);
    rerender({ j: job });
    expect(runs).toHaveLength(1);
  });

  it('force runs the same key and step again, after the running job', async () => {
    const { runs, job } = jobs();
    const { result } = renderHook(() => usePaced(job, 'a', 1, true, 60_000));
    act(() => result.current.force());
    expect(runs).toHaveLength(1);
    await runs[0].end();
    expect(runs).toHaveLength(2);
    await runs[1].end();
    act(() => result.current.force());
    expect(runs).toHaveLength(3);
  });
});
