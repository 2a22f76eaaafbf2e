import { describe, expect, it } from 'vitest';
import { settingsPatchOf, validateLesson } from '../../src/lessons/lesson-schema';

const good = () => ({
  id: 'a-lesson',
  order: 1,
  title: 'A lesson',
  summary: 'One line.',
  steps: [
    {
      title: 'Train it',
      settings: 'kind=deep&code=2',
      point: 'train-button',
      task: 'Press Train.',
      done: { trained: { steps: 100 } },
      explain: 'The [code](#glossary-code) is two numbers.',
    },
    { title: 'Read', task: 'Read this.', explain: 'Done at once.' },
  ],
});

const problemsOf = (raw: unknown, fileId?: string) => {
  const result = validateLesson(raw, fileId);
  return result.ok ? [] : result.problems;
};

describe('validateLesson', () => {
  it('accepts a well-formed lesson and gives it back', () => {
    const result = validateLesson(good(), 'a-lesson');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.lesson.steps[0].point).toBe('train-button');
  });

  it('rejects what is not a lesson at all', () => {
    expect(problemsOf(null)).toEqual(['lesson must be a JSON object']);
    expect(problemsOf([1, 2], 'x')).toEqual(['x must be a JSON object']);
  });

  it('needs the id to be the file’s name', () => {
    expect(problemsOf(good(), 'other')).toEqual(['other.id is "a-lesson" but the file is other.json: they must match']);
    expect(problemsOf({ ...good(), id: 'A Lesson' })[0]).toMatch(/id must be lower-case words joined by hyphens/);
  });

  it('names a missing or empty field', () => {
    const untitled: Record<string, unknown> = good();
    delete untitled.title;
    expect(problemsOf(untitled)).toEqual(['lesson.title must be a non-empty string']);
    expect(problemsOf({ ...good(), order: 0 })).toEqual(['lesson.order must be a whole number from 1']);
    expect(problemsOf({ ...good(), steps: [] })).toEqual(['lesson.steps must be a non-empty list']);
    const lesson = good();
    lesson.steps[1].explain = ' ';
    expect(problemsOf(lesson)).toEqual(['lesson.steps[1].explain must be a non-empty string']);
  });

  it('names an unknown key, in the lesson or a step', () => {
    expect(problemsOf({ ...good(), author: 'me' })[0]).toMatch(/unknown key "author"/);
    const lesson = good();
    (lesson.steps[0] as Record<string, unknown>).hint = 'psst';
    expect(problemsOf(lesson)[0]).toMatch(/^lesson.steps\[0\] has an unknown key "hint"/);
  });

  it('needs settings that parse as a link would, without a complaint', () => {
    const lesson = good();
    lesson.steps[0].settings = 'kind=deep&code=500&colour=red';
    expect(problemsOf(lesson)).toEqual([
      'lesson.steps[0].settings: code=500 is not valid (expected a whole number from 1 to 128); using 32',
      'lesson.steps[0].settings: unknown parameter colour was ignored',
    ]);
    lesson.steps[0].settings = 'code=2&lesson=x';
    expect(problemsOf(lesson)).toEqual(['lesson.steps[0].settings: lesson is part of the view, not of the settings']);
  });

  it('needs a point the page knows', () => {
    const lesson = good();
    lesson.steps[0].point = 'the-big-chart';
    expect(problemsOf(lesson)[0]).toMatch(/point "the-big-chart" is not a part of the page \(known: controls, model/);
    lesson.steps[0].point = 'tab:generate';
    expect(problemsOf(lesson)).toEqual([]);
  });

  it('checks the condition and the links in the text', () => {
    const lesson = good();
    (lesson.steps[0] as Record<string, unknown>).done = { trained: { steps: -1 } };
    lesson.steps[1].explain = 'See [here](http://x.org).';
    expect(problemsOf(lesson)).toEqual([
      'lesson.steps[0].done.trained: steps and epochs must be whole numbers from 1',
      'lesson.steps[1].explain: the link [here](http://x.org) is not to a glossary entry (write (#glossary-<term>))',
    ]);
  });
});

describe('settingsPatchOf', () => {
  it('gives a whole experiment, defaults for what is left out, the backend untouched', () => {
    const patch = settingsPatchOf('kind=conv&code=8');
    expect(patch).toMatchObject({ kind: 'conv', codeSize: 8, batchSize: 32, learningRate: 0.005, loss: 'bce', dataset: 'mnist', seed: 1 });
    expect('backend' in patch).toBe(false);
  });
});
