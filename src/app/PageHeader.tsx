/**
 * The top of the page: the title, what an autoencoder is in one sentence,
 * the one thing to do now, the run's status line and what computes it, and
 * the presenter's tools (presenter mode, shortcuts, a link for a class).
 */
import type { ReactNode } from 'react';
import type { Settings } from '../state/url-state';
import { Term } from '../components/Term';
import type { RunView } from './run-state';
import { announcement, backendLine, nextStepText, statusText, type RunPhase } from './run-status';

interface Props {
  settings: Settings;
  view: RunView;
  phase: RunPhase;
  dataLabel: string;
  presenter: boolean;
  onPresenter: (on: boolean) => void;
  onShortcuts: () => void;
  onLink: () => void;
  /** What goes under the next step (the lessons' offer). */
  children?: ReactNode;
}

export function PageHeader({ settings, view, phase, dataLabel, presenter, onPresenter, onShortcuts, onLink, children }: Props) {
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
        <details className="backend-reason">
          <summary>{backendLine(view)}</summary>
          <span>{view.backend.name ? view.backend.reason : 'The page picks the fastest way to compute on this machine.'}</span>
        </details>
      </div>
      <p className="sr-only" aria-live="polite">
        {announcement(view)}
      </p>
    </header>
  );
}
