/**
 * Clustering with codes: k-means (k = 10) on the codes of 2,000 test digits,
 * and on their raw 784 pixels for contrast. Purity is the share of digits
 * whose cluster's most common label is their own: the labels are used only
 * to score the clusters, never to make them.
 */
import { useCallback, useRef, useState } from 'react';
import { DigitStrip } from '../../components/DigitStrip';
import { useRefreshing } from '../../components/use-refreshing';
import type { AskModel } from '../../training/protocol';
import { PanelError } from '../../components/PanelError';

export interface KMeansResultLike {
  assignments: Uint8Array | Uint16Array;
  purity?: number;
  majorities?: number[];
  iterations: number;
}

export type KMeansRunner = (
  data: Float32Array | Uint8Array,
  n: number,
  dim: number,
  k: number,
  seed: number,
  labels: Uint8Array,
) => Promise<KMeansResultLike>;

export interface ClusteringPanelProps {
  ask: AskModel;
  step: number;
  training: boolean;
  kmeans: KMeansRunner;
  seed: number;
}

const DIGITS = 2000;
const CLUSTERS = 10;
const SHOW = 8;

function clusters(result: KMeansResultLike, labels: Uint8Array) {
  return Array.from({ length: CLUSTERS }, (_, c) => {
    const members: number[] = [];
    result.assignments.forEach((a, i) => a === c && members.push(i));
    const majority = result.majorities?.[c] ?? -1;
    const agree = members.filter((i) => labels[i] === majority).length;
    return { c, members, majority, agree };
  })
    .filter((g) => g.members.length > 0)
    .sort((a, b) => a.majority - b.majority || b.members.length - a.members.length);
}

export function ClusteringPanel({ ask, step, training, kmeans, seed }: ClusteringPanelProps) {
  const [pixels, setPixels] = useState<{ purity: number; iterations: number } | null>(null);
  // Raw-pixel clusters do not depend on the model: computed once (the ref is read by every refresh).
  const pixelsDone = useRef(false);
  const load = useCallback(async () => {
    const { result, step: at } = await ask({ kind: 'codes', count: DIGITS });
    const n = result.labels.length;
    const dim = result.codes.length / n;
    const onCodes = await kmeans(result.codes, n, dim, CLUSTERS, seed, result.labels);
    // The digits themselves, for the samples and for clustering raw pixels (once: they do not change).
    const digits = await ask({ kind: 'digits', indices: Array.from({ length: n }, (_, i) => i) });
    if (!pixelsDone.current) {
      const onPixels = await kmeans(digits.result.originals, n, 784, CLUSTERS, seed, result.labels);
      pixelsDone.current = true;
      setPixels({ purity: onPixels.purity ?? NaN, iterations: onPixels.iterations });
    }
    return { at, n, dim, labels: result.labels, onCodes, originals: digits.result.originals };
  }, [ask, kmeans, seed]);
  const { data, error, busy, reload } = useRefreshing(load, 'kmeans', step, training, 20_000);
  const groups = data ? clusters(data.onCodes, data.labels) : [];
  return (
    <div className="panel-body">
      <div className="panel-options">
        <button type="button" onClick={reload} disabled={busy}>
          {busy ? 'Clustering…' : 'Cluster again'}
        </button>
        <span className="hint">k-means with 10 clusters on the first {DIGITS.toLocaleString('en-US')} test digits.</span>
      </div>
      <PanelError message={error} />
      {data && (
        <>
          <table className="metrics" aria-label="Cluster purity">
            <thead>
              <tr>
                <th scope="col">k-means on</th>
                <th scope="col">purity</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">
                  the {data.dim}-number codes (step {data.at})
                </th>
                <td data-testid="purity-codes">{((data.onCodes.purity ?? NaN) * 100).toFixed(1)}%</td>
              </tr>
              <tr>
                <th scope="row">the raw 784 pixels</th>
                <td data-testid="purity-pixels">{pixels ? `${(pixels.purity * 100).toFixed(1)}%` : '…'}</td>
              </tr>
            </tbody>
          </table>
          <p className="hint">Purity: the share of digits whose cluster’s most common label is their own (10% would be chance for one big cluster of everything).</p>
          <ol className="clusters">
            {groups.map((g) => (
              <li key={g.c}>
                <span className="cluster-name">
                  cluster of {g.members.length}: mostly {g.majority}s ({Math.round((g.agree / g.members.length) * 100)}%)
                </span>
                <DigitStrip
                  digits={concat(data.originals, g.members.slice(0, SHOW))}
                  scale={1}
                  perRow={SHOW}
                  label={`A cluster of ${g.members.length} digits, ${g.agree} of them ${g.majority}s`}
                />
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function concat(images: Uint8Array, indices: number[]): Uint8Array {
  const out = new Uint8Array(indices.length * 784);
  indices.forEach((idx, i) => out.set(images.subarray(idx * 784, (idx + 1) * 784), i * 784));
  return out;
}
