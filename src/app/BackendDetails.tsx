/**
 * The line that names the backend computing, opened: why it was chosen and,
 * for 'auto', what was measured on this machine, with a way to measure again.
 */
import type { BackendChoice } from '../shared/backends';
import type { RunView } from './run-state';
import { backendLine } from './run-status';
import { measureLines } from './backend-probe';
import type { ProbeState } from './backend-probe-store';
import { formatDateTime } from '../shared/format';

interface Props {
  view: RunView;
  choice: BackendChoice;
  probe: ProbeState;
  onMeasure: () => void;
}

export function BackendDetails({ view, choice, probe, onMeasure }: Props) {
  const measured = choice === 'auto' ? probe.probe : null;
  return (
    <details className="backend-reason">
      <summary>{backendLine(view)}</summary>
      <span>{view.backend.name ? view.backend.reason : 'The page picks the fastest way to compute on this machine.'}</span>
      {choice === 'auto' && (
        <div className="backend-probe">
          {probe.measuring && <p>Measuring each way to compute on this machine (about a second)…</p>}
          {measured && !probe.measuring && (
            <>
              <p>
                Measured on this machine, {formatDateTime(measured.measuredAt)}, training {measured.model} for{' '}
                {(measured.ms / 1000).toFixed(1)} s in all:
              </p>
              <ul aria-label="What each backend measured">
                {measureLines(measured).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <p>The fastest, {measured.chosen}, is used here from now on.</p>
            </>
          )}
          <button type="button" onClick={onMeasure} disabled={probe.measuring || view.state === 'training'}>
            Measure again
          </button>
        </div>
      )}
    </details>
  );
}
