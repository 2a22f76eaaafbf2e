/**
 * The preset comparison: the five types, each at its own defaults and the
 * same code size, trained one after another on the page (so a class sees
 * each learn); when the last ends, the five runs are picked for comparison.
 * It follows the run store: another run taking the page over stops it.
 */
import { useSyncExternalStore } from 'react';
import { KINDS } from '../model/config';
import type { Settings } from '../state/url-state';
import { ExternalStore } from './external-store';
import { historyStore } from './history-store';
import { modelIdentity } from './model-identity';
import type { RunView } from './run-state';
import { runStore } from './run-store';
import { presetSettings, type TypeComparison } from './type-preset';

export { comparisonProgress, type TypeComparison } from './type-preset';

const ENDED = new Set<RunView['state']>(['done', 'diverged', 'failed']);

class TypeComparisonStore extends ExternalStore<TypeComparison> {
  private unfollow: (() => void) | null = null;
  private page: Settings | null = null;
  private update: ((s: Partial<Settings>) => void) | null = null;
  /** The page's model identity as last rendered (App reports it). */
  private pageKey: string | null = null;
  /** The settings of the next run, waiting for the page to show them (a run unlike the page's settings would be paused as stale). */
  private pending: Settings | null = null;

  constructor() {
    super({ status: 'idle', codeSize: 0, epochs: 0, index: 0, runIds: [] });
  }

  private trainKind(index: number): void {
    this.patch({ index });
    this.pending = presetSettings(KINDS[index], this.state.codeSize, this.state.epochs, this.page!);
    this.update?.(this.pending);
    this.pageSettled(this.pageKey);
  }

  /** App calls this with its model identity after each render that changed it. */
  pageSettled(key: string | null): void {
    this.pageKey = key;
    const config = this.pending;
    if (!config || modelIdentity(config) !== key) return;
    // Still pending while it starts: follow() ignores the store's news until the run's id is known.
    runStore.train(config, key);
    this.pending = null;
    this.patch({ runIds: [...this.state.runIds, runStore.getSnapshot().runId] });
  }

  start(codeSize: number, epochs: number, page: Settings, update: (s: Partial<Settings>) => void): void {
    this.unfollow?.();
    this.page = page;
    this.update = update;
    this.patch({ status: 'running', codeSize, epochs, index: 0, runIds: [], message: undefined });
    this.unfollow = runStore.subscribe(() => this.follow(runStore.getSnapshot()));
    this.trainKind(0);
  }

  private follow(view: RunView): void {
    if (this.pending) return;
    const { index, runIds } = this.state;
    if (view.runId !== runIds[index]) return this.finish('stopped', 'Stopped: another run took the page over.');
    if (!ENDED.has(view.state)) return;
    if (index + 1 < KINDS.length) this.trainKind(index + 1);
    else {
      this.finish('done');
      historyStore.select(runIds.map((id) => historyStore.idOf(id)));
    }
  }

  private finish(status: 'done' | 'stopped', message?: string): void {
    this.pending = null;
    this.unfollow?.();
    this.unfollow = null;
    this.patch({ status, message });
  }

  stop = (): void => {
    if (this.state.status !== 'running') return;
    const kind = KINDS[this.state.index];
    this.finish('stopped', `Stopped at the ${kind} type; its run so far is kept.`);
    runStore.pause();
  };
}

export const typeComparison = new TypeComparisonStore();

export function useTypeComparison(): TypeComparison {
  return useSyncExternalStore(typeComparison.subscribe, typeComparison.getSnapshot);
}
