/**
 * The page's view (presenter mode, hidden controls, the open lesson and its
 * step), kept in the URL beside the settings so that a link carries it. A
 * change replaces the current history entry: Back steps through experiments,
 * not through lesson steps or a switch flipped.
 */
import { useSyncExternalStore } from 'react';
import { VIEW_PARAM_NAMES, parseViewParams, serializeViewParams, type ViewParams } from '../state/view-params';
import type { UrlProblem } from '../state/url-state';
import { ExternalStore } from './external-store';

/** The query string with its view part replaced by `view`'s, the settings kept as they are. */
export function withView(search: string, view: ViewParams): string {
  const names = new Set<string>(VIEW_PARAM_NAMES);
  const rest = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(search)) if (!names.has(name.toLowerCase())) rest.append(name, value);
  const own = serializeViewParams(view);
  const settings = rest.toString().replace(/%2C/g, ',');
  return [settings, own].filter(Boolean).join('&');
}

class ViewStore extends ExternalStore<ViewParams> {
  readonly problems: UrlProblem[];

  constructor() {
    const parsed = parseViewParams(typeof window === 'undefined' ? '' : window.location.search);
    super(parsed.view);
    this.problems = parsed.problems;
    if (typeof window !== 'undefined') {
      window.addEventListener('popstate', () => this.patch(parseViewParams(window.location.search).view));
    }
  }

  /** Changes the view and writes it into the current URL. */
  set(patch: Partial<ViewParams>): void {
    this.patch(patch);
    const query = withView(window.location.search, this.state);
    const url = `${query ? `?${query}` : window.location.pathname}${window.location.hash}`;
    window.history.replaceState(window.history.state, '', url);
  }

  /** The view part of the URL, to add to a query the settings write. */
  query(): string {
    return serializeViewParams(this.state);
  }
}

export const viewStore = new ViewStore();

export function useView(): ViewParams {
  return useSyncExternalStore(viewStore.subscribe, viewStore.getSnapshot);
}
