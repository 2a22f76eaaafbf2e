/**
 * Builds a link for a class: the experiment as it is now, with the controls
 * the instructor chose left out (say, only the bottleneck slider), presenter
 * mode on or off, and the open lesson if there is one. Copy it, or try it on
 * this page.
 */
import { useEffect, useRef, useState } from 'react';
import { CONTROL_LABELS, HIDEABLE_CONTROLS, serializeViewParams, type HideableControl, type ViewParams } from '../../state/view-params';

interface Props {
  open: boolean;
  onClose: () => void;
  /** The settings' part of the query, as the URL has it. */
  settingsQuery: string;
  view: ViewParams;
  /** The open lesson's title, if a lesson is open. */
  lessonTitle: string | null;
  /** Shows the link's view on this page. */
  onTry: (view: ViewParams) => void;
}

export function LinkBuilder(props: Props) {
  // Built afresh each time it opens, from the page's view then.
  return props.open ? <LinkDialog {...props} /> : null;
}

function LinkDialog({ onClose, settingsQuery, view, lessonTitle, onTry }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [hidden, setHidden] = useState<HideableControl[]>(view.hidden);
  const [presenter, setPresenter] = useState(view.presenter);
  const [withLesson, setWithLesson] = useState(true);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);

  const draft: ViewParams = {
    presenter,
    hidden,
    lesson: withLesson ? view.lesson : null,
    step: withLesson ? view.step : 0,
  };
  const viewQuery = serializeViewParams(draft);
  const link = `${window.location.origin}${window.location.pathname}?${[settingsQuery, viewQuery].filter(Boolean).join('&')}`;
  const toggle = (c: HideableControl, shown: boolean) =>
    setHidden((h) => HIDEABLE_CONTROLS.filter((x) => (x === c ? !shown : h.includes(x))));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard here (an insecure page, a refusal): the text is selected to copy by hand.
      document.querySelector<HTMLTextAreaElement>('#class-link')?.select();
    }
  };

  return (
    <dialog ref={ref} className="link-builder" aria-labelledby="link-h" onClose={onClose}>
      <h2 id="link-h">A link for your class</h2>
      <p className="hint">It opens on these settings. Untick what students should not see: the link leaves those controls out.</p>
      <div className="presets">
        <button type="button" onClick={() => setHidden(HIDEABLE_CONTROLS.filter((c) => c !== 'code'))}>
          Only the bottleneck slider
        </button>
        <button type="button" onClick={() => setHidden([])}>
          Every control
        </button>
      </div>
      <fieldset className="control-choice">
        <legend>Controls shown</legend>
        {HIDEABLE_CONTROLS.map((c) => (
          <label key={c}>
            <input type="checkbox" checked={!hidden.includes(c)} onChange={(e) => toggle(c, e.target.checked)} /> {CONTROL_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <label>
        <input type="checkbox" checked={presenter} onChange={(e) => setPresenter(e.target.checked)} /> Presenter mode (large type, for a
        projector)
      </label>
      {lessonTitle && (
        <label>
          <input type="checkbox" checked={withLesson} onChange={(e) => setWithLesson(e.target.checked)} /> Open on the lesson “{lessonTitle}
          ”
        </label>
      )}
      <label className="field">
        The link
        <textarea id="class-link" readOnly rows={3} value={link} onFocus={(e) => e.target.select()} />
      </label>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={copy}>
          {copied ? 'Copied' : 'Copy the link'}
        </button>
        <button
          type="button"
          onClick={() => {
            onTry(draft);
            onClose();
          }}
        >
          Show it on this page
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
