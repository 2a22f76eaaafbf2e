import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, glossaryAnchor, glossaryEntry } from '../../src/shared/glossary';

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the glossary', () => {
  it('has unique ids, and a short and a longer meaning for each term', () => {
    expect(new Set(GLOSSARY.map((e) => e.id)).size).toBe(GLOSSARY.length);
    for (const e of GLOSSARY) {
      expect(e.id).toMatch(/^[a-z0-9-]+$/);
      expect(e.short.length, e.id).toBeGreaterThan(10);
      expect(e.long.length, e.id).toBeGreaterThan(e.short.length);
    }
    expect(glossaryEntry('bce')?.term).toMatch(/cross-entropy/);
    expect(glossaryEntry('nonsense')).toBeUndefined();
    expect(glossaryAnchor('bce')).toBe('glossary-bce');
  });

  it('has an entry for every term the page and the lessons link to', () => {
    const sources = filesUnder('src').filter((f) => /\.(tsx?|json|md)$/.test(f));
    const linked = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/<Term id="([^"]+)"/g)) linked.add(m[1]);
      for (const m of text.matchAll(/#glossary-([a-z0-9-]+)/g)) linked.add(m[1]);
    }
    expect(linked.size).toBeGreaterThan(5);
    const missing = [...linked].filter((id) => !glossaryEntry(id));
    expect(missing).toEqual([]);
  });
});
