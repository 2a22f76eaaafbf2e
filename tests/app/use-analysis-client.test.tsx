// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AnalysisClient } from '../../src/app/analysis-client';
import { useAnalysisClient } from '../../src/app/use-analysis-client';

describe('useAnalysisClient', () => {
  it('creates no client until asked, then always the same one', () => {
    const { result, rerender } = renderHook(() => useAnalysisClient());
    const get = result.current;
    rerender();
    expect(result.current).toBe(get);
    const client = get();
    expect(client).toBeInstanceOf(AnalysisClient);
    expect(get()).toBe(client);
  });

  it('stops the client when the page unmounts; a later call starts a new one', () => {
    const { result, unmount } = renderHook(() => useAnalysisClient());
    const client = result.current();
    const dispose = vi.spyOn(client, 'dispose');
    unmount();
    expect(dispose).toHaveBeenCalledOnce();
    expect(result.current()).not.toBe(client);
  });
});
