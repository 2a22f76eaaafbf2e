/**
 * State the page renders from but that changes outside React (a worker's
 * replies, IndexedDB, the service worker): a value replaced on each change,
 * with the subscribe/getSnapshot pair useSyncExternalStore takes.
 */
export class ExternalStore<T extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(protected state: T) {}

  /** Replaces the state by a copy with `patch` applied, and tells every listener. */
  protected patch(patch: Partial<T>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((l) => l());
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.state;
}
