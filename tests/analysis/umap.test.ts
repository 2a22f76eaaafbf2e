import { describe, expect, it } from 'vitest';
import { nearestNeighbours } from '../../src/analysis/knn';
import { embedUmap } from '../../src/analysis/umap';
import { createRng } from '../../src/shared/rng';

/** 100 points around each of three centres far apart in 10-D; blob of point i = i % 3. */
function threeBlobs(seed: number) {
  const rng = createRng(seed);
  const n = 300;
  const dim = 10;
  const codes = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const b = i % 3;
    for (let t = 0; t < dim; t++) codes[i * dim + t] = (t >= b * 3 && t < b * 3 + 3 ? 8 : 0) + rng() - 0.5;
  }
  return { codes, n, dim, blob: (i: number) => i % 3 };
}

describe('embedUmap', () => {
  it('keeps well-separated blobs apart, the same way for the same seed', async () => {
    const { codes, n, dim, blob } = threeBlobs(1);
    const progress: number[] = [];
    const points = await embedUmap(codes, n, dim, { seed: 7, epochs: 150, onProgress: (epoch) => progress.push(epoch) });
    expect(points).toHaveLength(n * 2);
    expect(points.every(Number.isFinite)).toBe(true);
    // Each point's ten nearest points in the plane come from its own blob.
    for (let i = 0; i < n; i++) {
      const { indices } = nearestNeighbours(points, 2, i, 10);
      for (const j of indices) expect(blob(j)).toBe(blob(i));
    }
    // The blobs' centres in the plane lie well apart compared with their spread.
    const centre = [0, 1, 2].map((b) => {
      let x = 0;
      let y = 0;
      for (let i = b; i < n; i += 3) {
        x += points[i * 2];
        y += points[i * 2 + 1];
      }
      return [x / 100, y / 100];
    });
    let spread = 0;
    for (let i = 0; i < n; i++)
      spread = Math.max(spread, Math.hypot(points[i * 2] - centre[blob(i)][0], points[i * 2 + 1] - centre[blob(i)][1]));
    for (let a = 0; a < 3; a++)
      for (let b = a + 1; b < 3; b++) expect(Math.hypot(centre[a][0] - centre[b][0], centre[a][1] - centre[b][1])).toBeGreaterThan(spread);

    expect(progress.length).toBeGreaterThan(0);
    for (let t = 1; t < progress.length; t++) expect(progress[t]).toBeGreaterThan(progress[t - 1]);
    expect(progress[progress.length - 1]).toBeLessThan(150);

    // Same seed, same layout, whatever the slicing; another seed, another layout.
    const again = await embedUmap(codes, n, dim, { seed: 7, epochs: 150, yieldEveryMs: 1 });
    expect(Array.from(again)).toEqual(Array.from(points));
    const other = await embedUmap(codes, n, dim, { seed: 8, epochs: 150 });
    expect(Array.from(other)).not.toEqual(Array.from(points));
  });

  it('stops between slices when asked, rejecting with an AbortError', async () => {
    const { codes, n, dim } = threeBlobs(2);
    let asked = 0;
    const epochs: number[] = [];
    const run = embedUmap(codes, n, dim, {
      seed: 1,
      epochs: 500,
      yieldEveryMs: 0,
      onProgress: (epoch) => epochs.push(epoch),
      shouldStop: () => ++asked > 5,
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(asked).toBe(6);
    expect(epochs.length).toBeLessThan(5);
    // Asked before any work: stops at once.
    await expect(embedUmap(codes, n, dim, { seed: 1, shouldStop: () => true })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('handles tiny and degenerate inputs without UMAP', async () => {
    const opts = { seed: 1 };
    expect(await embedUmap(new Float32Array(0), 0, 4, opts)).toEqual(new Float32Array(0));
    expect(Array.from(await embedUmap(new Float32Array(4), 1, 4, opts))).toEqual([0, 0]);
    expect(Array.from(await embedUmap(new Float32Array(8), 2, 4, opts))).toEqual([-1, 0, 1, 0]);
    // One unit: the value on the x-axis.
    expect(Array.from(await embedUmap(Float32Array.of(3, -1, 2), 3, 1, opts))).toEqual([3, 0, -1, 0, 2, 0]);
    // All codes equal: all at the origin.
    const same = new Float32Array(50 * 3).fill(0.5);
    expect((await embedUmap(same, 50, 3, opts)).every((v) => v === 0)).toBe(true);
    await expect(embedUmap(new Float32Array(5), 3, 2, opts)).rejects.toThrow(RangeError);
    await expect(embedUmap(Float32Array.of(0, 1, NaN, 2, 3, 4, 5, 6), 4, 2, opts)).rejects.toThrow(/NaN/);
  });

  it('shrinks the neighbourhood when there are fewer points than neighbours, and copes with duplicates', async () => {
    const rng = createRng(3);
    const few = new Float32Array(8 * 4).map(() => rng());
    const points = await embedUmap(few, 8, 4, { seed: 2, epochs: 50 });
    expect(points).toHaveLength(16);
    expect(points.every(Number.isFinite)).toBe(true);
    const three = await embedUmap(few, 3, 4, { seed: 2, epochs: 50 });
    expect(three.every(Number.isFinite)).toBe(true);
    // Half the codes are copies of one code (a dead model's output), half are spread.
    const dupes = new Float32Array(60 * 4).map((_, i) => (i < 120 ? 0 : rng()));
    const layout = await embedUmap(dupes, 60, 4, { seed: 2, epochs: 50 });
    expect(layout.every(Number.isFinite)).toBe(true);
  });
});
