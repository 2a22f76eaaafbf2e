// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';

const registered: { options?: { onOfflineReady?: () => void; onNeedRefresh?: () => void } } = {};
const update = vi.fn(async () => {});
vi.mock('virtual:pwa-register', () => ({
  registerSW: (options: typeof registered.options) => {
    registered.options = options;
    return update;
  },
}));

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('the service worker, as the page sees it', () => {
  it('says when the app works offline, and takes a waiting version only when asked', async () => {
    vi.stubEnv('PROD', true);
    const swEvents: string[] = [];
    Object.defineProperty(navigator, 'serviceWorker', {
      value: { addEventListener: (type: string) => swEvents.push(type) },
      configurable: true,
    });
    const sw = await import('../../src/app/service-worker');
    sw.registerServiceWorker();
    await vi.waitFor(() => expect(registered.options).toBeDefined());
    const { renderHook, act } = await import('@testing-library/react');
    const { result } = renderHook(() => sw.useOffline());
    expect(result.current).toEqual({ offlineReady: false, needRefresh: false });
    act(() => registered.options!.onOfflineReady!());
    expect(result.current).toEqual({ offlineReady: true, needRefresh: false });
    act(() => sw.dismissOfflineReady());
    expect(result.current.offlineReady).toBe(false);
    act(() => registered.options!.onNeedRefresh!());
    expect(result.current.needRefresh).toBe(true);
    // Nothing reloads by itself: only the page's Reload button does.
    expect(update).not.toHaveBeenCalled();
    sw.reloadIntoUpdate();
    expect(update).toHaveBeenCalledWith(true);
    // The page reloads when the new version takes control.
    expect(swEvents).toEqual(['controllerchange']);
  });

  it('registers nothing on the dev server', async () => {
    vi.stubEnv('PROD', false);
    registered.options = undefined;
    const sw = await import('../../src/app/service-worker');
    sw.registerServiceWorker();
    await new Promise((r) => setTimeout(r, 20));
    expect(registered.options).toBeUndefined();
  });
});
