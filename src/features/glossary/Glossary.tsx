/** The page's glossary: every technical term in plain words, each entry a link target. */
import { GLOSSARY, glossaryAnchor } from '../../shared/glossary';

export function Glossary() {
  return (
    <dl className="glossary">
      {GLOSSARY.map((e) => (
        <div key={e.id} id={glossaryAnchor(e.id)} className="glossary-entry" tabIndex={-1}>
          <dt>{e.term}</dt>
          <dd>{e.long}</dd>
        </div>
      ))}
    </dl>
  );
}
