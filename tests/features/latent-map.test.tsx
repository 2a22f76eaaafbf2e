// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatentMap, type UmapLayout } from '../../src/features/latent-space/LatentMap';
import type { LatentData } from '../../src/features/latent-space/latent-data';
import type { AskModel } from '../../src/training/protocol';

const N = 20;
const K = 8;

/** The latent view of N digits with K-number codes, as the worker sends it at `step`. */
const latent = (step: number): LatentData => ({
  step,
  points: new Float32Array(2 * N).map((_, i) => Math.sin(i + step)),
  labels: Uint8Array.from({ length: N }, (_, i) => i % 10),
  codes: new Float32Array(N * K).map((_, i) => Math.cos(i + step)),
  codeSize: K,
  method: 'pca',
  explained: [0.3, 0.2],
  mean: new Float32Array(K),
  axes: new Float32Array(2 * K),
});

const ask = (() => new Promise(() => {})) as unknown as AskModel;

beforeEach(() => {
  // jsdom has no canvas: the map's drawing is skipped, its scheduling is what is tested.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A UMAP that the test finishes by hand. */
function umapLayouts() {
  const calls: { codes: Float32Array; finish(superseded?: boolean): Promise<void> }[] = [];
  const umap: UmapLayout = (codes, n) =>
    new Promise((resolve) => {
      calls.push({
        codes,
        finish: async (superseded) => {
          resolve(superseded ? null : new Float32Array(2 * n));
          await act(async () => {});
        },
      });
    });
  return { calls, umap };
}

describe('LatentMap’s UMAP', () => {
  it('lays out the codes when asked, again at most every 15 s while training, and at once when training stops', async () => {
    const { calls, umap } = umapLayouts();
    const props = { kind: 'vanilla' as const, ask, umap };
    const { rerender } = render(<LatentMap latent={latent(1)} training {...props} />);
    expect(calls).toHaveLength(0);
    fireEvent.click(screen.getByLabelText('UMAP (neighbourhoods)'));
    expect(calls).toHaveLength(1);
    await calls[0].finish();
    expect(screen.getByText('UMAP laid out from the codes of step 1')).toBeTruthy();

    rerender(<LatentMap latent={latent(2)} training {...props} />);
    act(() => vi.advanceTimersByTime(10_000));
    expect(calls).toHaveLength(1);
    act(() => vi.advanceTimersByTime(5_000));
    expect(calls).toHaveLength(2);
    expect(calls[1].codes).toEqual(latent(2).codes);
    await calls[1].finish();

    rerender(<LatentMap latent={latent(3)} training={false} {...props} />);
    expect(calls).toHaveLength(3);
  });

  it('does not lay out again while one layout runs: the newest codes follow when it ends', async () => {
    const { calls, umap } = umapLayouts();
    const props = { kind: 'vanilla' as const, ask, umap, training: false };
    const { rerender } = render(<LatentMap latent={latent(1)} {...props} />);
    fireEvent.click(screen.getByLabelText('UMAP (neighbourhoods)'));
    rerender(<LatentMap latent={latent(2)} {...props} />);
    rerender(<LatentMap latent={latent(3)} {...props} />);
    expect(calls).toHaveLength(1);
    await calls[0].finish();
    expect(calls).toHaveLength(2);
    expect(calls[1].codes).toEqual(latent(3).codes);
  });

  it('is not held up by a layout that was superseded (null): the next codes are laid out', async () => {
    const { calls, umap } = umapLayouts();
    const props = { kind: 'vanilla' as const, ask, umap, training: false };
    const { rerender } = render(<LatentMap latent={latent(1)} {...props} />);
    fireEvent.click(screen.getByLabelText('UMAP (neighbourhoods)'));
    await calls[0].finish(true);
    expect(screen.getByText('UMAP laying out… (a few seconds)')).toBeTruthy();
    rerender(<LatentMap latent={latent(2)} {...props} />);
    expect(calls).toHaveLength(2);
  });
});
