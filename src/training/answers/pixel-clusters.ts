/**
 * k-means on the raw pixels of the first test digits, scored by purity
 * against their labels: the baseline the clustering panel sets beside the
 * codes. The pixels live here, so nothing is encoded, decoded or posted;
 * they never change, so each (count, k, seed) is computed once.
 */
import { PIXELS } from '../../data/mnist';
import { kMeans, purity } from '../../analysis/kmeans';
import type { ExploreQuery } from '../protocol';
import type { Answer, ModelAccess } from './model-access';

type Query = Extract<ExploreQuery, { kind: 'pixel-clusters' }>;

export class PixelClusters {
  private readonly cache = new Map<string, Promise<{ count: number; purity: number; iterations: number }>>();

  constructor(private readonly access: ModelAccess) {}

  /**
   * Needs no model: the step is that of run `runId`'s model if there is one
   * (0 otherwise), like every answer's. Runs outside the model's queue, after
   * letting waiting messages and training steps in (k-means itself runs in one go).
   */
  async answer(runId: number, query: Query): Promise<Answer> {
    const test = this.access.data().test;
    if (!Number.isInteger(query.count) || query.count < 1) throw new RangeError('the count must be a whole number of digits from 1');
    if (!Number.isInteger(query.k) || query.k < 1) throw new RangeError('k must be a whole number from 1');
    const count = Math.min(query.count, test.count);
    const key = `${count}/${query.k}/${query.seed}`;
    let clusters = this.cache.get(key);
    if (!clusters) {
      clusters = (async () => {
        await this.access.pause();
        const pixels = test.images.subarray(0, count * PIXELS);
        const labels = test.labels.subarray(0, count);
        const { assignments, iterations } = kMeans(pixels, count, PIXELS, query.k, query.seed);
        return { count, purity: purity(assignments, labels, query.k), iterations };
      })();
      this.cache.set(key, clusters);
      clusters.catch(() => this.cache.delete(key));
    }
    const { purity: p, iterations } = await clusters;
    const step = this.access.deps.trainer(runId)?.step ?? 0;
    return { result: { kind: 'pixel-clusters', count, purity: p, iterations }, step, transfer: [] };
  }
}
