import { describe, expect, it } from 'vitest';
import { glossaryTerms, linkProblems, textParts } from '../../src/lessons/lesson-text';

describe('lesson text', () => {
  it('cuts glossary links out of plain text', () => {
    expect(textParts('The [code](#glossary-code) is small; [BCE](#glossary-bce).')).toEqual([
      { text: 'The ' },
      { text: 'code', term: 'code' },
      { text: ' is small; ' },
      { text: 'BCE', term: 'bce' },
      { text: '.' },
    ]);
    expect(textParts('No links at all.')).toEqual([{ text: 'No links at all.' }]);
  });

  it('lists each linked term once', () => {
    expect(glossaryTerms('[a](#glossary-code) [b](#glossary-latent-space) [c](#glossary-code)')).toEqual(['code', 'latent-space']);
  });

  it('refuses links that are not to the glossary', () => {
    expect(linkProblems('see [this](https://example.org)', 'steps[0].explain')).toEqual([
      'steps[0].explain: the link [this](https://example.org) is not to a glossary entry (write (#glossary-<term>))',
    ]);
    expect(linkProblems('[fine](#glossary-kl)', 'x')).toEqual([]);
  });
});
