/**
 * The playground page: composes settings (URL), the run store (worker) and
 * the views. Holds no training logic of its own.
 */
import { Suspense, lazy, memo, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { describeArchitecture } from '../model/architecture';
import { KIND_LABELS } from '../model/config';
import { DATASET_INFO } from '../data/datasets';
import { setClassNames } from '../shared/format';
import { Controls } from '../features/controls/Controls';
import { DataStatus } from '../features/data-status/DataStatus';
import { ModelSummary } from '../features/model-summary/ModelSummary';
import { historyStore, useHistory } from './history-store';
import { LessonDock } from './LessonDock';
import { ModelQuestions } from './ModelQuestions';
import { modelIdentity } from './model-identity';
import { runPhase } from './run-status';
import { PageHeader } from './PageHeader';
import { SHORTCUTS } from './shortcuts';
import { useShortcuts } from './use-shortcuts';
import { useView, viewStore } from './view-store';
import { nextLessonStep } from './lesson-store';
import { lessonById } from '../lessons/lesson-catalog';
import { ShortcutsDialog } from '../features/presenter/ShortcutsDialog';
import { Glossary } from '../features/glossary/Glossary';
import { LinkBuilder } from '../features/presenter/LinkBuilder';
import { serializeSettings } from '../state/url-state';
import { RunViews } from './RunViews';
import { backendProbeStore, useBackendProbe } from './backend-probe-store';
import { runStore, useRunView } from './run-store';
import { PageNotices } from './PageNotices';
import { useAnalysisClient } from './use-analysis-client';
import { comparisonProgress, typeComparison, useTypeComparison } from './type-comparison';
import { useUrlSettings } from './use-url-settings';

const RunsSection = lazy(() => import('./RunsSection'));

// The parts of the page that do not show the run: while a run trains, the
// run's view changes ten times a second, and these keep their last render
// unless their own props change (their callbacks are stable below).
const SettingsPanel = memo(Controls);
// The run's views take the deferred run (below): they render only in the background pass.
const RunViewsPanel = memo(RunViews);
// The question panels read the live run: they pace their own work and switch
// tabs in transitions, which a deferred run would hold back.
const QuestionsPanel = memo(ModelQuestions);
const WordsUsedHere = memo(Glossary);
const pause = () => runStore.pause();
const resume = () => runStore.resume();
const step = () => runStore.step();
const reset = () => runStore.reset();
const showAllControls = () => viewStore.set({ hidden: [] });
/** Set once the runs section was opened: a page that never opened it loads none of its code. */
const RUNS_OPEN_KEY = 'autoencoder-playground:runs-open';

function wasOpened(): boolean {
  try {
    return localStorage.getItem(RUNS_OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

export function App() {
  const { settings, problems, update, dismissProblems } = useUrlSettings();
  const view = useRunView();
  // The run's views (reconstructions, loss curve, sparsity) follow it in a
  // background render, which React breaks into slices of a few milliseconds:
  // a click never waits for them. Everything else reads the run as it is.
  const shownView = useDeferredValue(view);
  // The worker holds a new run's first step until its first views are painted (training/first-views.ts).
  const shownLatent = shownView.latent;
  useEffect(() => {
    if (shownLatent) runStore.viewsShown(shownLatent.runId);
  }, [shownLatent]);
  const page = useView();
  const [dialog, setDialog] = useState<'shortcuts' | 'link' | null>(null);
  useEffect(() => {
    document.documentElement.classList.toggle('presenter', page.presenter);
  }, [page.presenter]);
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
    // 'auto' is decided by measuring, once per browser on this machine (backend-probe.ts).
    if (settings.backend === 'auto') void backendProbeStore.ensure(settings);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings.backend]);
  const probe = useBackendProbe();
  useEffect(() => {
    runStore.setDataset(settings.dataset);
  }, [settings.dataset]);
  // Captions and legends name the classes of the data the views show.
  const data = DATASET_INFO[settings.dataset];
  setClassNames(settings.dataset === 'mnist' ? null : data.classNames);
  useEffect(() => historyStore.watch(runStore, (q) => runStore.explore(q)), []);
  const history = useHistory();
  const [runsOpen, setRunsOpen] = useState(wasOpened);
  // Open once it was opened, or once a run was kept: then it opens by itself on later visits too. The
  // first kept run opens it while the run's first views mount: it follows in a background render.
  const showRuns = useDeferredValue(runsOpen || history.status !== 'closed');
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
  const phase = runPhase(view, modelKey);
  const { stale, training, canContinue, canTrain, hasRun } = phase;
  const train = useCallback(() => runStore.train(settings, modelKey), [settings, modelKey]);
  const runButtons = useMemo(() => ({ canTrain, training, paused: canContinue, hasRun }), [canTrain, training, canContinue, hasRun]);
  const [toast, setToast] = useState<string | null>(null);
  useEffect(() => {
    if (!toast) return;
    const id = setTimeout(() => setToast(null), 1200);
    return () => clearTimeout(id);
  }, [toast]);
  /** Runs a shortcut's action and, when it did something, names it on screen for the room. */
  const act = (label: string, can: boolean, run: () => void) => () => {
    if (!can) return;
    run();
    setToast(label);
  };
  useShortcuts({
    train: canContinue ? act('Resume', true, resume) : act('Train', canTrain && !training, train),
    pause: training ? act('Pause', true, pause) : act('Resume', canContinue, resume),
    step: act('Step', canContinue, step),
    reset: act('Reset', hasRun, reset),
    next: () => {
      if (nextLessonStep()) setToast('Next step');
    },
    help: () => setDialog((d) => (d === 'shortcuts' ? null : 'shortcuts')),
  });
  useEffect(() => {
    if (stale && (view.state === 'training' || view.state === 'starting')) runStore.pause();
  }, [stale, view.state]);
  // The learning rate and the epochs apply to the run in progress (not to a
  // run kept from other model settings).
  useEffect(() => {
    runStore.updateTraining(learningRate, epochs, modelKey);
  }, [learningRate, epochs, modelKey]);

  // The views show the run: label them from its settings, not the page's.
  const shown = shownView.runConfig ?? settings;

  return (
    <div className="app">
      <PageHeader
        settings={settings}
        view={view}
        phase={phase}
        dataLabel={data.label}
        presenter={page.presenter}
        onPresenter={(presenter) => viewStore.set({ presenter })}
        onShortcuts={() => setDialog('shortcuts')}
        onLink={() => setDialog('link')}
        probe={probe}
        onMeasure={() => void backendProbeStore.ensure(settings, true)}
      />
      {toast && (
        <p className="key-toast" aria-hidden="true">
          {toast}
        </p>
      )}
      <ShortcutsDialog open={dialog === 'shortcuts'} shortcuts={SHORTCUTS} onClose={() => setDialog(null)} />
      <LinkBuilder
        open={dialog === 'link'}
        onClose={() => setDialog(null)}
        settingsQuery={serializeSettings(settings)}
        view={page}
        lessonTitle={page.lesson ? (lessonById(page.lesson)?.title ?? null) : null}
        onTry={(v) => viewStore.set(v)}
      />

      <PageNotices problems={problems} dismissProblems={dismissProblems} view={view} stale={stale} />
      <DataStatus load={view.load} onRetry={() => runStore.retryLoad()} name={`the ${data.label}`} short={data.short} />

      <div className="layout">
        <aside aria-label="Settings" data-lesson-target="controls">
          <SettingsPanel
            settings={settings}
            onChange={update}
            hidden={page.hidden}
            onShowAll={showAllControls}
            run={runButtons}
            onTrain={train}
            onPause={pause}
            onResume={resume}
            onStep={step}
            onReset={reset}
          />
        </aside>
        <main>
          <LessonDock settings={settings} update={update} view={view} modelKey={modelKey} />
          <section aria-labelledby="model-h" className="model-section" data-lesson-target="model">
            <h2 id="model-h">Encoder → code → decoder</h2>
            <ModelSummary arch={arch} kindLabel={KIND_LABELS[settings.kind]} />
          </section>
          <div className="views">
            <RunViewsPanel view={shownView} shown={shown} />
            <QuestionsPanel view={view} config={view.runConfig ?? settings} training={training} analysis={analysis} />
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
          <section aria-labelledby="glossary-h" className="glossary-section">
            <h2 id="glossary-h">Words used here</h2>
            <WordsUsedHere />
          </section>
        </main>
      </div>
    </div>
  );
}
