/**
 * The playground page: composes settings (URL), the run store (worker) and
 * the views. Holds no training logic of its own.
 */
import { Suspense, lazy, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { describeArchitecture } from '../model/architecture';
import { KIND_LABELS } from '../model/config';
import { DATASET_INFO } from '../data/datasets';
import { setClassNames } from '../shared/format';
import { Controls } from '../features/controls/Controls';
import { DataStatus } from '../features/data-status/DataStatus';
import { LossChart } from '../features/loss-chart/LossChart';
import { ModelSummary } from '../features/model-summary/ModelSummary';
import { ReconstructionGrid } from '../features/reconstructions/ReconstructionGrid';
import { historyStore, useHistory } from './history-store';
import { ModelQuestions } from './ModelQuestions';
import { curvesCsv } from '../shared/curves-csv';
import { downloadBlob } from '../shared/snapshot-image';
import { modelIdentity } from './model-identity';
import type { RunView } from './run-state';
import { announcement, lossUnit, runPhase, statusText } from './run-status';
import { runStore, useRunView } from './run-store';
import { dismissOfflineReady, reloadIntoUpdate, useOffline } from './service-worker';
import { useAnalysisClient } from './use-analysis-client';
import { comparisonProgress, typeComparison, useTypeComparison } from './type-comparison';
import { useUrlSettings } from './use-url-settings';

const RunsSection = lazy(() => import('./RunsSection'));
/** Set once the runs section was opened: a page that never opened it loads none of its code. */
const RUNS_OPEN_KEY = 'autoencoder-playground:runs-open';

function wasOpened(): boolean {
  try {
    return localStorage.getItem(RUNS_OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

function TestSummary({ test, vae }: { test: RunView['test']; vae: boolean }) {
  const last = test.at(-1);
  if (!last) return null;
  return (
    <p className="test-summary">
      Test loss after epoch {last.epoch}: <strong>{last.total.toFixed(4)}</strong>
      {vae && last.kl !== undefined && (
        <>
          {' '}
          = reconstruction {last.reconstruction.toFixed(2)} + β·KL, KL {last.kl.toFixed(2)} nats
        </>
      )}
    </p>
  );
}

export function App() {
  const { settings, problems, update, dismissProblems } = useUrlSettings();
  const view = useRunView();
  const analysis = useAnalysisClient();
  const arch = useMemo(() => describeArchitecture(settings), [settings]);
  // What needs a new model; the learning rate and the epochs a run in progress takes on the fly.
  const modelKey = modelIdentity(settings);
  const { learningRate, epochs } = settings;

  useEffect(() => {
    runStore.connect(settings.backend, settings.dataset);
    // Connect once; later backend changes go through setBackend below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    runStore.setBackend(settings.backend);
  }, [settings.backend]);
  useEffect(() => {
    runStore.setDataset(settings.dataset);
  }, [settings.dataset]);
  // Captions and legends name the classes of the data the views show.
  const data = DATASET_INFO[settings.dataset];
  setClassNames(settings.dataset === 'mnist' ? null : data.classNames);
  useEffect(() => historyStore.watch(runStore, (q) => runStore.explore(q)), []);
  const history = useHistory();
  const offline = useOffline();
  const [runsOpen, setRunsOpen] = useState(wasOpened);
  // Open once it was opened, or once a run was kept: then it opens by itself on later visits too.
  const showRuns = runsOpen || history.status !== 'closed';
  useEffect(() => {
    if (!showRuns) return;
    try {
      localStorage.setItem(RUNS_OPEN_KEY, '1');
    } catch {
      // Private windows may refuse: the section opens for this visit only.
    }
  }, [showRuns]);
  const comparison = useTypeComparison();
  useEffect(() => typeComparison.pageSettled(modelKey), [modelKey]);

  // A run whose model settings no longer match the page is kept on screen,
  // paused, until Train starts a new one (or Back returns to its settings).
  const { stale, training, canContinue, canTrain, hasRun } = runPhase(view, modelKey);
  useEffect(() => {
    if (stale && (view.state === 'training' || view.state === 'starting')) runStore.pause();
  }, [stale, view.state]);
  // The learning rate and the epochs apply to the run in progress (not to a
  // run kept from other model settings).
  useEffect(() => {
    runStore.updateTraining(learningRate, epochs, modelKey);
  }, [learningRate, epochs, modelKey]);

  // The views show the run: label them from its settings, not the page's.
  const shown = view.runConfig ?? settings;
  const vae = shown.kind === 'vae';
  // The chart redraws in a deferred render, after the status line: no long task while training.
  const chartTrain = useDeferredValue(view.train);
  const chartTest = useDeferredValue(view.test);
  const rec = view.reconstructions;

  return (
    <div className="app">
      <header>
        <h1>Autoencoder Playground</h1>
        <p className="tagline">
          An autoencoder squeezes each 28×28 image through a small <em>code</em> and learns to rebuild it. Train one here, in your browser,
          on the real {data.label}.
        </p>
        {/* The ticker changes five times a second: visible, but not read aloud. */}
        <p className="status" role="status" aria-live="off">
          {statusText(view, settings)}
        </p>
        <p className="sr-only" aria-live="polite">
          {announcement(view)}
        </p>
        {view.backend.name && (
          <details className="backend-reason">
            <summary>Why the {view.backend.name} backend?</summary>
            <span>{view.backend.reason}</span>
          </details>
        )}
      </header>

      {problems.length > 0 && (
        <div className="notice" role="alert">
          <p>Some settings in the link were not valid and were replaced by defaults:</p>
          <ul>
            {problems.map((p) => (
              <li key={p.param}>{p.message}</li>
            ))}
          </ul>
          <button type="button" onClick={dismissProblems}>
            Dismiss
          </button>
        </div>
      )}
      {offline.needRefresh && (
        <div className="notice" role="status">
          <p>
            A new version of the playground is ready.{' '}
            <button type="button" onClick={reloadIntoUpdate}>
              Reload to use it
            </button>{' '}
            (your runs are kept)
          </p>
        </div>
      )}
      {offline.offlineReady && (
        <div className="notice" role="status">
          <p>
            The playground is kept in this browser: it opens and trains without a network from now on.{' '}
            <button type="button" onClick={dismissOfflineReady}>
              OK
            </button>
          </p>
        </div>
      )}
      {view.backend.error && (
        <div className="notice error" role="alert">
          <p>{view.backend.error}</p>
        </div>
      )}
      {(view.state === 'diverged' || view.state === 'failed') && view.message && !stale && (
        <div className="notice error" role="alert">
          <p>{view.message}</p>
        </div>
      )}
      {stale && (
        <div className="notice">
          <p>
            The settings changed: the views show the model trained with the previous ones. Press Train to train a new model with these
            settings, or use Back/Forward to return to the old settings and continue that run.
          </p>
        </div>
      )}
      <DataStatus load={view.load} onRetry={() => runStore.retryLoad()} name={`the ${data.label}`} short={data.short} />

      <div className="layout">
        <aside aria-label="Settings">
          <Controls
            settings={settings}
            onChange={update}
            run={{
              canTrain,
              training,
              paused: canContinue,
              hasRun,
            }}
            onTrain={() => runStore.train(settings, modelKey)}
            onPause={() => runStore.pause()}
            onResume={() => runStore.resume()}
            onStep={() => runStore.step()}
            onReset={() => runStore.reset()}
          />
        </aside>
        <main>
          <section aria-labelledby="model-h">
            <h2 id="model-h">Encoder → code → decoder</h2>
            <ModelSummary arch={arch} kindLabel={KIND_LABELS[settings.kind]} />
          </section>
          <div className="views">
            <section aria-labelledby="loss-h">
              <h2 id="loss-h">Loss curve</h2>
              <p className="explain">
                How far the output is from the input. It is trained without labels: the image is its own target. The test curve, on 10,000
                digits never trained on, is measured after each epoch.
              </p>
              <LossChart
                steps={chartTrain.step}
                train={chartTrain.total}
                reconstruction={vae ? chartTrain.reconstruction : undefined}
                kl={vae ? chartTrain.kl : undefined}
                test={chartTest}
                unit={lossUnit(shown)}
              />
              <TestSummary test={view.test} vae={vae} />
              {view.train.step.length > 0 && (
                <button
                  type="button"
                  className="quiet"
                  onClick={() =>
                    downloadBlob(
                      new Blob([curvesCsv({ train: view.train, test: view.test, kl: vae })], { type: 'text/csv' }),
                      `loss-curves-${shown.kind}-code-${shown.codeSize}.csv`,
                    )
                  }
                >
                  Download the loss curves (CSV)
                </button>
              )}
            </section>
            <section aria-labelledby="recon-h">
              <h2 id="recon-h">Input and reconstruction</h2>
              <p className="explain">
                Compression is lossy: what the code cannot hold is lost, usually thin strokes and unusual shapes first.
              </p>
              {rec ? (
                <ReconstructionGrid
                  step={rec.step}
                  originals={rec.originals}
                  inputs={rec.inputs}
                  outputs={rec.outputs}
                  showInputs={shown.kind === 'denoising'}
                />
              ) : (
                <p className="empty">Reconstructions of 20 test digits appear here when training starts.</p>
              )}
            </section>
            <ModelQuestions view={view} config={shown} training={training} analysis={analysis} />
          </div>
          <section aria-labelledby="runs-h" className="runs-section">
            <h2 id="runs-h">Your runs</h2>
            <p className="explain">
              Every run is kept in this browser, even after a reload: rename it, put two or more side by side, or let the page train the
              five types for you.
            </p>
            {showRuns ? (
              <Suspense fallback={<p className="empty">Opening the runs…</p>}>
                <RunsSection
                  comparison={comparison}
                  progress={comparisonProgress(comparison, view)}
                  defaultCodeSize={settings.codeSize}
                  onCompareTypes={(codeSize, epochs) => typeComparison.start(codeSize, epochs, settings, update)}
                  onStopComparison={typeComparison.stop}
                  canTrain={view.load.status === 'ready'}
                  update={update}
                />
              </Suspense>
            ) : (
              <button type="button" onClick={() => setRunsOpen(true)}>
                Show the runs kept in this browser
              </button>
            )}
          </section>
        </main>
      </div>
    </div>
  );
}
