/**
 * The top of the page: the title, what an autoencoder is in one sentence,
 * the one thing to do now, the run's status line and what computes it, and
 * the presenter's tools (presenter mode, shortcuts, a link for a class).
 */
import type { ReactNode } from 'react';
import type { Settings } from '../state/url-state';
import { Term } from '../components/Term';
import type { RunView } from './run-state';
import { announcement, nextStepText, scheduleNote, statusText, type RunPhase } from './run-status';
import { BackendDetails } from './BackendDetails';
import type { ProbeState } from './backend-probe-store';

interface Props {
  settings: Settings;
  view: RunView;
  phase: RunPhase;
  dataLabel: string;
  presenter: boolean;
  onPresenter: (on: boolean) => void;
  onShortcuts: () => void;
  onLink: () => void;
  /** The backend measurement ('auto'), and how to make it again. */
  probe: ProbeState;
  onMeasure: () => void;
  /** What goes under the next step (the lessons' offer). */
  children?: ReactNode;
}

export function PageHeader({
  settings,
  view,
  phase,
  dataLabel,
  presenter,
  onPresenter,
  onShortcuts,
  onLink,
  probe,
  onMeasure,
  children,
}: Props) {
  return (
    <header>
      <div className="title-row">
        <h1>Autoencoder Playground</h1>
        <div className="presenter-tools">
          <button type="button" aria-pressed={presenter} onClick={() => onPresenter(!presenter)}>
            Presenter mode
          </button>
          <button type="button" onClick={onShortcuts} aria-keyshortcuts="?">
            Keyboard shortcuts
          </button>
          <button type="button" onClick={onLink}>
            Link for a class
          </button>
        </div>
      </div>
      <p className="tagline">
        An <Term id="autoencoder">autoencoder</Term> squeezes each 28×28 image through a small <Term id="code">code</Term> and learns to
        rebuild it. Train one here, in your browser, on the real {dataLabel}.
      </p>
      <p className="next-step">{nextStepText(view, phase)}</p>
      {children}
      <div className="status-row">
        {/* The ticker changes five times a second: visible, but not read aloud. */}
        <p className="status" role="status" aria-live="off">
          {statusText(view, settings)}
        </p>
        <BackendDetails view={view} choice={settings.backend} probe={probe} onMeasure={onMeasure} />
      </div>
      {scheduleNote(view) && <p className="schedule-note">{scheduleNote(view)}</p>}
      <p className="sr-only" aria-live="polite">
        {announcement(view)}
      </p>
    </header>
  );
}
