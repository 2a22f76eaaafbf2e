/**
 * A lesson's words: plain text, with a term linked to the page's glossary
 * written as a Markdown link to its anchor, `[the code](#glossary-code)`.
 * Nothing else is markup. Pure string functions.
 */

export type TextPart = { text: string } | { text: string; term: string };

const LINK = /\[([^\]\n]+)\]\(([^)\s]*)\)/g;
const TERM = /^#glossary-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The text cut into plain runs and glossary links (the term's id without "glossary-"). */
export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    const term = TERM.exec(m[2])?.[1];
    if (!term) continue;
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ text: m[1], term });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** The glossary terms a text links to, in order, each once. */
export function glossaryTerms(text: string): string[] {
  const terms = textParts(text).flatMap((p) => ('term' in p ? [p.term] : []));
  return [...new Set(terms)];
}

/** Problems with a text's links: a link that is not to a glossary anchor. */
export function linkProblems(text: string, at: string): string[] {
  return [...text.matchAll(LINK)]
    .filter((m) => !TERM.test(m[2]))
    .map((m) => `${at}: the link [${m[1]}](${m[2]}) is not to a glossary entry (write (#glossary-<term>))`);
}
