/**
 * Anomaly detection with reconstruction error: a model trained on typical
 * digits rebuilds typical digits well and unusual ones badly, so the digits
 * it reconstructs worst are the odd ones out — badly written, cut off,
 * ambiguous, or now and then mislabelled. The histogram shows how errors
 * spread over all the test digits; the bars, which digits are hardest.
 */
import { useCallback } from 'react';
import { ClassBarChart } from '../../components/ClassBarChart';
import { DigitStrip } from '../../components/DigitStrip';
import { ErrorHistogram } from '../../components/ErrorHistogram';
import { formatError } from '../../components/error-vs-code-size';
import { useRefreshing } from '../../components/use-refreshing';
import { histogram, meanByClass, worstIndices } from '../../analysis/histogram';
import type { AskModel } from '../../training/protocol';
import { aDigit } from '../../shared/format';
import { PanelError } from '../../components/PanelError';

export interface AnomalyPanelProps {
  ask: AskModel;
  step: number;
  training: boolean;
  /** Test digits measured (the whole test set). */
  testCount: number;
}

const WORST = 12;
const BINS = 40;

/** The error above which the worst 1 % lie. */
function percentile99(values: Float32Array): number {
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))];
}

export function AnomalyPanel({ ask, step, training, testCount }: AnomalyPanelProps) {
  const load = useCallback(async () => {
    const { result, step: at } = await ask({ kind: 'codes', count: testCount });
    const worst = worstIndices(result.errors, WORST);
    const shown = await ask({ kind: 'digits', indices: worst });
    const sorted = Float32Array.from(result.errors).sort();
    const hi = sorted[Math.floor(0.999 * (sorted.length - 1))];
    // The rare errors past the 99.9th percentile go in the last bin, so that the axis is not stretched by a few.
    const hist = histogram(
      result.errors.map((e) => Math.min(e, hi)),
      BINS,
      [0, hi],
    );
    return {
      at,
      loss: result.loss,
      n: result.labels.length,
      hist,
      threshold: percentile99(result.errors),
      byClass: meanByClass(result.errors, result.labels),
      worst,
      worstErrors: worst.map((i) => result.errors[i]),
      shown: shown.result,
    };
  }, [ask, testCount]);
  const { data, error, busy } = useRefreshing(load, `anomaly:${testCount}`, step, training, 8000);
  const unit = data?.loss === 'mse' ? 'MSE' : 'BCE';
  return (
    <div className="panel-body">
      <PanelError message={error} />
      {!data && !error && <p className="hint">Measuring the {testCount.toLocaleString('en-US')} test digits…</p>}
      {data && (
        <div className={busy ? 'busy' : undefined}>
          <div className="panel-row">
            <ErrorHistogram
              edges={data.hist.edges}
              counts={data.hist.counts}
              threshold={data.threshold}
              thresholdLabel="worst 1 %"
              metricLabel={`test ${unit} per pixel`}
            />
            <ClassBarChart values={data.byClass} label={`mean ${unit} (per pixel)`} format={(v) => formatError(v)} />
          </div>
          <h3>
            The {WORST} test digits reconstructed worst (step {data.at})
          </h3>
          <div className="strips">
            <p className="strip-label">digit</p>
            <DigitStrip
              digits={data.shown.originals}
              scale={2}
              perRow={WORST}
              captions={data.worst.map((_idx, i) => aDigit(data.shown.labels[i]))}
              label={`The ${WORST} worst reconstructed test digits: ${data.worst.map((idx, i) => `#${idx}, ${aDigit(data.shown.labels[i])}, error ${formatError(data.worstErrors[i])}`).join('; ')}`}
            />
            <p className="strip-label">output</p>
            <DigitStrip digits={data.shown.outputs} scale={2} perRow={WORST} label="Their reconstructions" />
          </div>
        </div>
      )}
    </div>
  );
}
