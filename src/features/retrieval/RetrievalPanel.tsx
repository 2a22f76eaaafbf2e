/**
 * Information retrieval with codes: a query digit's nearest neighbours in
 * code space (Euclidean distance between codes of all the test digits).
 * The model never saw a label, so neighbours that share the query's label
 * show that the code keeps what makes a digit that digit. Precision@8 over
 * many queries, against what random picks would give, says it in one number.
 */
import { useCallback, useRef, useState } from 'react';
import { DigitStrip } from '../../components/DigitStrip';
import { useRefreshing } from '../../components/use-refreshing';
import type { AskModel } from '../../training/protocol';
import { aDigit } from '../../shared/format';
import { PanelError } from '../../components/PanelError';

/** The k codes nearest to row `query` of `codes` (`dim` values each), nearest first. */
export type NeighboursFinder = (
  codes: Float32Array,
  dim: number,
  query: number,
  k: number,
) => Promise<{ indices: Uint32Array; distances: Float32Array }>;

/** Precision@k over `queries` evenly spread queries, and what random picks would score. */
export type PrecisionMeasurer = (
  codes: Float32Array,
  labels: Uint8Array,
  dim: number,
  k: number,
  queries: number,
) => Promise<{ precision: number; chance: number; queries: number }>;

export interface RetrievalPanelProps {
  ask: AskModel;
  step: number;
  training: boolean;
  /** The query: a test digit index (picked in the latent view, or here). */
  query: number;
  onQuery(index: number): void;
  /** Test digits searched (the whole test set). */
  testCount: number;
  seed: number;
  /** Both run in the analysis worker. */
  neighbours: NeighboursFinder;
  precision: PrecisionMeasurer;
}

const K = 8;
/** Queries the precision is averaged over. */
const QUERIES = 1000;

type Overall = Awaited<ReturnType<PrecisionMeasurer>>;

export function RetrievalPanel(props: RetrievalPanelProps) {
  const { ask, step, training, query, onQuery, testCount, seed, neighbours, precision: measure } = props;
  const [draw, setDraw] = useState(0);
  const precision = useRef<{ at: number; pool: number; overall: Promise<Overall> } | null>(null);
  const load = useCallback(async () => {
    const { result, step: at } = await ask({ kind: 'codes', count: testCount });
    const n = result.labels.length;
    const dim = result.codes.length / n;
    const q = Math.min(query, n - 1);
    // Precision depends on the codes, not on the query: measured once per step of the model.
    const cached = precision.current;
    let overall = cached && cached.at === at && cached.pool === n ? cached.overall : null;
    if (!overall) {
      const measured = measure(result.codes, result.labels, dim, K, QUERIES);
      precision.current = { at, pool: n, overall: measured };
      measured.catch(() => {
        if (precision.current?.overall === measured) precision.current = null;
      });
      overall = measured;
    }
    const { indices, distances } = await neighbours(result.codes, dim, q, K);
    const shown = await ask({ kind: 'digits', indices: [q, ...indices] });
    return {
      at,
      q,
      neighbours: Array.from(indices),
      distances: Array.from(distances),
      shown: shown.result,
      overall: await overall,
      pool: n,
    };
  }, [ask, query, testCount, neighbours, measure]);
  const { data, error, busy } = useRefreshing(load, String(query), step, training, 8000);
  const queryLabel = data?.shown.labels[0];
  const same = data ? data.neighbours.filter((_, i) => data.shown.labels[i + 1] === queryLabel).length : 0;
  const random = () => {
    const next = (Math.imul(seed + draw + 1, 2654435761) >>> 0) % testCount;
    setDraw((d) => d + 1);
    onQuery(next);
  };
  return (
    <div className="panel-body">
      <div className="panel-options">
        <label>
          Query: test digit #
          <input
            type="number"
            min={0}
            max={testCount - 1}
            value={query}
            onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              if (Number.isFinite(v) && v >= 0 && v < testCount) onQuery(v);
            }}
          />
        </label>
        <button type="button" onClick={random}>
          Another digit
        </button>
        <span className="hint">or click a digit in the latent space (Enter with the keyboard).</span>
      </div>
      <PanelError message={error} />
      {data && (
        <div className={busy ? 'busy' : undefined}>
          <p>
            Test digit #{data.q} is {aDigit(queryLabel ?? '?')}.{' '}
            <strong>
              {same} of its {K}
            </strong>{' '}
            nearest neighbours in code space share its label.
          </p>
          <div className="strips">
            <p className="strip-label">query</p>
            <DigitStrip
              digits={data.shown.originals.subarray(0, 784)}
              scale={3}
              perRow={1}
              label={`Query: test digit ${data.q}, ${aDigit(queryLabel ?? '?')}`}
            />
            <p className="strip-label">nearest {K}</p>
            <DigitStrip
              digits={data.shown.originals.subarray(784)}
              scale={3}
              perRow={K}
              captions={data.neighbours.map(
                (_idx, i) => `${data.shown.labels[i + 1] === queryLabel ? '✓' : '✗'} ${aDigit(data.shown.labels[i + 1])}`,
              )}
              label={`Its ${K} nearest neighbours: ${data.neighbours.map((idx, i) => `#${idx}, ${aDigit(data.shown.labels[i + 1])}`).join('; ')}`}
            />
          </div>
          <p>
            Over {data.overall.queries.toLocaleString('en-US')} queries among {data.pool.toLocaleString('en-US')} test digits,{' '}
            <strong>{(data.overall.precision * 100).toFixed(1)}%</strong> of the {K} nearest neighbours share the query’s label (random
            picks: {(data.overall.chance * 100).toFixed(1)}%), with the codes of step {data.at}.
          </p>
        </div>
      )}
    </div>
  );
}
