/** What the five-types preset trains, and how far it is: pure functions of settings and the run view. */
import { KINDS, type AutoencoderKind } from '../model/config';
import { defaultsFor, type Settings } from '../state/url-state';
import type { RunView } from './run-state';

export interface TypeComparison {
  status: 'idle' | 'running' | 'done' | 'stopped';
  codeSize: number;
  epochs: number;
  /** The kind in training (index into KINDS), and the run ids started so far. */
  index: number;
  runIds: number[];
  message?: string;
}

/** The settings the preset trains `kind` with. */
export function presetSettings(kind: AutoencoderKind, codeSize: number, epochs: number, page: Settings): Settings {
  return { ...defaultsFor(kind), codeSize, epochs, seed: page.seed, backend: page.backend, dataset: page.dataset };
}

/** 0–1 over the five runs, from the job and the page's run view. */
export function comparisonProgress(job: TypeComparison, view: RunView): number {
  if (job.status === 'done') return 1;
  const current = job.runIds[job.index];
  const fraction = view.runId === current && view.totalSteps > 0 ? Math.min(1, view.step / view.totalSteps) : 0;
  return (job.index + fraction) / KINDS.length;
}
