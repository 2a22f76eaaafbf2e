/** A run as the comparison draws it: its summary, its details and its colour. */
import type { RunDetails, RunSummary } from '../../history/run-record';

export interface ComparedRun {
  summary: RunSummary;
  details: RunDetails;
  color: string;
}

/** Line colours of compared runs, in order (Okabe & Ito's palette, as the digits use). */
export const RUN_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8C564B'];
