/**
 * Clustering with codes: k-means (k = 10) on the codes of 2,000 test digits,
 * and on their raw 784 pixels for contrast. Purity is the share of digits
 * whose cluster's most common label is their own: the labels are used only
 * to score the clusters, never to make them. Codes are clustered in the
 * analysis worker; pixels where they live, in the training worker, which
 * sends back only the score.
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

/**
 * The clusters, by majority label then size. Each shows its first SHOW
 * members (in test-set order): `shown` of them, from row `start` of the
 * strip of all clusters' shown digits.
 */
function clusters(result: KMeansResultLike, labels: Uint8Array) {
  let start = 0;
  return Array.from({ length: CLUSTERS }, (_, c) => {
    const members: number[] = [];
    result.assignments.forEach((a, i) => a === c && members.push(i));
    const majority = result.majorities?.[c] ?? -1;
    const agree = members.filter((i) => labels[i] === majority).length;
    return { c, members, majority, agree };
  })
    .filter((g) => g.members.length > 0)
    .sort((a, b) => a.majority - b.majority || b.members.length - a.members.length)
    .map((g) => {
      const shown = Math.min(SHOW, g.members.length);
      start += shown;
      return { ...g, start: start - shown, shown };
    });
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
    const groups = clusters(onCodes, result.labels);
    // Only the digits shown: the first SHOW of each cluster, cluster after cluster.
    const shown = await ask({ kind: 'digits', indices: groups.flatMap((g) => g.members.slice(0, g.shown)) });
    if (!pixelsDone.current) {
      const onPixels = await ask({ kind: 'pixel-clusters', count: DIGITS, k: CLUSTERS, seed });
      pixelsDone.current = true;
      setPixels({ purity: onPixels.result.purity, iterations: onPixels.result.iterations });
    }
    return { at, dim, purity: onCodes.purity ?? NaN, groups, originals: shown.result.originals };
  }, [ask, kmeans, seed]);
  const { data, error, busy, reload } = useRefreshing(load, 'kmeans', step, training, 20_000);
  const groups = data?.groups ?? [];
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
                <td>{(data.purity * 100).toFixed(1)}%</td>
              </tr>
              <tr>
                <th scope="row">the raw 784 pixels</th>
                <td>{pixels ? `${(pixels.purity * 100).toFixed(1)}%` : '…'}</td>
              </tr>
            </tbody>
          </table>
          <p className="hint">
            Purity: the share of digits whose cluster’s most common label is their own (10% would be chance for one big cluster of
            everything).
          </p>
          <ol className="clusters" aria-label="The clusters">
            {groups.map((g) => (
              <li key={g.c}>
                <span className="cluster-name">
                  cluster of {g.members.length}: mostly {g.majority}s ({Math.round((g.agree / g.members.length) * 100)}%)
                </span>
                <DigitStrip
                  digits={data.originals.subarray(g.start * 784, (g.start + g.shown) * 784)}
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
