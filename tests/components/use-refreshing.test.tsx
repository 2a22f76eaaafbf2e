// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useRefreshing } from '../../src/components/use-refreshing';

/** Requests the test answers by hand, in order. */
function pending() {
  const calls: { key: string; resolve(v: string): void }[] = [];
  const loader = (key: string) => () =>
    new Promise<string>((resolve) => {
      calls.push({ key, resolve });
    });
  return { calls, loader };
}

const flush = () =>
  act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });

describe('useRefreshing', () => {
  it('does not show the answer for a key that is no longer asked for, and asks for the new one', async () => {
    const { calls, loader } = pending();
    const { result, rerender } = renderHook(({ k }) => useRefreshing(loader(k), k, 0, false), { initialProps: { k: 'a' } });
    expect(calls.map((c) => c.key)).toEqual(['a']);
    rerender({ k: 'b' });
    calls[0].resolve('answer a');
    await flush();
    expect(result.current.data).toBeNull();
    expect(calls.map((c) => c.key)).toEqual(['a', 'b']);
    calls[1].resolve('answer b');
    await flush();
    expect(result.current.data).toBe('answer b');
  });

  it('a reload pressed while a request runs is made when it ends', async () => {
    const { calls, loader } = pending();
    const { result } = renderHook(() => useRefreshing(loader('a'), 'a', 0, false));
    expect(calls).toHaveLength(1);
    act(() => result.current.reload());
    expect(calls).toHaveLength(1);
    calls[0].resolve('first');
    await flush();
    expect(calls).toHaveLength(2);
    calls[1].resolve('second');
    await flush();
    expect(result.current.data).toBe('second');
  });

  it('asks again when the model moves on: at once when stopped, not more often than everyMs while training', async () => {
    const { calls, loader } = pending();
    const { rerender } = renderHook(({ step, live }) => useRefreshing(loader('a'), 'a', step, live, 60_000), {
      initialProps: { step: 1, live: true },
    });
    calls[0].resolve('x');
    await flush();
    rerender({ step: 2, live: true });
    await flush();
    expect(calls).toHaveLength(1);
    rerender({ step: 3, live: false });
    await flush();
    expect(calls).toHaveLength(2);
  });
});
