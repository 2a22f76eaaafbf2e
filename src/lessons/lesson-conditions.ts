/**
 * When a lesson's step is done: a small declarative vocabulary of
 * conditions, written in a lesson's file as plain JSON, checked against a
 * plain snapshot of the page (its settings, the run, the open question tab,
 * whether a new drawing was made). Pure functions, no DOM.
 *
 *   { "setting": "code", "is": 2 }            a setting, by its URL name, has this value
 *   { "setting": "noise", "atLeast": 0.5 }    a numeric setting is at least (or "atMost") this
 *   { "trained": { "steps": 150 } }           the run on screen was trained with the page's
 *   { "trained": { "epochs": 1 } }            model settings at least this far
 *   { "tab": "generate" }                     this question tab is open
 *   { "drawing": true }                       the model has encoded a drawing made since the step began
 *   { "all": [ … ] }, { "any": [ … ] }         every one, or one, of these
 */
import { FIELDS, type Settings } from '../state/url-state';
import { QUESTION_TABS, type QuestionTab } from './lesson-targets';
import { formatCount } from '../shared/format';

export type Condition =
  | { setting: string; is: string | number }
  | { setting: string; atLeast: number }
  | { setting: string; atMost: number }
  | { trained: { steps?: number; epochs?: number } }
  | { tab: QuestionTab }
  | { drawing: true }
  | { all: Condition[] }
  | { any: Condition[] };

/** What a condition can see of the page. */
export interface PageSnapshot {
  settings: Settings;
  run: {
    /** A run is on screen and it was started with the page's model settings (not a run kept from others). */
    current: boolean;
    /** Batches trained, and epochs finished (each ends with a test pass). */
    steps: number;
    epochs: number;
  };
  /** The question tab that is open. */
  tab: QuestionTab | null;
  /** The model has encoded a drawing made since the step began. */
  drawing: boolean;
}

const fieldOf = (param: string) => FIELDS.find((f) => f.param === param.toLowerCase());

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const count = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/**
 * Problems with a condition as read from JSON, each naming where it is
 * (`at`, e.g. "done.all[1]"); an empty list when it is well formed.
 */
export function conditionProblems(raw: unknown, at = 'done'): string[] {
  if (!isObject(raw)) return [`${at} must be an object such as {"trained": {"steps": 100}}`];
  const keys = Object.keys(raw);
  if ('all' in raw || 'any' in raw) {
    const key = 'all' in raw ? 'all' : 'any';
    const list = raw[key];
    if (keys.length !== 1) return [`${at} has "${key}" and other keys (${keys.join(', ')}): put them in the list`];
    if (!Array.isArray(list) || list.length === 0) return [`${at}.${key} must be a non-empty list of conditions`];
    return list.flatMap((c, i) => conditionProblems(c, `${at}.${key}[${i}]`));
  }
  if ('setting' in raw) {
    const field = typeof raw.setting === 'string' ? fieldOf(raw.setting) : undefined;
    if (!field) return [`${at}.setting must be a URL setting name, one of ${FIELDS.map((f) => f.param).join(', ')}`];
    const tests = keys.filter((k) => k !== 'setting');
    if (tests.length !== 1 || !['is', 'atLeast', 'atMost'].includes(tests[0])) {
      return [`${at} needs exactly one of "is", "atLeast" or "atMost" beside "setting"`];
    }
    const value = raw[tests[0]];
    if (tests[0] === 'is') {
      if (typeof value !== 'string' && typeof value !== 'number') return [`${at}.is must be a string or a number`];
      const parsed = field.parse(String(value));
      return parsed.ok ? [] : [`${at}.is: ${field.param}=${value} is not valid (expected ${parsed.expected})`];
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) return [`${at}.${tests[0]} must be a number`];
    if (!NUMERIC.has(field.prop)) {
      return [`${at}: ${field.param} is not a number, so it takes "is", not "${tests[0]}"`];
    }
    return [];
  }
  if ('trained' in raw) {
    const t = raw.trained;
    if (keys.length !== 1 || !isObject(t)) return [`${at}.trained must be {"steps": n} or {"epochs": n}`];
    const bad = Object.keys(t).filter((k) => k !== 'steps' && k !== 'epochs');
    if (bad.length > 0 || Object.keys(t).length === 0) return [`${at}.trained takes "steps" and/or "epochs" only`];
    if ((t.steps !== undefined && !count(t.steps)) || (t.epochs !== undefined && !count(t.epochs))) {
      return [`${at}.trained: steps and epochs must be whole numbers from 1`];
    }
    return [];
  }
  if ('tab' in raw) {
    if (keys.length !== 1 || !(QUESTION_TABS as readonly unknown[]).includes(raw.tab)) {
      return [`${at}.tab must be one of ${QUESTION_TABS.join(', ')}`];
    }
    return [];
  }
  if ('drawing' in raw) return keys.length === 1 && raw.drawing === true ? [] : [`${at} must be {"drawing": true}`];
  return [`${at} has no known condition (setting, trained, tab, drawing, all, any): ${keys.join(', ') || 'empty'}`];
}

/** The settings that are numbers, which atLeast and atMost compare. */
const NUMERIC = new Set<string>(['codeSize', 'noise', 'beta', 'learningRate', 'batchSize', 'epochs', 'seed', 'sparsity']);

/** Whether `condition` holds for the page as `snapshot` shows it. */
export function isMet(condition: Condition, snapshot: PageSnapshot): boolean {
  if ('all' in condition) return condition.all.every((c) => isMet(c, snapshot));
  if ('any' in condition) return condition.any.some((c) => isMet(c, snapshot));
  if ('setting' in condition) {
    const field = fieldOf(condition.setting);
    if (!field) return false;
    const value = snapshot.settings[field.prop];
    if ('is' in condition) {
      const wanted = field.parse(String(condition.is));
      return wanted.ok && field.format(wanted.value) === field.format(value);
    }
    if (typeof value !== 'number') return false;
    return 'atLeast' in condition ? value >= condition.atLeast : value <= condition.atMost;
  }
  if ('trained' in condition) {
    const { steps = 0, epochs = 0 } = condition.trained;
    const run = snapshot.run;
    return run.current && run.steps >= steps && run.epochs >= epochs;
  }
  if ('tab' in condition) return snapshot.tab === condition.tab;
  return snapshot.drawing;
}

/** The first training condition in `condition` (the one a progress line can follow), if any. */
export function trainingOf(condition: Condition): { steps?: number; epochs?: number } | null {
  if ('trained' in condition) return condition.trained;
  if ('all' in condition) {
    for (const c of condition.all) {
      const t = trainingOf(c);
      if (t) return t;
    }
  }
  return null;
}

/**
 * How far the learner is with a condition that needs training, in words
 * ("Trained 80 of 150 steps"), or null when there is nothing to count.
 */
export function progressOf(condition: Condition, snapshot: PageSnapshot): string | null {
  const training = trainingOf(condition);
  if (!training || isMet(condition, snapshot)) return null;
  const { run } = snapshot;
  if (!run.current) return 'No run with these settings yet: press Train to start one.';
  if (training.epochs !== undefined && run.epochs < training.epochs) {
    return `Epoch ${Math.min(run.epochs + 1, training.epochs)} of ${training.epochs} in progress (step ${formatCount(run.steps)}).`;
  }
  if (training.steps !== undefined && run.steps < training.steps) {
    return `Trained ${formatCount(run.steps)} of ${formatCount(training.steps)} steps.`;
  }
  return null;
}
