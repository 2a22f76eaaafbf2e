/**
 * The way into the lessons when none is open: the first lesson offered to a
 * newcomer, and the list of all of them, each a link (?lesson=<id>).
 */
import type { MouseEvent } from 'react';
import type { Lesson } from '../../lessons/lesson-schema';

export interface LessonMenuProps {
  lessons: Lesson[];
  /** The list is unfolded (after "See the lessons"). */
  open: boolean;
  onToggle(open: boolean): void;
  onOpen(id: string): void;
}

/** A plain click opens the lesson in place; a middle click or Ctrl-click still follows the link. */
const inPlace = (e: MouseEvent, open: () => void) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  open();
};

export function LessonMenu({ lessons, open, onToggle, onOpen }: LessonMenuProps) {
  const first = lessons[0];
  return (
    <nav className="lesson-menu" aria-label="Lessons">
      {first && (
        <p className="lesson-start">
          New here?{' '}
          <button type="button" className="primary" onClick={() => onOpen(first.id)}>
            Start the first lesson: {first.title}
          </button>
        </p>
      )}
      <details open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
        <summary>Lessons ({lessons.length})</summary>
        <ol className="lesson-list">
          {lessons.map((l) => (
            <li key={l.id}>
              <a href={`?lesson=${l.id}`} onClick={(e) => inPlace(e, () => onOpen(l.id))}>
                {l.title}
              </a>{' '}
              — {l.summary}
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
