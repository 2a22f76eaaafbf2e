/**
 * Information retrieval with codes: a query digit's nearest neighbours in
 * code space (Euclidean distance between codes of the 10,000 test digits).
 * The model never saw a label, so neighbours that share the query's label
 * show that the code keeps what makes a digit that digit. Precision@8 over
 * many queries, against what random picks would give, says it in one number.
 */
import { useCallback, useRef, useState } from 'react';
import { DigitStrip } from '../../components/DigitStrip';
import { useRefreshing } from '../../components/use-refreshing';
import { nearestNeighbours, retrievalPrecision } from '../../analysis/knn';
import type { AskModel } from '../../training/protocol';
import { aDigit } from '../../shared/format';
import { PanelError } from '../../components/PanelError';

export interface RetrievalPanelProps {
  ask: AskModel;
  step: number;
  training: boolean;
  /** The query: a test digit index (picked in the latent view, or here). */
  query: number;
  onQuery(index: number): void;
  testCount: number;
  seed: number;
}

const K = 8;
/** Test digits searched. */
const POOL = 10_000;
/** Queries the precision is averaged over, and per slice of main-thread work. */
const QUERIES = 1000;
const SLICE = 16;

const frame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Precision@K over QUERIES evenly spread queries, in slices so that the page stays responsive. */
async function precisionOverQueries(codes: Float32Array, labels: Uint8Array, dim: number) {
  const n = labels.length;
  const queries = Array.from({ length: Math.min(QUERIES, n) }, (_, i) => Math.floor((i * n) / Math.min(QUERIES, n)));
  let precision = 0;
  let chance = 0;
  for (let s = 0; s < queries.length; s += SLICE) {
    const part = queries.slice(s, s + SLICE);
    const r = retrievalPrecision(codes, labels, dim, K, part);
    precision += r.precision * part.length;
    chance += r.chance * part.length;
    await frame();
  }
  return { precision: precision / queries.length, chance: chance / queries.length, queries: queries.length };
}

export function RetrievalPanel({ ask, step, training, query, onQuery, testCount, seed }: RetrievalPanelProps) {
  const [draw, setDraw] = useState(0);
  const precision = useRef<{ at: number; pool: number; overall: Awaited<ReturnType<typeof precisionOverQueries>> } | null>(null);
  const load = useCallback(async () => {
    const { result, step: at } = await ask({ kind: 'codes', count: POOL });
    const n = result.labels.length;
    const dim = result.codes.length / n;
    const q = Math.min(query, n - 1);
    const { indices, distances } = nearestNeighbours(result.codes, dim, q, K);
    const shown = await ask({ kind: 'digits', indices: [q, ...indices] });
    // Precision depends on the codes, not on the query: measured once per step of the model.
    const cached = precision.current;
    const overall = cached && cached.at === at && cached.pool === n ? cached.overall : await precisionOverQueries(result.codes, result.labels, dim);
    precision.current = { at, pool: n, overall };
    return { at, q, neighbours: Array.from(indices), distances: Array.from(distances), shown: shown.result, overall, pool: n };
  }, [ask, query]);
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
          <p data-testid="retrieval-summary">
            Test digit #{data.q} is {aDigit(queryLabel ?? '?')}. <strong>{same} of its {K}</strong> nearest neighbours in code space share
            its label.
          </p>
          <div className="strips">
            <p className="strip-label">query</p>
            <DigitStrip digits={data.shown.originals.subarray(0, 784)} scale={3} perRow={1} label={`Query: test digit ${data.q}, ${aDigit(queryLabel ?? '?')}`} />
            <p className="strip-label">nearest {K}</p>
            <DigitStrip
              digits={data.shown.originals.subarray(784)}
              scale={3}
              perRow={K}
              captions={data.neighbours.map((_idx, i) => `${data.shown.labels[i + 1] === queryLabel ? '✓' : '✗'} ${aDigit(data.shown.labels[i + 1])}`)}
              label={`Its ${K} nearest neighbours: ${data.neighbours.map((idx, i) => `#${idx}, ${aDigit(data.shown.labels[i + 1])}`).join('; ')}`}
              testId="neighbours"
            />
          </div>
          <p data-testid="retrieval-precision" data-precision={data.overall.precision.toFixed(4)} data-chance={data.overall.chance.toFixed(4)}>
            Over {data.overall.queries.toLocaleString('en-US')} queries among {data.pool.toLocaleString('en-US')} test digits,{' '}
            <strong>{(data.overall.precision * 100).toFixed(1)}%</strong> of the {K} nearest neighbours share the query’s label
            (random picks: {(data.overall.chance * 100).toFixed(1)}%), with the codes of step {data.at}.
          </p>
        </div>
      )}
    </div>
  );
}
