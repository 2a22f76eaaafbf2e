/**
 * The page's side of the service worker (vite-plugin-pwa's generated
 * Workbox worker, registered here once the data have loaded): it says when
 * the app works offline, and when a new version is waiting, which takes
 * over only when the person presses Reload (never in the middle of a run).
 */
import { useSyncExternalStore } from 'react';
import { ExternalStore } from './external-store';

export interface OfflineView {
  /** The app is kept: it reloads without a network. */
  offlineReady: boolean;
  /** A new version is installed and waits. */
  needRefresh: boolean;
}

class OfflineStore extends ExternalStore<OfflineView> {
  set = (patch: Partial<OfflineView>) => this.patch(patch);
}

const offline = new OfflineStore({ offlineReady: false, needRefresh: false });
let update: ((reload?: boolean) => Promise<void>) | null = null;

/** Registers the service worker (production builds only; the dev server has none). */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  void import('virtual:pwa-register').then(({ registerSW }) => {
    update = registerSW({
      onOfflineReady: () => offline.set({ offlineReady: true }),
      onNeedRefresh: () => offline.set({ needRefresh: true }),
    });
  });
}

/** Lets the waiting version take over; the page reloads into it once it controls the page. */
export function reloadIntoUpdate(): void {
  // Workbox reloads only for an update it found itself; one found by the browser's own check reloads here.
  navigator.serviceWorker?.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  void update?.(true);
}

export function dismissOfflineReady(): void {
  offline.set({ offlineReady: false });
}

export function useOffline(): OfflineView {
  return useSyncExternalStore(offline.subscribe, offline.getSnapshot);
}
