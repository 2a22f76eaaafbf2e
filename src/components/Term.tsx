/**
 * A word linked to its glossary entry: hover shows the one-line meaning,
 * a click goes to the entry. The plain word is the link's text.
 */
import type { ReactNode } from 'react';
import { glossaryAnchor, glossaryEntry } from '../shared/glossary';

export function Term({ id, children }: { id: string; children: ReactNode }) {
  const entry = glossaryEntry(id);
  if (!entry) return <>{children}</>;
  return (
    <a className="term" href={`#${glossaryAnchor(id)}`} title={`${entry.term}: ${entry.short}`}>
      {children}
    </a>
  );
}
