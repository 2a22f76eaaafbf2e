/** Binds the page's keyboard shortcuts (shortcuts.ts) to their handlers, once. */
import { useEffect, useRef } from 'react';
import { shortcutAction, type ShortcutAction } from './shortcuts';

export function useShortcuts(handlers: Record<ShortcutAction, () => void>): void {
  // The latest handlers, so the listener is registered once.
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      const action = shortcutAction({
        key: e.key,
        ctrlKey: e.ctrlKey,
        altKey: e.altKey,
        metaKey: e.metaKey,
        target: e.target instanceof HTMLElement ? (e.target as HTMLInputElement) : null,
      });
      if (!action) return;
      e.preventDefault();
      current.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
