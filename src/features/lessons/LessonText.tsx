/** A lesson's words, its glossary terms as links to the page's glossary. */
import { textParts } from '../../lessons/lesson-text';

export function LessonText({ text }: { text: string }) {
  return (
    <>
      {textParts(text).map((part, i) =>
        'term' in part ? (
          <a key={i} href={`#glossary-${part.term}`} className="glossary-link">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
