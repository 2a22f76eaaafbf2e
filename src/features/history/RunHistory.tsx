/**
 * The runs kept in this browser: one row each, with its name (editable),
 * kind, code size, epochs, test loss, training time and date; a box to pick
 * it for the comparison; delete one, or all (asked twice).
 */
import { useState } from 'react';
import { KIND_LABELS } from '../../model/config';
import type { RunSummary } from '../../history/run-record';

export interface RunHistoryProps {
  runs: RunSummary[];
  selected: ReadonlySet<string>;
  /** The run on screen now, if it is kept. */
  currentId: string | null;
  onToggle(id: string): void;
  onRename(id: string, name: string): void;
  onDelete(id: string): void;
  onClear(): void;
  /** Opens the model kept with a run (runs with a saved model only). */
  onOpenModel(id: string): void;
}

const OUTCOMES: Record<RunSummary['outcome'], string> = {
  finished: 'finished',
  stopped: 'stopped',
  diverged: 'diverged',
  failed: 'failed',
};

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m} min ${s.toString().padStart(2, '0')} s`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

function NameField({ run, onRename }: { run: RunSummary; onRename(name: string): void }) {
  const [text, setText] = useState(run.name);
  const commit = () => {
    if (text.trim() && text.trim() !== run.name) onRename(text.trim());
    else setText(run.name);
  };
  return (
    <input
      type="text"
      className="run-name"
      aria-label={`Name of run ${run.name}`}
      value={text}
      maxLength={80}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') setText(run.name);
      }}
    />
  );
}

export function RunHistory({ runs, selected, currentId, onToggle, onRename, onDelete, onClear, onOpenModel }: RunHistoryProps) {
  const [confirming, setConfirming] = useState(false);
  if (runs.length === 0) {
    return <p className="empty">No runs yet. Every run you train is kept here, in this browser, even after a reload.</p>;
  }
  return (
    <div className="run-history">
      <table aria-label="Kept runs">
        <thead>
          <tr>
            <th scope="col">Compare</th>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Code</th>
            <th scope="col">Epochs</th>
            <th scope="col">Test loss</th>
            <th scope="col">Training time</th>
            <th scope="col">Date</th>
            <th scope="col">
              <span className="sr-only">Delete</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className={run.id === currentId ? 'current' : undefined}>
              <td>
                <input
                  type="checkbox"
                  checked={selected.has(run.id)}
                  onChange={() => onToggle(run.id)}
                  aria-label={`Compare ${run.name}`}
                />
              </td>
              <td>
                <NameField key={run.name} run={run} onRename={(name) => onRename(run.id, name)} />
                <span className="hint">
                  {run.id === currentId ? 'on screen now · ' : ''}
                  {OUTCOMES[run.outcome]}
                  {run.scores ? ` · test BCE ${run.scores.bce.toFixed(4)}, MSE ${run.scores.mse.toFixed(4)}` : ''}
                  {run.hasModel ? ' · model saved' : ''}
                </span>
              </td>
              <td>{KIND_LABELS[run.config.kind]}</td>
              <td>{run.config.codeSize}</td>
              <td>
                {run.epochs} of {run.totalEpochs}
              </td>
              <td>{run.testLoss === null ? '—' : `${run.testLoss.toFixed(4)} ${run.config.loss.toUpperCase()}`}</td>
              <td>{formatDuration(run.seconds)}</td>
              <td>
                <time dateTime={new Date(run.createdAt).toISOString()}>{dateFormat.format(run.createdAt)}</time>
              </td>
              <td className="row-actions">
                {run.hasModel && (
                  <button type="button" className="quiet" onClick={() => onOpenModel(run.id)} aria-label={`Open the model of ${run.name}`}>
                    Open model
                  </button>
                )}
                <button type="button" className="quiet" onClick={() => onDelete(run.id)} aria-label={`Delete ${run.name}`}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="history-actions">
        {confirming ? (
          <>
            <span>
              Delete all {runs.length} runs{runs.some((r) => r.hasModel) ? ' and their saved models' : ''}?
            </span>{' '}
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                onClear();
              }}
            >
              Yes, delete all
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              Keep them
            </button>
          </>
        ) : (
          <button type="button" className="quiet" onClick={() => setConfirming(true)}>
            Delete all runs…
          </button>
        )}
      </p>
    </div>
  );
}
