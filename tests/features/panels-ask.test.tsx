// @vitest-environment jsdom
/**
 * What the question panels ask of the model and of the analysis worker:
 * each question goes where its data live, for the size of the test set the
 * worker reported.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnomalyPanel } from '../../src/features/anomaly/AnomalyPanel';
import { ClusteringPanel, type KMeansRunner } from '../../src/features/clustering/ClusteringPanel';
import { GenerationPanel, type GaussianSampler } from '../../src/features/generation/GenerationPanel';
import { RetrievalPanel, type NeighboursFinder, type PrecisionMeasurer } from '../../src/features/retrieval/RetrievalPanel';
import type { AskModel, ExploreQuery, ExploreResult } from '../../src/training/protocol';

const PIXELS = 784;

beforeAll(() => {
  // jsdom has no canvas: the digit strips draw nothing.
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
});
afterEach(cleanup);

/** A model stand-in with `n` test digits, codes of `dim` numbers, labels i mod 10; records every query. */
function fakeModel(n: number, dim: number) {
  const asked: ExploreQuery[] = [];
  const answer = (query: ExploreQuery): ExploreResult => {
    switch (query.kind) {
      case 'codes': {
        const count = Math.min(query.count, n);
        const codes = Float32Array.from({ length: count * dim }, (_, i) => Math.floor(i / dim) % 10);
        const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
        return { kind: 'codes', codes, labels, errors: Float32Array.from(labels, (l) => l / 10), loss: 'bce' };
      }
      case 'digits': {
        const m = query.indices.length;
        const labels = Uint8Array.from(query.indices, (i) => i % 10);
        return {
          kind: 'digits',
          labels,
          originals: new Uint8Array(m * PIXELS),
          outputs: new Uint8Array(m * PIXELS),
          codes: new Float32Array(m * dim),
        };
      }
      case 'decode':
        return { kind: 'decode', images: new Uint8Array(query.count * PIXELS) };
      case 'pixel-clusters':
        return { kind: 'pixel-clusters', count: query.count, purity: 0.5, iterations: 12 };
      default:
        throw new Error(`not asked in these tests: ${query.kind}`);
    }
  };
  const ask = ((query: ExploreQuery) => {
    asked.push(query);
    return Promise.resolve({ result: answer(query), step: 7, runId: 1 });
  }) as AskModel;
  return { ask, asked };
}

/** The purity cell of the row headed `row` in the purity table. */
const purity = (row: string) => {
  const table = within(screen.getByRole('table', { name: 'Cluster purity' }));
  return within(table.getByRole('row', { name: new RegExp(`^${row.replace(/[()]/g, '\\$&')} `) })).getByRole('cell').textContent;
};

describe('ClusteringPanel', () => {
  it('clusters codes in the analysis worker, asks the training worker for the pixels’ purity, and fetches only the digits shown', async () => {
    const { ask, asked } = fakeModel(3000, 4);
    // Clusters by label: cluster c holds the digits labelled c, 200 each.
    const kmeans = vi.fn<KMeansRunner>(async (_data, n, _dim, k, _seed, labels) => ({
      assignments: Uint8Array.from(labels.subarray(0, n)),
      purity: 1,
      majorities: Array.from({ length: k }, (_, c) => c),
      iterations: 3,
    }));
    render(<ClusteringPanel ask={ask} step={7} training={false} kmeans={kmeans} seed={5} />);
    await waitFor(() => expect(purity('the raw 784 pixels')).toBe('50.0%'));
    expect(purity('the 4-number codes (step 7)')).toBe('100.0%');
    expect(kmeans).toHaveBeenCalledTimes(1);
    expect(kmeans.mock.calls[0].slice(1, 5)).toEqual([2000, 4, 10, 5]);
    expect(asked.filter((q) => q.kind === 'pixel-clusters')).toEqual([{ kind: 'pixel-clusters', count: 2000, k: 10, seed: 5 }]);
    const digits = asked.filter((q) => q.kind === 'digits');
    expect(digits).toHaveLength(1);
    // Eight of each cluster, cluster 0 first: digits 0, 10, …, 70, then 1, 11, …
    const indices = digits[0].kind === 'digits' ? digits[0].indices : [];
    expect(indices).toHaveLength(80);
    expect(indices.slice(0, 9)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 1]);
    expect(screen.getAllByRole('listitem')).toHaveLength(10);
  });
});

describe('RetrievalPanel', () => {
  it('searches the whole test set the worker reported, in the analysis worker', async () => {
    const { ask, asked } = fakeModel(5000, 3);
    const neighbours = vi.fn<NeighboursFinder>(async () => ({
      indices: Uint32Array.of(10, 20, 30, 40, 50, 60, 70, 81),
      distances: new Float32Array(8),
    }));
    const precision = vi.fn<PrecisionMeasurer>(async () => ({ precision: 0.875, chance: 0.1, queries: 1000 }));
    render(
      <RetrievalPanel
        ask={ask}
        step={7}
        training={false}
        query={0}
        onQuery={() => {}}
        testCount={5000}
        seed={1}
        neighbours={neighbours}
        precision={precision}
      />,
    );
    await waitFor(() =>
      expect(screen.getByText(/^Over 1,000 queries/).textContent).toMatch(/87\.5% of the 8 nearest .*random picks: 10\.0%/),
    );
    expect(asked[0]).toEqual({ kind: 'codes', count: 5000 });
    expect(neighbours.mock.calls[0].slice(1)).toEqual([3, 0, 8]);
    expect(precision.mock.calls[0].slice(2)).toEqual([3, 8, 1000]);
    expect(asked.find((q) => q.kind === 'digits')).toEqual({ kind: 'digits', indices: [0, 10, 20, 30, 40, 50, 60, 70, 81] });
    expect(screen.getByText(/^Test digit #0 is/).textContent).toMatch(/7 of its 8/);
    expect(screen.getByText(/^Over 1,000 queries/).textContent).toMatch(/among 5,000 test digits/);
    expect(screen.getByRole('spinbutton').getAttribute('max')).toBe('4999');
  });
});

describe('AnomalyPanel', () => {
  it('measures the whole test set the worker reported', async () => {
    const { ask, asked } = fakeModel(4000, 2);
    render(<AnomalyPanel ask={ask} step={7} training={false} testCount={4000} />);
    expect(screen.getByText('Measuring the 4,000 test digits…')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('img', { name: /^The 12 worst reconstructed test digits: #\d+/ })).toBeTruthy());
    expect(asked[0]).toEqual({ kind: 'codes', count: 4000 });
  });
});

describe('GenerationPanel', () => {
  it('has the analysis worker fit and sample the Gaussian, and decodes its samples', async () => {
    const { ask, asked } = fakeModel(3000, 4);
    const samples = Float32Array.from({ length: 24 * 4 }, (_, i) => i);
    const sampleFitted = vi.fn<GaussianSampler>(async () => samples);
    render(<GenerationPanel ask={ask} step={7} training={false} vae={false} codeSize={4} seed={3} sampleFitted={sampleFitted} />);
    await waitFor(() =>
      expect(screen.getByRole('img', { name: /^24 new digits decoded from codes drawn from a Gaussian fitted/ })).toBeTruthy(),
    );
    expect(asked[0]).toEqual({ kind: 'codes', count: 2000 });
    expect(sampleFitted).toHaveBeenCalledTimes(1);
    const [codes, n, dim, count, seed] = sampleFitted.mock.calls[0];
    expect([codes.length, n, dim, count]).toEqual([8000, 2000, 4, 24]);
    expect(Number.isInteger(seed)).toBe(true);
    expect(asked[1]).toEqual({ kind: 'decode', codes: samples, count: 24 });
  });
});
