/**
 * What the bottleneck costs. At the model's code size k: its reconstructions
 * next to PCA's with k components (the best any linear code of that size can
 * do for squared error, fitted here on the training digits), and both
 * test errors. Then a sweep: the same kind trained at k = 1, 2, 4, …, 64 one
 * after another, each measured beside PCA, with the error of a perfect
 * reconstruction marked (BCE cannot reach 0 on grey pixels).
 */
import { useCallback, useMemo, useState } from 'react';
import { DigitStrip } from '../../components/DigitStrip';
import { ErrorVsCodeSizeChart, type CodeSizePoint } from '../../components/ErrorVsCodeSizeChart';
import { formatError } from '../../components/error-vs-code-size';
import { useRefreshing } from '../../components/use-refreshing';
import type { ErrorPair, AskModel } from '../../training/protocol';
import { PanelError } from '../../components/PanelError';

export interface SweepState {
  status: 'idle' | 'running' | 'done' | 'stopped';
  codeSizes: number[];
  epochs: number;
  points: { codeSize: number; autoencoder: ErrorPair; pca: ErrorPair }[];
  bceFloor: number | null;
  progress: { codeSize: number; step: number; totalSteps: number } | null;
  message?: string;
  /** The kind and loss it trained with. */
  label: string | null;
  loss: 'bce' | 'mse' | null;
}

export interface BottleneckPanelProps {
  ask: AskModel;
  step: number;
  training: boolean;
  codeSize: number;
  loss: 'bce' | 'mse';
  /** Test digits compared (indices). */
  indices: number[];
  sweep: SweepState;
  sweepSizes: number[];
  /** A slow kind (convolutional): the sweep starts from a quicker recipe. */
  slow: boolean;
  /** Samples per second of the current run (0 if unknown), to estimate a sweep's duration. */
  samplesPerSecond: number;
  onSweep(epochs: number, trainDigits: number): void;
  onStopSweep(): void;
  /** The sizes of the training and test sets. */
  trainCount: number;
  testCount: number;
}

/** A quicker sweep trains on the first QUICK_DIGITS training digits. */
const QUICK_DIGITS = 10_000;

function trainChoices(trainCount: number) {
  const all = { digits: trainCount, text: `all ${trainCount.toLocaleString('en-US')} training digits` };
  return trainCount > QUICK_DIGITS
    ? [all, { digits: QUICK_DIGITS, text: `the first ${QUICK_DIGITS.toLocaleString('en-US')} (quicker)` }]
    : [all];
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '';
  return seconds < 90 ? `about ${Math.max(5, Math.round(seconds / 5) * 5)} s` : `about ${Math.round(seconds / 60)} min`;
}

export function BottleneckPanel(props: BottleneckPanelProps) {
  const { ask, step, training, codeSize: k, loss, indices, sweep, sweepSizes, samplesPerSecond, onSweep, onStopSweep, slow } = props;
  const { trainCount, testCount } = props;
  const [epochs, setEpochs] = useState(slow ? 1 : 3);
  const [trainDigits, setTrainDigits] = useState(slow ? Math.min(QUICK_DIGITS, trainCount) : trainCount);
  const load = useCallback(() => Promise.all([ask({ kind: 'pca', k, indices }), ask({ kind: 'digits', indices })]), [ask, k, indices]);
  // PCA is fitted once (a few seconds); later answers come quickly.
  const { data, error, busy } = useRefreshing(load, `${k}:${indices.join(',')}`, step, training, 10_000);
  const pca = data?.[0].result;
  const digits = data?.[1].result;
  const metric = sweep.status !== 'idle' && sweep.loss ? sweep.loss : loss;
  const pick = (e: ErrorPair) => (metric === 'bce' ? e.bce : e.mse);

  const points: CodeSizePoint[] = useMemo(() => {
    if (sweep.status !== 'idle') {
      return sweep.codeSizes.map((size) => {
        const p = sweep.points.find((q) => q.codeSize === size);
        return { codeSize: size, autoencoder: p ? pick(p.autoencoder) : null, pca: p ? pick(p.pca) : null };
      });
    }
    return pca ? [{ codeSize: k, autoencoder: pick(pca.autoencoder), pca: pick(pca.pca) }] : [];
    // pick depends on metric only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sweep, pca, k, metric]);
  const floor = metric === 'bce' ? (sweep.bceFloor ?? pca?.bceFloor ?? null) : 0;

  const n = indices.length;
  const estimate =
    samplesPerSecond > 0 ? duration((sweepSizes.length * epochs * trainDigits) / samplesPerSecond + sweepSizes.length * 3) : '';
  const running = sweep.status === 'running';
  const progress = sweep.progress;
  return (
    <div className="panel-body">
      <h3>
        At k = {k}: the autoencoder against PCA with {k} component{k === 1 ? '' : 's'}
      </h3>
      <PanelError message={error} />
      {!pca && !error && (
        <p className="hint">
          Fitting PCA on the {trainCount.toLocaleString('en-US')} training digits (a few seconds the first time, longer while a model
          trains)…
        </p>
      )}
      {pca && digits && (
        <div className={busy ? 'busy' : undefined}>
          <table className="metrics" aria-label={`Test errors at code size ${k}`}>
            <thead>
              <tr>
                <th scope="col">{testCount.toLocaleString('en-US')} test digits</th>
                <th scope="col">BCE per pixel</th>
                <th scope="col">MSE per pixel</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">autoencoder (step {data[0].step})</th>
                <td>{formatError(pca.autoencoder.bce)}</td>
                <td>{formatError(pca.autoencoder.mse)}</td>
              </tr>
              <tr>
                <th scope="row">
                  PCA, {k} component{k === 1 ? '' : 's'} ({(pca.explained * 100).toFixed(1)}% of the variance)
                </th>
                <td>{formatError(pca.pca.bce)}</td>
                <td>{formatError(pca.pca.mse)}</td>
              </tr>
              <tr>
                <th scope="row">perfect reconstruction</th>
                <td>{formatError(pca.bceFloor)}</td>
                <td>0</td>
              </tr>
            </tbody>
          </table>
          <div className="strips">
            <p className="strip-label">original</p>
            <DigitStrip digits={digits.originals} scale={2} perRow={n} label={`${n} test digits`} />
            <p className="strip-label">autoencoder</p>
            <DigitStrip digits={digits.outputs} scale={2} perRow={n} label={`The autoencoder's reconstructions with a ${k}-number code`} />
            <p className="strip-label">PCA</p>
            <DigitStrip digits={pca.outputs} scale={2} perRow={n} label={`PCA's reconstructions with ${k} components`} />
          </div>
        </div>
      )}

      <h3>Sweep the code size</h3>
      <p className="explain">
        Train this kind of autoencoder once for each k in {sweepSizes.join(', ')}, and measure each beside PCA. The run in progress is
        paused meanwhile (Train, Resume or Step ends the sweep). PCA needs no training; an autoencoder trained briefly can lose to it, so
        give it a few epochs.
      </p>
      <div className="panel-options">
        <label>
          Epochs per size
          <select value={epochs} onChange={(e) => setEpochs(Number(e.target.value))} disabled={running}>
            {[1, 2, 3, 5, 10].map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          Train on
          <select value={trainDigits} onChange={(e) => setTrainDigits(Number(e.target.value))} disabled={running}>
            {trainChoices(trainCount).map((c) => (
              <option key={c.digits} value={c.digits}>
                {c.text}
              </option>
            ))}
          </select>
        </label>
        {running ? (
          <button type="button" onClick={onStopSweep}>
            Stop sweep
          </button>
        ) : (
          <button type="button" onClick={() => onSweep(epochs, trainDigits)}>
            Run sweep
          </button>
        )}
        {!running && estimate && <span className="hint">{estimate} at the current speed</span>}
      </div>
      <p className="hint" role="status">
        {running
          ? progress
            ? `Training k = ${progress.codeSize}: step ${progress.step} of ${progress.totalSteps} (${sweep.points.length} of ${sweep.codeSizes.length} sizes done)`
            : 'Starting the sweep…'
          : sweep.status === 'done'
            ? `Sweep done: ${sweep.points.length} sizes, ${sweep.epochs} epoch${sweep.epochs === 1 ? '' : 's'} each (${sweep.label}).`
            : sweep.status === 'stopped'
              ? (sweep.message ?? `Sweep stopped after ${sweep.points.length} sizes.`)
              : ''}
      </p>
      {points.length > 0 && <ErrorVsCodeSizeChart points={points} floor={floor} metric={metric} highlight={k} />}
    </div>
  );
}
