/** Train (or Resume), Pause, Step and Reset, enabled as the run allows. */
import { useEffect, useRef } from 'react';

export interface RunButtonsState {
  canTrain: boolean;
  training: boolean;
  paused: boolean;
  hasRun: boolean;
}

export interface RunButtonsProps {
  run: RunButtonsState;
  onTrain: () => void;
  onPause: () => void;
  onResume: () => void;
  onStep: () => void;
  onReset: () => void;
}

/**
 * Keeps keyboard focus on the run buttons: a button that becomes disabled
 * (Train once training, Pause once paused) would drop focus to the page, so
 * focus moves to the button that now does the opposite.
 */
function useRunFocus(training: boolean, paused: boolean) {
  const primary = useRef<HTMLButtonElement>(null);
  const pause = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);
  useEffect(() => {
    const track = () => {
      const active = document.activeElement;
      hadFocus.current = active === primary.current || active === pause.current;
    };
    document.addEventListener('focusin', track);
    return () => document.removeEventListener('focusin', track);
  }, []);
  useEffect(() => {
    const active = document.activeElement;
    const lost = !active || active === document.body || (active as HTMLButtonElement).disabled;
    if (!hadFocus.current || !lost) return;
    (training ? pause.current : primary.current)?.focus();
  }, [training, paused]);
  return { primaryRef: primary, pauseRef: pause };
}

export function RunButtons({ run, onTrain, onPause, onResume, onStep, onReset }: RunButtonsProps) {
  const { primaryRef, pauseRef } = useRunFocus(run.training, run.paused);
  // Once a run has ended (or is kept from other settings), Train does not continue it.
  const fresh = run.hasRun && !run.training && !run.paused;
  return (
    <>
      <div className="run-buttons">
        {run.paused ? (
          <button type="button" className="primary" onClick={onResume} ref={primaryRef}>
            Resume
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={onTrain}
            disabled={!run.canTrain || run.training}
            ref={primaryRef}
            aria-describedby={fresh ? 'train-restarts' : undefined}
          >
            Train
          </button>
        )}
        <button type="button" onClick={onPause} disabled={!run.training} ref={pauseRef}>
          Pause
        </button>
        <button type="button" onClick={onStep} disabled={!run.paused} title="Train one batch">
          Step
        </button>
        <button type="button" onClick={onReset} disabled={!run.hasRun} title="Clear the run (the settings stay)">
          Reset
        </button>
      </div>
      {fresh && (
        <small id="train-restarts" className="hint run-hint">
          Train starts a new model from the beginning; this run stays in Your runs.
        </small>
      )}
      {run.paused && <small className="hint run-hint">Resume goes on with this model where it stopped.</small>}
    </>
  );
}
