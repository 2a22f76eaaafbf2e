/**
 * "Your runs": the history kept in this browser, the comparison of the
 * picked runs, and the preset that trains the five types one after another.
 * Loaded only when the section is opened (it brings the store with it).
 */
import { useEffect, useState } from 'react';
import { ComparePanel } from '../features/compare/ComparePanel';
import { RUN_COLORS, type ComparedRun } from '../features/compare/compared-run';
import { RunHistory } from '../features/history/RunHistory';
import { ModelFiles, useFileActions } from '../features/model-files/ModelFiles';
import type { Settings } from '../state/url-state';
import { historyStore, useHistory } from './history-store';
import { downloadModel, keepModel, openKeptModel, openModelFiles } from './model-files';
import { useRunView } from './run-store';
import type { TypeComparison } from './type-comparison';

export interface RunsSectionProps {
  comparison: TypeComparison;
  /** 0–1 over the five runs. */
  progress: number;
  defaultCodeSize: number;
  onCompareTypes(codeSize: number, epochs: number): void;
  onStopComparison(): void;
  canTrain: boolean;
  /** Sets the page's settings (to those of an opened model). */
  update(patch: Partial<Settings>): void;
}

function useCompared(selected: string[], version: string): ComparedRun[] {
  const [runs, setRuns] = useState<ComparedRun[]>([]);
  useEffect(() => {
    let live = true;
    void Promise.all(
      selected.map(async (id, i) => {
        const summary = historyStore.getSnapshot().runs.find((r) => r.id === id);
        const details = await historyStore.details(id);
        return summary && details ? { summary, details, color: RUN_COLORS[i % RUN_COLORS.length] } : null;
      }),
    ).then((found) => {
      if (live) setRuns(found.filter((r): r is ComparedRun => r !== null));
    });
    return () => {
      live = false;
    };
    // `version` changes whenever a picked run is kept anew.
  }, [selected, version]);
  return runs;
}

function TypePreset({ comparison: job, progress, defaultCodeSize, onCompareTypes, onStopComparison, canTrain }: RunsSectionProps) {
  const [codeSize, setCodeSize] = useState(defaultCodeSize);
  const [epochs, setEpochs] = useState(1);
  if (job.status === 'running') {
    return (
      <div className="type-preset">
        <label>
          Training the five types at code size {job.codeSize}, {job.epochs} epoch{job.epochs > 1 ? 's' : ''} each: type {job.index + 1} of 5
          <progress value={progress} max={1} />
        </label>{' '}
        <button type="button" onClick={onStopComparison}>
          Stop the comparison
        </button>
      </div>
    );
  }
  return (
    <div className="type-preset">
      <p>
        Which type for which task? Train all five, each with its own defaults, at the same code size, one after another, and compare them
        here when the last one ends.
      </p>
      <label>
        Code size{' '}
        <select value={codeSize} onChange={(e) => setCodeSize(Number(e.target.value))}>
          {[...new Set([2, 8, 16, 32, 64, defaultCodeSize])]
            .sort((x, y) => x - y)
            .map((k) => (
              <option key={k}>{k}</option>
            ))}
        </select>
      </label>{' '}
      <label>
        Epochs each{' '}
        <select value={epochs} onChange={(e) => setEpochs(Number(e.target.value))}>
          {[1, 2, 3, 5].map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>{' '}
      <button type="button" disabled={!canTrain} onClick={() => onCompareTypes(codeSize, epochs)}>
        Compare the five types
      </button>
      {job.message && <p className="hint">{job.message}</p>}
      {job.status === 'done' && <p className="hint">Done: the five runs are picked below.</p>}
    </div>
  );
}

export default function RunsSection(props: RunsSectionProps) {
  const history = useHistory();
  const view = useRunView();
  const hasModel =
    view.runConfig !== null && view.state !== 'starting' && view.state !== 'idle' && view.state !== 'failed' && !view.modelLost;
  const files = useFileActions();
  useEffect(() => {
    void historyStore.open().catch(() => {});
  }, []);
  const version = history.runs
    .filter((r) => history.selected.includes(r.id))
    .map((r) => `${r.id}:${r.updatedAt}:${r.name}`)
    .join();
  const compared = useCompared(history.selected, version);
  const selected = new Set(history.selected);

  return (
    <div className="runs">
      {history.error && (
        <div className="notice error" role="alert">
          <p>{history.error}</p>
          <button type="button" onClick={historyStore.dismissError}>
            Dismiss
          </button>
        </div>
      )}
      <h3>This model as files</h3>
      <ModelFiles
        {...files}
        hasModel={hasModel}
        onKeep={keepModel}
        onDownload={downloadModel}
        onOpen={(files) => openModelFiles(files, props.update)}
      />
      <h3>The five types</h3>
      <TypePreset {...props} />
      {history.status === 'loading' ? (
        <p className="empty">Opening the runs kept in this browser…</p>
      ) : (
        <RunHistory
          runs={history.runs}
          selected={selected}
          currentId={history.currentId}
          onToggle={historyStore.toggle}
          onRename={(id, name) => void historyStore.rename(id, name)}
          onDelete={(id) => void historyStore.remove(id)}
          onClear={() => void historyStore.clear()}
          onOpenModel={(id) => files.run(() => openKeptModel(id, props.update))}
        />
      )}
      <section aria-labelledby="compare-h">
        <h3 id="compare-h">Side by side</h3>
        <ComparePanel runs={compared} />
      </section>
    </div>
  );
}
