import { describe, expect, it } from 'vitest';
import { LESSON_FILES, LESSONS, catalogOf, catalogProblems, fileIdOf } from '../../src/lessons/lesson-catalog';
import { isPointTarget } from '../../src/lessons/lesson-targets';
import { parseSettings } from '../../src/state/url-state';

describe('the shipped lessons', () => {
  it('are all valid, none left out', () => {
    expect(LESSONS.broken).toEqual([]);
    expect(LESSONS.lessons.length).toBe(Object.keys(LESSON_FILES).length);
    expect(catalogProblems(LESSONS)).toEqual([]);
  });

  it('cover the introduction: what it is, lossy compression, the bottleneck, the losses, the five types, the uses', () => {
    expect(LESSONS.lessons.map((l) => l.id)).toEqual([
      'what-is-an-autoencoder',
      'lossy-compression',
      'the-bottleneck',
      'two-losses',
      'vanilla-autoencoder',
      'deep-autoencoder',
      'convolutional-autoencoder',
      'denoising-autoencoder',
      'variational-autoencoder',
      'what-autoencoders-are-for',
    ]);
  });

  it('point only at parts the page marks, and set up settings a link would accept as they are', () => {
    for (const lesson of LESSONS.lessons) {
      for (const step of lesson.steps) {
        if (step.point !== undefined) expect(isPointTarget(step.point), `${lesson.id}: ${step.point}`).toBe(true);
        if (step.settings !== undefined) expect(parseSettings(step.settings).problems, `${lesson.id}: ${step.settings}`).toEqual([]);
      }
    }
  });

  it('ask for something to be done at every step', () => {
    for (const lesson of LESSONS.lessons) for (const step of lesson.steps) expect(step.done, `${lesson.id}: ${step.title}`).toBeDefined();
  });
});

describe('catalogOf', () => {
  it('keeps a broken file apart with its problems, and orders the rest', () => {
    const lesson = (id: string, order: number) => ({
      id,
      order,
      title: id,
      summary: 's',
      steps: [{ title: 't', task: 'do', explain: 'e' }],
    });
    const catalog = catalogOf({ './content/b.json': lesson('b', 2), './content/a.json': lesson('a', 1), './content/c.json': { id: 'c' } });
    expect(catalog.lessons.map((l) => l.id)).toEqual(['a', 'b']);
    expect(catalog.broken.map((b) => b.id)).toEqual(['c']);
    expect(catalog.broken[0].problems[0]).toMatch(/order/);
    expect(fileIdOf('./content/what-is.json')).toBe('what-is');
    expect(catalogProblems(catalogOf({ 'x/a.json': lesson('a', 1), 'x/b.json': lesson('b', 1) }))).toEqual(['a and b both have order 1']);
  });
});
