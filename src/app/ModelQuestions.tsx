/**
 * The page's "ask the model" half: the latent map with the drawing pad
 * beside it, and the tabs of questions (interpolation, denoising, the
 * bottleneck against PCA, generation, retrieval, clustering, anomalies).
 * It holds what these share — the drawing's code, the ends of an
 * interpolation, the retrieval query — and hands each feature the means to
 * ask the model (runStore.explore) as a prop.
 */
import { memo, startTransition, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Tabs } from '../components/Tabs';
import { usePacedStep } from '../components/use-paced';
import { bodyOf, SWEEP_CODE_SIZES, type ExperimentConfig } from '../model/config';
import { AnomalyPanel as AnomalyPanelView } from '../features/anomaly/AnomalyPanel';
import { BottleneckPanel as BottleneckPanelView, type SweepState } from '../features/bottleneck/BottleneckPanel';
import { ClusteringPanel as ClusteringPanelView, type KMeansRunner } from '../features/clustering/ClusteringPanel';
import { DenoisingLab as DenoisingLabView } from '../features/denoising/DenoisingLab';
import { DrawPanel as DrawPanelView, type DrawnDigit } from '../features/draw/DrawPanel';
import { GenerationPanel as GenerationPanelView, type GaussianSampler } from '../features/generation/GenerationPanel';
import {
  InterpolationPanel as InterpolationPanelView,
  type InterpolationChoice,
  type InterpolationEnd,
} from '../features/interpolation/InterpolationPanel';
import { LatentMap as LatentMapView, type CodeMarker, type UmapLayout } from '../features/latent-space/LatentMap';
import { RetrievalPanel as RetrievalPanelView, type NeighboursFinder, type PrecisionMeasurer } from '../features/retrieval/RetrievalPanel';
import { isAbortError, type AnalysisClient } from './analysis-client';
import type { RunView } from './run-state';
import { runStore } from './run-store';
import { pageActivity } from './page-activity';

// Each view re-renders when its own inputs change, not with every message from the worker.
const AnomalyPanel = memo(AnomalyPanelView);
const BottleneckPanel = memo(BottleneckPanelView);
const ClusteringPanel = memo(ClusteringPanelView);
const DenoisingLab = memo(DenoisingLabView);
const DrawPanel = memo(DrawPanelView);
const GenerationPanel = memo(GenerationPanelView);
const InterpolationPanel = memo(InterpolationPanelView);
const LatentMap = memo(LatentMapView);
const RetrievalPanel = memo(RetrievalPanelView);

type TabId = 'interpolate' | 'denoise' | 'bottleneck' | 'generate' | 'retrieve' | 'cluster' | 'anomaly';

const TABS: { id: TabId; label: string; explain: string }[] = [
  {
    id: 'interpolate',
    label: 'Interpolate',
    explain: 'Walk the straight line between two codes and decode it: what lies between one digit and another?',
  },
  {
    id: 'denoise',
    label: 'Denoising lab',
    explain: 'Corrupt test digits with a noise of your choice, at test time, and see what the model restores.',
  },
  {
    id: 'bottleneck',
    label: 'Bottleneck vs PCA',
    explain: 'How much a code of k numbers keeps, against PCA, the best linear code of the same size.',
  },
  { id: 'generate', label: 'Generate', explain: 'Decode codes drawn at random: new digits that were never in the data.' },
  { id: 'retrieve', label: 'Retrieve', explain: 'Information retrieval: the test digits whose codes are nearest to a query’s.' },
  {
    id: 'cluster',
    label: 'Cluster',
    explain: 'Clustering: k-means on the codes, scored against labels the model never saw, and on raw pixels.',
  },
  { id: 'anomaly', label: 'Anomalies', explain: 'Anomaly detection: the digits the model reconstructs worst are the unusual ones.' },
];

/** An interpolation end for the latent view: its code, and the test digit it is (not for a drawing). */
const endOf = (end: InterpolationEnd) => ({ code: end.code, ...(typeof end.id === 'number' ? { index: end.id } : {}) });

/** UMAP in the analysis worker; a layout superseded by a newer one (or stopped) gives null. */
const umapLayoutOf =
  (analysis: () => AnalysisClient): UmapLayout =>
  (codes, n, dim, onProgress) =>
    analysis()
      .umap(codes, n, dim, 1, (points, epoch, total) => onProgress(epoch, total, points))
      .catch((err: unknown) => (isAbortError(err) ? null : Promise.reject(err)));

const kmeansRunnerOf =
  (analysis: () => AnalysisClient): KMeansRunner =>
  (data, n, dim, k, seed, labels) =>
    analysis().kmeans(data, n, dim, k, seed, labels);

/** The analysis worker's answers, in the shapes the panels take. */
const codeAnalysesOf = (analysis: () => AnalysisClient) => {
  const neighbours: NeighboursFinder = (codes, dim, query, k) => analysis().neighbours(codes, dim, query, k);
  const precision: PrecisionMeasurer = (codes, labels, dim, k, queries) => analysis().retrievalPrecision(codes, labels, dim, k, queries);
  const sampleFitted: GaussianSampler = (codes, n, dim, count, seed) => analysis().gaussianSamples(codes, n, dim, count, seed);
  return { neighbours, precision, sampleFitted };
};

export interface ModelQuestionsProps {
  view: RunView;
  /** The settings the run was started with. */
  config: ExperimentConfig;
  training: boolean;
  /** The analysis worker (UMAP, k-means), started when first called. */
  analysis: () => AnalysisClient;
}

export function ModelQuestions({ view, config, training, analysis }: ModelQuestionsProps) {
  // The first latent view mounts the latent map and every panel: in a background render React slices, not one long task.
  const latent = useDeferredValue(view.latent);
  // A model lost with a stopped worker answers nothing: its views stay, its questions wait for a new run.
  const hasModel = view.state !== 'idle' && view.state !== 'starting' && latent !== null && !view.modelLost;
  const ask = hasModel ? runStore.explore : null;
  const step = usePacedStep(view.step, training);
  const umapLayout = useMemo(() => umapLayoutOf(analysis), [analysis]);
  const kmeansRunner = useMemo(() => kmeansRunnerOf(analysis), [analysis]);
  const {
    neighbours: neighboursFinder,
    precision: precisionMeasurer,
    sampleFitted: gaussianSampler,
  } = useMemo(() => codeAnalysesOf(analysis), [analysis]);
  const [tab, setTab] = useState<TabId>('interpolate');
  const [drawn, setDrawn] = useState<DrawnDigit | null>(null);
  // What a lesson sees of this half of the page: the open tab, and a drawing the model has encoded.
  useEffect(() => pageActivity.report({ tab, drawing: drawn?.digit ?? null }), [tab, drawn]);
  const [ends, setEnds] = useState<[InterpolationEnd, InterpolationEnd] | null>(null);
  const [query, setQuery] = useState(0);
  const rec = view.reconstructions;
  // The 20 fixed test digits of the reconstruction view (two of each class, by digit).
  const recIndices = rec?.indices;
  const recLabels = rec?.labels;
  const fixedIndices = useMemo(() => recIndices ?? [], [recIndices]);
  // Digits picked in the latent space join the choices (the latent view shows test digits 0 … n − 1).
  const [picked, setPicked] = useState<number[]>([]);
  const latentLabels = latent?.labels;
  const choices = useMemo(() => {
    const list = (recIndices ?? []).map((index, i) => ({ index, label: recLabels?.[i] ?? 0 }));
    for (const index of picked) {
      if (!list.some((c) => c.index === index) && latentLabels && index < latentLabels.length) {
        list.push({ index, label: latentLabels[index] });
      }
    }
    return list;
  }, [recIndices, recLabels, picked, latentLabels]);
  const [chosen, setChosen] = useState<[InterpolationChoice, InterpolationChoice] | null>(null);
  const defaultChosen = useMemo<[InterpolationChoice, InterpolationChoice]>(
    () => [recIndices?.[0] ?? 0, recIndices?.[recIndices.length - 1] ?? 1],
    [recIndices],
  );
  const interpolationEnds = chosen ?? defaultChosen;
  // One of each digit for the strips: every other of the fixed digits.
  const oneEach = useMemo(() => fixedIndices.filter((_, i) => i % 2 === 0), [fixedIndices]);

  const markers = useMemo(() => {
    const list: CodeMarker[] = [];
    if (drawn) list.push({ code: drawn.code, label: 'your drawing', shape: 'star' });
    if (ends) {
      list.push({ ...endOf(ends[0]), label: 'A', shape: 'diamond' });
      list.push({ ...endOf(ends[1]), label: 'B', shape: 'square' });
    }
    return list;
  }, [drawn, ends]);
  const segment = useMemo(() => (ends ? ([endOf(ends[0]), endOf(ends[1])] as const) : null), [ends]);
  // The new panel renders as a transition, in slices: the tab itself answers at once.
  const selectTab = useCallback((id: TabId) => startTransition(() => setTab(id)), []);
  // A digit picked in the latent space: the next end of the interpolation on that tab, the retrieval query otherwise.
  const onPick = useCallback(
    (index: number) => {
      if (tab === 'interpolate') {
        setPicked((p) => (p.includes(index) ? p : [...p, index]));
        setChosen((c) => [(c ?? defaultChosen)[1], index]);
        return;
      }
      setQuery(index);
      startTransition(() => setTab('retrieve'));
    },
    [tab, defaultChosen],
  );
  const onEnds = useCallback((e: [InterpolationEnd, InterpolationEnd] | null) => setEnds(e), []);
  const onDrawn = useCallback((d: DrawnDigit | null) => setDrawn(d), []);

  const sweepView = view.sweep;
  const sweep: SweepState = useMemo(
    () => ({
      ...sweepView,
      label: sweepView.config ? `${sweepView.config.kind}, ${sweepView.config.loss.toUpperCase()}` : null,
      loss: sweepView.config?.loss ?? null,
    }),
    [sweepView],
  );
  const onSweep = useCallback(
    (epochs: number, trainDigits: number) => runStore.startSweep(config, SWEEP_CODE_SIZES, epochs, trainDigits),
    [config],
  );
  const onStopSweep = useCallback(() => runStore.stopSweep(), []);
  const codeSize = latent?.codeSize ?? config.codeSize;
  const { trainCount, testCount } = view.load;
  const current = TABS.find((t) => t.id === tab)!;
  // The plot fits a phone's width (420 px where there is room).
  const [latentSize] = useState(() => Math.round(Math.min(420, Math.max(260, window.innerWidth - 48))));

  return (
    <>
      <section aria-labelledby="latent-h" className="wide" data-lesson-target="latent">
        <h2 id="latent-h">Latent space</h2>
        <p className="explain">
          Where each test digit lands in code space. The model never sees the labels, yet similar digits end up near each other: the code is
          a learned, data-specific summary. Point anywhere to decode that point; draw a digit to see where it lands.
        </p>
        <div className="latent-and-draw">
          {latent && ask ? (
            <LatentMap
              latent={latent}
              kind={config.kind}
              training={training}
              ask={ask}
              umap={umapLayout}
              markers={markers}
              segment={segment}
              onPick={onPick}
              size={latentSize}
            />
          ) : (
            <p className="empty">The codes of 2,000 test digits appear here when training starts.</p>
          )}
          <div className="draw-block" data-lesson-target="draw">
            <h3>Draw your own digit</h3>
            <DrawPanel ask={ask} step={step} onCode={onDrawn} />
          </div>
        </div>
      </section>
      <section aria-labelledby="explore-h" className="wide" data-lesson-target="questions">
        <h2 id="explore-h">Ask the model</h2>
        <Tabs<TabId> tabs={TABS} selected={tab} onSelect={selectTab} label="Questions to ask the trained model">
          <p className="explain">{current.explain}</p>
          {!ask || trainCount === undefined || testCount === undefined ? (
            <p className="empty">Press Train first: these questions need a trained model (a few seconds of training is enough to start).</p>
          ) : tab === 'interpolate' ? (
            <InterpolationPanel
              ask={ask}
              step={step}
              choices={choices}
              drawing={drawn?.code ?? null}
              chosen={interpolationEnds}
              onChoose={setChosen}
              onEnds={onEnds}
            />
          ) : tab === 'denoise' ? (
            <DenoisingLab
              ask={ask}
              step={step}
              training={training}
              indices={oneEach}
              trainingNoise={config.kind === 'denoising' ? config.noise : null}
              seed={config.seed}
            />
          ) : tab === 'bottleneck' ? (
            <BottleneckPanel
              ask={ask}
              step={step}
              training={training}
              codeSize={codeSize}
              loss={config.loss}
              indices={oneEach}
              sweep={sweep}
              sweepSizes={SWEEP_CODE_SIZES}
              samplesPerSecond={Number(view.samplesPerSecond.toPrecision(1))}
              slow={bodyOf(config) === 'conv'}
              onSweep={onSweep}
              onStopSweep={onStopSweep}
              trainCount={trainCount}
              testCount={testCount}
            />
          ) : tab === 'generate' ? (
            <GenerationPanel
              ask={ask}
              step={step}
              training={training}
              vae={config.kind === 'vae'}
              codeSize={codeSize}
              seed={config.seed}
              sampleFitted={gaussianSampler}
            />
          ) : tab === 'retrieve' ? (
            <RetrievalPanel
              ask={ask}
              step={step}
              training={training}
              query={query}
              onQuery={setQuery}
              testCount={testCount}
              seed={config.seed}
              neighbours={neighboursFinder}
              precision={precisionMeasurer}
            />
          ) : tab === 'cluster' ? (
            <ClusteringPanel ask={ask} step={step} training={training} kmeans={kmeansRunner} seed={config.seed} />
          ) : (
            <AnomalyPanel ask={ask} step={step} training={training} testCount={testCount} />
          )}
        </Tabs>
      </section>
    </>
  );
}
