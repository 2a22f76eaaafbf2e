import { describe, expect, it } from 'vitest';
import type { PageSnapshot } from '../../src/lessons/lesson-conditions';
import { lessonTransition, showsSetUp, type LessonPosition } from '../../src/lessons/lesson-progress';
import { settingsPatchOf } from '../../src/lessons/lesson-schema';
import type { Lesson } from '../../src/lessons/lesson-schema';
import { DEFAULT_SETTINGS } from '../../src/state/url-state';

const lesson: Lesson = {
  id: 'two-steps',
  order: 1,
  title: 'Two steps',
  summary: 'A lesson to test with.',
  steps: [
    {
      title: 'Train',
      settings: 'kind=deep&code=2',
      point: 'train-button',
      task: 'Press Train.',
      done: { trained: { steps: 100 } },
      explain: 'x',
    },
    { title: 'Open a tab', point: 'tab:generate', task: 'Open Generate.', done: { tab: 'generate' }, explain: 'y' },
    { title: 'Read', task: 'Read.', explain: 'z' },
  ],
};
const find = (id: string) => (id === lesson.id ? lesson : null);

const snap = (steps: number, tab: PageSnapshot['tab'] = 'interpolate'): PageSnapshot => ({
  settings: { ...DEFAULT_SETTINGS },
  run: { current: true, steps, epochs: 0 },
  tab,
  drawing: false,
});

const at = (step: number, done: boolean): LessonPosition => ({ lesson: lesson.id, step, done });

describe('lessonTransition', () => {
  it('opens a lesson at its first step, setting up its experiment and pointing at its part', () => {
    const { position, setUp } = lessonTransition(null, { type: 'open', lesson: 'two-steps' }, find);
    expect(position).toEqual(at(0, false));
    expect(setUp?.point).toBe('train-button');
    expect(setUp?.settings).toMatchObject({ kind: 'deep', codeSize: 2, batchSize: 64 });
    // It sets up a new experiment to train: the run on screen is cleared, so Train starts afresh.
    expect(setUp?.fresh).toBe(true);
  });

  it('opens at the step a link names, kept within the lesson', () => {
    expect(lessonTransition(null, { type: 'open', lesson: 'two-steps', step: 1 }, find)).toEqual({
      position: at(1, false),
      setUp: { settings: null, point: 'tab:generate', fresh: false },
    });
    expect(lessonTransition(null, { type: 'open', lesson: 'two-steps', step: 40 }, find)).toEqual({ position: at(3, true), setUp: null });
  });

  it('keeps an unknown lesson’s id, with nothing set up, for the page to say so', () => {
    expect(lessonTransition(null, { type: 'open', lesson: 'nope' }, find)).toEqual({
      position: { lesson: 'nope', step: 0, done: false },
      setUp: null,
    });
    const unknown = { lesson: 'nope', step: 0, done: false };
    expect(lessonTransition(unknown, { type: 'next' }, find).position).toBe(unknown);
  });

  it('marks the step done once its condition holds, and keeps it done', () => {
    const start = at(0, false);
    expect(lessonTransition(start, { type: 'observe', snapshot: snap(99) }, find).position).toBe(start);
    const done = lessonTransition(start, { type: 'observe', snapshot: snap(100) }, find).position!;
    expect(done).toEqual(at(0, true));
    expect(lessonTransition(done, { type: 'observe', snapshot: snap(0) }, find).position).toBe(done);
  });

  it('moves on with Next only from a done step', () => {
    const notDone = at(0, false);
    expect(lessonTransition(notDone, { type: 'next' }, find)).toEqual({ position: notDone, setUp: null });
    expect(lessonTransition(at(0, true), { type: 'next' }, find)).toEqual({
      position: at(1, false),
      setUp: { settings: null, point: 'tab:generate', fresh: false },
    });
  });

  it('enters a step without a condition as done; Next after the last step finishes the lesson', () => {
    expect(lessonTransition(at(1, true), { type: 'next' }, find).position).toEqual(at(2, true));
    const finished = lessonTransition(at(2, true), { type: 'next' }, find);
    expect(finished).toEqual({ position: at(3, true), setUp: null });
    expect(lessonTransition(finished.position, { type: 'next' }, find).position).toBe(finished.position);
  });

  it('goes back to a done step, pointing again but leaving the settings alone', () => {
    expect(lessonTransition(at(1, false), { type: 'back' }, find)).toEqual({
      position: at(0, true),
      setUp: { settings: null, point: 'train-button', fresh: false },
    });
    const first = at(0, false);
    expect(lessonTransition(first, { type: 'back' }, find).position).toBe(first);
  });

  it('leaves without setting anything up', () => {
    expect(lessonTransition(at(1, false), { type: 'leave' }, find)).toEqual({ position: null, setUp: null });
  });
});

describe('showsSetUp', () => {
  it('holds once every setting the step changes has its value, whatever else the page has', () => {
    const patch = settingsPatchOf('kind=deep&code=8');
    expect(showsSetUp(patch, { ...DEFAULT_SETTINGS })).toBe(false);
    const shown = { ...DEFAULT_SETTINGS, ...patch, backend: 'wasm' as const };
    expect(showsSetUp(patch, shown)).toBe(true);
    expect(showsSetUp(patch, { ...shown, hidden: [256, 128] })).toBe(false);
  });
});
