/**
 * Where a learner is in a lesson, and how it moves: a pure
 * (position, event) → (position, set-up) function, so every transition can
 * be tested without a page.
 *
 * - Opening a lesson at a step (from a link, the list, or Next) sets up that
 *   step: its settings are applied and its part of the page pointed at.
 * - The page is observed after every change; the step is done once its
 *   condition has held, and stays done (the learner may play on).
 * - Next moves on only from a done step; after the last one the lesson is
 *   finished. Back returns to a step already done, pointing at its part of
 *   the page again but leaving the settings as they are.
 * - Leaving changes nothing on the page: settings and run stay.
 */
import type { Settings } from '../state/url-state';
import { isMet, trainingOf, type PageSnapshot } from './lesson-conditions';
import { settingsPatchOf, type Lesson } from './lesson-schema';
import type { PointTarget } from './lesson-targets';

export interface LessonPosition {
  /** The lesson's id (it may name no lesson: the page then says so). */
  lesson: string;
  /** The step, from 0; the number of steps once the lesson is finished. */
  step: number;
  /** The step's condition has held since it was entered. */
  done: boolean;
}

export type LessonEvent =
  | { type: 'open'; lesson: string; step?: number }
  | { type: 'observe'; snapshot: PageSnapshot }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'leave' };

/** What the page does on entering a step: change these settings (if any), point at this part (if any). */
export interface StepSetUp {
  settings: Partial<Settings> | null;
  point: PointTarget | null;
  /**
   * The step sets up a new experiment and asks for it to be trained: the run
   * on screen is cleared first, so that Train starts it afresh (a finished run
   * whose epochs a step raised would otherwise become a paused one to resume,
   * and count as trained already).
   */
  fresh: boolean;
}

export interface LessonTransition {
  position: LessonPosition | null;
  setUp: StepSetUp | null;
}

/** Whether the position is past the last step. */
export const isFinished = (position: LessonPosition, lesson: Lesson) => position.step >= lesson.steps.length;

function enter(lesson: Lesson, step: number, withSettings: boolean): LessonTransition {
  const s = lesson.steps[step];
  if (!s) return { position: { lesson: lesson.id, step: lesson.steps.length, done: true }, setUp: null };
  return {
    position: { lesson: lesson.id, step, done: s.done === undefined },
    setUp: {
      settings: withSettings && s.settings !== undefined ? settingsPatchOf(s.settings) : null,
      point: s.point ?? null,
      fresh: withSettings && s.settings !== undefined && s.done !== undefined && trainingOf(s.done) !== null,
    },
  };
}

/**
 * The next position after `event`. `find` looks a lesson up by id. An event
 * that changes nothing returns the same position object and no set-up.
 */
export function lessonTransition(
  position: LessonPosition | null,
  event: LessonEvent,
  find: (id: string) => Lesson | null,
): LessonTransition {
  const same = { position, setUp: null };
  if (event.type === 'leave') return { position: null, setUp: null };
  if (event.type === 'open') {
    const lesson = find(event.lesson);
    if (!lesson) return { position: { lesson: event.lesson, step: 0, done: false }, setUp: null };
    const step = Math.max(0, Math.min(Math.floor(event.step ?? 0), lesson.steps.length));
    return enter(lesson, step, true);
  }
  const lesson = position && find(position.lesson);
  if (!position || !lesson) return same;
  const current = lesson.steps[position.step];
  switch (event.type) {
    case 'observe':
      if (position.done || !current?.done || !isMet(current.done, event.snapshot)) return same;
      return { position: { ...position, done: true }, setUp: null };
    case 'next':
      if (!position.done || isFinished(position, lesson)) return same;
      return enter(lesson, position.step + 1, true);
    case 'back': {
      if (position.step === 0) return same;
      const back = enter(lesson, position.step - 1, false);
      return { ...back, position: back.position && { ...back.position, done: true } };
    }
  }
}

/**
 * Whether the page's settings show a step's set-up: every setting it
 * changes has its value. Until they do, what the page shows is from before
 * the step, and must not mark it done.
 */
export function showsSetUp(patch: Partial<Settings>, settings: Settings): boolean {
  return (Object.keys(patch) as (keyof Settings)[]).every((k) => JSON.stringify(patch[k]) === JSON.stringify(settings[k]));
}
