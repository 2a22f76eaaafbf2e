/**
 * A lesson, as an instructor writes it: one JSON file per lesson in
 * src/lessons/content/, named after its id. Each step sets up an experiment
 * (settings as a link's query string), points at the part of the page that
 * matters, asks the learner to do one thing, and says when that is done
 * (lesson-conditions.ts); then the page shows what it means.
 *
 *   {
 *     "id": "what-is-an-autoencoder",      the file's name and the link's ?lesson=
 *     "order": 1,                          where it comes in the list of lessons
 *     "title": "What an autoencoder is",
 *     "summary": "One line for the list of lessons.",
 *     "steps": [{
 *       "title": "Train it",
 *       "settings": "kind=vanilla&code=32&epochs=1",   optional: applied on entering the step
 *       "point": "train-button",                       optional: see lesson-targets.ts
 *       "task": "Press Train.",                        the one thing to do
 *       "done": { "trained": { "steps": 200 } },       optional: without it the step is done at once
 *       "explain": "What the learner now sees, in plain words."
 *     }]
 *   }
 *
 * A step's settings are a whole experiment: what they leave out takes its
 * default, except the backend, which stays the page's. The validator is
 * pure and says, for each thing wrong, where it is.
 */
import { parseSettings, type Settings } from '../state/url-state';
import { VIEW_PARAM_NAMES } from '../state/view-params';
import { conditionProblems, type Condition } from './lesson-conditions';
import { isPointTarget, POINT_TARGETS, type PointTarget } from './lesson-targets';
import { linkProblems } from './lesson-text';

export interface LessonStep {
  title: string;
  settings?: string;
  point?: PointTarget;
  task: string;
  done?: Condition;
  explain: string;
}

export interface Lesson {
  id: string;
  order: number;
  title: string;
  summary: string;
  steps: LessonStep[];
}

export const LESSON_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type Validated = { ok: true; lesson: Lesson } | { ok: false; problems: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const STEP_KEYS = ['title', 'settings', 'point', 'task', 'done', 'explain'];
const LESSON_KEYS = ['id', 'order', 'title', 'summary', 'steps'];

function textProblems(obj: Record<string, unknown>, key: string, at: string, optional = false): string[] {
  const v = obj[key];
  if (v === undefined && optional) return [];
  if (typeof v !== 'string' || v.trim() === '') return [`${at}.${key} must be a non-empty string`];
  return linkProblems(v, `${at}.${key}`);
}

/** Problems with a step's settings: each must parse as a link would, without a single complaint. */
export function settingsProblems(query: string, at: string): string[] {
  const view = new Set<string>(VIEW_PARAM_NAMES);
  const own = [...new URLSearchParams(query).keys()].filter((k) => view.has(k.toLowerCase()));
  const problems = own.map((k) => `${at}: ${k} is part of the view, not of the settings`);
  return [...problems, ...parseSettings(query).problems.map((p) => `${at}: ${p.message}`)];
}

function stepProblems(raw: unknown, at: string): string[] {
  if (!isObject(raw)) return [`${at} must be an object with a title, a task and an explanation`];
  const problems = [
    ...Object.keys(raw)
      .filter((k) => !STEP_KEYS.includes(k))
      .map((k) => `${at} has an unknown key "${k}" (known: ${STEP_KEYS.join(', ')})`),
    ...textProblems(raw, 'title', at),
    ...textProblems(raw, 'task', at),
    ...textProblems(raw, 'explain', at),
  ];
  if (raw.settings !== undefined) {
    if (typeof raw.settings !== 'string') problems.push(`${at}.settings must be a query string such as "kind=deep&code=2"`);
    else problems.push(...settingsProblems(raw.settings, `${at}.settings`));
  }
  if (raw.point !== undefined && !isPointTarget(raw.point)) {
    problems.push(`${at}.point "${String(raw.point)}" is not a part of the page (known: ${POINT_TARGETS.join(', ')})`);
  }
  if (raw.done !== undefined) problems.push(...conditionProblems(raw.done, `${at}.done`));
  return problems;
}

/**
 * Checks a lesson read from JSON. `fileId`, when given, is the file's name
 * without ".json": the lesson's id must be it, so that a link finds it.
 */
export function validateLesson(raw: unknown, fileId?: string): Validated {
  const at = fileId ?? 'lesson';
  if (!isObject(raw)) return { ok: false, problems: [`${at} must be a JSON object`] };
  const problems = Object.keys(raw)
    .filter((k) => !LESSON_KEYS.includes(k))
    .map((k) => `${at} has an unknown key "${k}" (known: ${LESSON_KEYS.join(', ')})`);
  if (typeof raw.id !== 'string' || !LESSON_ID.test(raw.id)) {
    problems.push(`${at}.id must be lower-case words joined by hyphens, such as what-is-an-autoencoder`);
  } else if (fileId !== undefined && raw.id !== fileId) {
    problems.push(`${at}.id is "${raw.id}" but the file is ${fileId}.json: they must match`);
  }
  if (typeof raw.order !== 'number' || !Number.isInteger(raw.order) || raw.order < 1)
    problems.push(`${at}.order must be a whole number from 1`);
  problems.push(...textProblems(raw, 'title', at), ...textProblems(raw, 'summary', at));
  if (!Array.isArray(raw.steps) || raw.steps.length === 0) problems.push(`${at}.steps must be a non-empty list`);
  else raw.steps.forEach((s, i) => problems.push(...stepProblems(s, `${at}.steps[${i}]`)));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lesson: raw as unknown as Lesson };
}

/** The change of settings a step's query makes: every setting it gives or leaves at its default, but not the backend. */
export function settingsPatchOf(query: string): Partial<Settings> {
  const patch: Partial<Settings> = { ...parseSettings(query).settings };
  delete patch.backend;
  return patch;
}
