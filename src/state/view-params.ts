/**
 * How the page is shown, as opposed to the experiment (url-state.ts): the
 * presenter switch, the controls an instructor's link hides, and the lesson
 * (and its step) a link opens on. They share the query string with the
 * settings but are parsed apart and written only when they differ from the
 * default, so an everyday link stays short. Pure string functions, no DOM.
 */
import type { UrlProblem } from './url-state';

/**
 * The controls a link can hide, named by their URL parameter (so `hide=lr`
 * hides the learning rate), plus the run buttons and the model panel.
 */
export const HIDEABLE_CONTROLS = [
  'dataset',
  'kind',
  'code',
  'hidden',
  'filters',
  'body',
  'noise',
  'beta',
  'l1',
  'loss',
  'lr',
  'batch',
  'epochs',
  'seed',
  'backend',
] as const;
export type HideableControl = (typeof HIDEABLE_CONTROLS)[number];

export const CONTROL_LABELS: Record<HideableControl, string> = {
  dataset: 'Data',
  kind: 'Architecture',
  code: 'Bottleneck size',
  hidden: 'Hidden layers',
  filters: 'Conv filters',
  body: 'Denoising body',
  noise: 'Noise level',
  beta: 'KL weight β',
  l1: 'Sparsity penalty',
  loss: 'Loss',
  lr: 'Learning rate',
  batch: 'Batch size',
  epochs: 'Epochs',
  seed: 'Seed',
  backend: 'Backend',
};

export interface ViewParams {
  /** Large type, thick lines, the main views large, keyboard shortcuts shown. */
  presenter: boolean;
  /** Controls left out of the settings column. */
  hidden: HideableControl[];
  /** The lesson the page opens on (its id), and the step within it (from 0). */
  lesson: string | null;
  step: number;
}

export const DEFAULT_VIEW: ViewParams = { presenter: false, hidden: [], lesson: null, step: 0 };

/** The query parameters this module owns: parseSettings leaves them alone. */
export const VIEW_PARAM_NAMES = ['presenter', 'hide', 'only', 'lesson', 'step'] as const;

const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Reads the view from a query string. `hide=lr,batch` leaves those out;
 * `only=code` leaves out every other control. A value that means nothing is
 * reported and ignored, like a bad setting.
 */
export function parseViewParams(search: string): { view: ViewParams; problems: UrlProblem[] } {
  const params = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(search)) {
    const key = name.toLowerCase();
    if (!params.has(key)) params.set(key, value);
  }
  const view: ViewParams = { ...DEFAULT_VIEW, hidden: [] };
  const problems: UrlProblem[] = [];
  const bad = (param: string, value: string, expected: string) =>
    problems.push({ param, value, message: `${param}=${value} is not valid (expected ${expected}); it was ignored` });

  const presenter = params.get('presenter');
  if (presenter !== null) {
    const v = presenter.trim().toLowerCase();
    if (['1', 'true', 'on', 'yes', ''].includes(v)) view.presenter = true;
    else if (!['0', 'false', 'off', 'no'].includes(v)) bad('presenter', presenter, '1 or 0');
  }

  const controlList = (param: 'hide' | 'only'): HideableControl[] | null => {
    const raw = params.get(param);
    if (raw === null) return null;
    const names = raw
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    const unknown = names.filter((n) => !(HIDEABLE_CONTROLS as readonly string[]).includes(n));
    if (unknown.length > 0) bad(param, raw, `control names among ${HIDEABLE_CONTROLS.join(', ')}`);
    return names.filter((n): n is HideableControl => !unknown.includes(n));
  };
  const only = controlList('only');
  const hide = controlList('hide') ?? [];
  const hidden = new Set<HideableControl>(hide);
  if (only) HIDEABLE_CONTROLS.filter((c) => !only.includes(c)).forEach((c) => hidden.add(c));
  view.hidden = HIDEABLE_CONTROLS.filter((c) => hidden.has(c));

  const lesson = params.get('lesson');
  if (lesson !== null) {
    if (LESSON_ID.test(lesson.trim().toLowerCase())) view.lesson = lesson.trim().toLowerCase();
    else bad('lesson', lesson, 'a lesson name such as what-is-an-autoencoder');
  }
  const step = params.get('step');
  if (step !== null) {
    if (/^\d{1,3}$/.test(step.trim())) view.step = Number(step.trim());
    else bad('step', step, 'a whole number');
  }
  return { view, problems };
}

/**
 * The view as query parameters, only those that differ from the default:
 * "presenter=1&hide=lr,batch&lesson=…". Hidden controls are written as the
 * shorter of `hide=` and `only=`.
 */
export function serializeViewParams(view: ViewParams): string {
  const parts: string[] = [];
  if (view.presenter) parts.push('presenter=1');
  if (view.hidden.length > 0) {
    const shown = HIDEABLE_CONTROLS.filter((c) => !view.hidden.includes(c));
    parts.push(shown.length < view.hidden.length && shown.length > 0 ? `only=${shown.join(',')}` : `hide=${view.hidden.join(',')}`);
  }
  if (view.lesson) {
    parts.push(`lesson=${view.lesson}`);
    if (view.step > 0) parts.push(`step=${view.step}`);
  }
  return parts.join('&');
}

/** A query string's own view part, for writing settings without losing it. */
export function viewPartOf(search: string): string {
  return serializeViewParams(parseViewParams(search).view);
}
