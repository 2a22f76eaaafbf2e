/**
 * Settings live in the URL: read on load, written on every change (a burst
 * of changes, like dragging a slider, becomes one history entry), and read
 * again when the user goes back or forward.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseSettings, serializeSettings, type Settings, type UrlProblem } from '../state/url-state';
import { viewStore } from './view-store';

/** The settings' query with the page's view (presenter, lesson…) after them. */
const queryOf = (settings: Settings) => [serializeSettings(settings), viewStore.query()].filter(Boolean).join('&');

const MERGE_MS = 1000;

export function useUrlSettings(): {
  settings: Settings;
  problems: UrlProblem[];
  update: (patch: Partial<Settings>) => void;
  dismissProblems: () => void;
} {
  const [state, setState] = useState(() => {
    const parsed = parseSettings(window.location.search);
    return { ...parsed, problems: [...parsed.problems, ...viewStore.problems] };
  });
  const { settings, problems } = state;
  // When the last history entry was pushed; a change within MERGE_MS of it
  // replaces it instead. Not merged into the page's first entry, nor into
  // the one Back or Forward landed on.
  const lastPush = useRef(-Infinity);
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  }, [state]);

  useEffect(() => {
    // Write the full, normalised settings back, without a new history entry.
    const query = queryOf(settings);
    if (window.location.search.slice(1) !== query) {
      window.history.replaceState(null, '', `?${query}${window.location.hash}`);
    }
    // Only on first render: later changes write the URL themselves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onPop = () => {
      lastPush.current = -Infinity;
      const next = parseSettings(window.location.search);
      current.current = next;
      setState(next);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const update = useCallback((patch: Partial<Settings>) => {
    const next = { settings: { ...current.current.settings, ...patch }, problems: current.current.problems };
    const query = `?${queryOf(next.settings)}${window.location.hash}`;
    if (query === window.location.search + window.location.hash) return;
    const now = performance.now();
    if (now - lastPush.current < MERGE_MS) window.history.replaceState(null, '', query);
    else window.history.pushState(null, '', query);
    lastPush.current = now;
    current.current = next;
    setState(next);
  }, []);

  const dismissProblems = useCallback(() => setState((prev) => ({ ...prev, problems: [] })), []);

  return { settings, problems, update, dismissProblems };
}
