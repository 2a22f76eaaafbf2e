/**
 * The views of the run in progress that matter most: its reconstructions
 * (the payoff, first) and its loss curves. Plain data in, no training logic.
 */
import { useDeferredValue } from 'react';
import { LossChart } from '../features/loss-chart/LossChart';
import { ReconstructionGrid } from '../features/reconstructions/ReconstructionGrid';
import { CodeSparsity } from '../features/sparsity/CodeSparsity';
import { penaltyOf, sparsityOf, takesSparsity, type ExperimentConfig, type PenaltyName } from '../model/config';
import { curvesCsv } from '../shared/curves-csv';
import { downloadBlob } from '../shared/snapshot-image';
import type { RunView } from './run-state';
import { lossUnit } from './run-status';

function TestSummary({ test, penalty }: { test: RunView['test']; penalty: PenaltyName | null }) {
  const last = test.at(-1);
  if (!last) return null;
  return (
    <p className="test-summary">
      Test loss after epoch {last.epoch}: <strong>{last.total.toFixed(4)}</strong>
      {penalty === 'kl' && last.penalty !== undefined && (
        <>
          {' '}
          = reconstruction {last.reconstruction.toFixed(2)} + β·KL, KL {last.penalty.toFixed(2)} nats
        </>
      )}
      {penalty === 'l1' && last.penalty !== undefined && (
        <>
          {' '}
          = reconstruction {last.reconstruction.toFixed(4)} + λ·L1, L1 (the code’s mean |value|) {last.penalty.toFixed(3)}
        </>
      )}
    </p>
  );
}

export function RunViews({ view, shown }: { view: RunView; shown: ExperimentConfig }) {
  const penalty = penaltyOf(shown);
  // The chart redraws in a deferred render, after the status line: no long task while training.
  const chartTrain = useDeferredValue(view.train);
  const chartTest = useDeferredValue(view.test);
  const rec = view.reconstructions;
  return (
    <>
      <section aria-labelledby="recon-h" data-lesson-target="reconstructions">
        <h2 id="recon-h">Input and reconstruction</h2>
        <p className="explain">Compression is lossy: what the code cannot hold is lost, usually thin strokes and unusual shapes first.</p>
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
        {takesSparsity(shown) && (
          <CodeSparsity
            codes={view.latent?.codes ?? null}
            codeSize={view.latent?.codeSize ?? shown.codeSize}
            step={view.latent?.step ?? 0}
            lambda={sparsityOf(shown)}
          />
        )}
        {view.step > 0 && (
          <p className="signpost">
            Next: <a href="#latent-h">see where each digit lands in the code space</a>, or <a href="#explore-h">ask the model questions</a>{' '}
            (draw a digit, generate new ones, find look-alikes, sort into groups).
          </p>
        )}
      </section>
      <section aria-labelledby="loss-h" data-lesson-target="loss">
        <h2 id="loss-h">Loss curve</h2>
        <p className="explain">
          How far the output is from the input. It is trained without labels: the image is its own target. The test curve, on 10,000 digits
          never trained on, is measured after each epoch.
        </p>
        <LossChart
          steps={chartTrain.step}
          train={chartTrain.total}
          reconstruction={penalty ? chartTrain.reconstruction : undefined}
          penalty={penalty ? chartTrain.penalty : undefined}
          penaltyName={penalty === 'l1' ? 'L1: the code’s mean |value|' : 'KL'}
          test={chartTest}
          unit={lossUnit(shown)}
        />
        <TestSummary test={view.test} penalty={penalty} />
        {view.train.step.length > 0 && (
          <button
            type="button"
            className="quiet"
            onClick={() =>
              downloadBlob(
                new Blob([curvesCsv({ train: view.train, test: view.test, penalty })], { type: 'text/csv' }),
                `loss-curves-${shown.kind}-code-${shown.codeSize}.csv`,
              )
            }
          >
            Download the loss curves (CSV)
          </button>
        )}
      </section>
    </>
  );
}
