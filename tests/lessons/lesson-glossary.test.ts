import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons/lesson-catalog';
import { glossaryTerms } from '../../src/lessons/lesson-text';
import { GLOSSARY } from '../../src/shared/glossary';

describe('the shipped lessons and the glossary', () => {
  it('link only glossary entries the page has', () => {
    const known = new Set(GLOSSARY.map((g) => g.id));
    const used = LESSONS.lessons.flatMap((l) => l.steps.flatMap((s) => glossaryTerms(`${s.task} ${s.explain}`)));
    expect(used.filter((t) => !known.has(t))).toEqual([]);
  });
});
