/** The training session as the worker runs it: loading, and a run from start to its end. */
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../src/model/config';
import { smallMnist } from '../helpers/mnist';
import { config, harness, resetHarness, sessionData, sleep, STEPS_PER_EPOCH, TEST, TRAIN } from '../helpers/session';
import { trackTensors } from '../helpers/tensors';

afterEach(resetHarness);

describe('init', () => {
  it('loads the data and starts the backend, reporting progress, backend and counts', async () => {
    const h = harness();
    await h.init();
    expect(h.backendChoices).toEqual(['wasm']);
    expect(h.of('load-progress')).toEqual([
      { type: 'load-progress', loaded: 1000, total: 3000 },
      { type: 'load-progress', loaded: 3000, total: 3000 },
    ]);
    expect(h.of('backend')).toEqual([{ type: 'backend', name: 'wasm', reason: 'test', threads: 1 }]);
    const loaded = h.of('loaded');
    expect(loaded).toHaveLength(1);
    expect(loaded[0]).toMatchObject({ trainCount: TRAIN, testCount: TEST, bytes: 3000 });
    expect(loaded[0].seconds).toBeGreaterThanOrEqual(0);
    // The backend is ready before the page hears the data is.
    const types = h.replies.map((r) => r.type);
    expect(types.indexOf('backend')).toBeLessThan(types.indexOf('loaded'));
    expect(types.lastIndexOf('load-progress')).toBeLessThan(types.indexOf('loaded'));
    expect(tf.getBackend()).toBe('wasm');
  });

  it('reports a failed load, and can be retried', async () => {
    let attempt = 0;
    const h = harness(async () => {
      if (attempt++ === 0) throw new Error('The MNIST download is incomplete: 10 of 20 bytes arrived. Retry.');
      return sessionData();
    });
    await h.init();
    expect(h.of('load-error')).toEqual([
      { type: 'load-error', message: 'The MNIST download is incomplete: 10 of 20 bytes arrived. Retry.' },
    ]);
    expect(h.of('loaded')).toEqual([]);
    await h.init();
    expect(h.of('loaded')).toHaveLength(1);
    expect(h.of('loaded')[0].trainCount).toBe(TRAIN);
  });
});

describe('other data', () => {
  it('another URL ends the run and loads the other data; a model built meanwhile waits for them', async () => {
    const urls: string[] = [];
    const other = smallMnist(TRAIN / 2, TEST / 2);
    let arrive: () => void = () => {};
    const h = harness(async (url) => {
      urls.push(url);
      if (url === 'data/fashion.bin') await new Promise<void>((resolve) => (arrive = resolve));
      return url === 'data/fashion.bin' ? other : sessionData();
    });
    await h.init();
    const tensors = trackTensors();
    await h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('a few steps', () => h.maxStep(1) >= 2);
    const switching = h.handle({ type: 'init', dataUrl: 'data/fashion.bin', backend: 'wasm' });
    await h.waitFor('the download to start', () => urls.length === 2);
    // The run on the old data is over; a new one started now waits for the new data.
    const stepped = h.maxStep(1);
    void h.handle({ type: 'start', runId: 2, config });
    await sleep(50);
    expect(h.maxStep(1)).toBe(stepped);
    expect(h.of('run-state', 2)).toEqual([]);
    arrive();
    await switching;
    expect(h.last('loaded')).toMatchObject({ trainCount: TRAIN / 2, testCount: TEST / 2 });
    await h.waitFor('the run on the new data', () => h.maxStep(2) >= 1);
    expect(h.last('metrics', 2)!.stepsPerEpoch).toBe(TRAIN / 2 / config.batchSize);
    // The same URL again loads nothing.
    await h.handle({ type: 'init', dataUrl: 'data/fashion.bin', backend: 'wasm' });
    expect(urls).toEqual(['data/mnist.bin', 'data/fashion.bin']);
    // Both runs' models are freed: nothing of the old data's run is left behind.
    await h.handle({ type: 'reset' });
    await sleep(20);
    tensors.expectUnchanged('tensors after a run on each dataset and a reset');
  });
});

describe('a run', () => {
  it('start: run-state, metrics, then reconstructions of 20 digits and the latent codes; training goes on', async () => {
    const h = harness();
    await h.init();
    const tensors = trackTensors();
    await h.handle({ type: 'start', runId: 1, config });

    expect(h.of('run-state', 1)[0]).toMatchObject({ state: 'training', step: 0, epoch: 0 });
    const first = h.of('metrics', 1)[0];
    expect(first).toMatchObject({ step: 0, epoch: 0, stepsPerEpoch: STEPS_PER_EPOCH, totalSteps: STEPS_PER_EPOCH * config.epochs });
    expect(first.points).toEqual([]);

    const rec = h.of('reconstructions', 1)[0];
    expect(rec.step).toBe(0);
    expect(rec.labels).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
    for (const part of [rec.inputs, rec.outputs, rec.originals]) {
      expect(part).toBeInstanceOf(Uint8Array);
      expect(part.length).toBe(20 * 784);
    }
    // Two examples of each digit, in order: the originals are those test images.
    const firstZero = Array.from(sessionData().test.labels).indexOf(0);
    expect(rec.originals.subarray(0, 784)).toEqual(sessionData().test.images.subarray(firstZero * 784, (firstZero + 1) * 784));
    // Without noise the model sees the originals.
    expect(rec.inputs).toEqual(rec.originals);
    // An untrained model gives grey, not the digits.
    expect(rec.outputs).not.toEqual(rec.originals);

    const lat = h.of('latent', 1)[0];
    expect(lat).toMatchObject({ step: 0, codeSize: 32, method: 'pca' });
    expect(lat.points).toBeInstanceOf(Float32Array);
    expect(lat.points.length).toBe(2 * TEST);
    expect(lat.labels).toEqual(sessionData().test.labels);
    const { explained } = lat as Extract<typeof lat, { method: 'pca' }>;
    expect(explained[0]).toBeGreaterThan(explained[1]);
    for (const v of lat.points) expect(Number.isFinite(v)).toBe(true);

    await h.waitFor('losses of at least 5 steps', () => h.of('metrics', 1).flatMap((m) => m.points).length >= 5);
    const reported = h.of('metrics', 1).flatMap((m) => m.points);
    // Each step once, in order, from 1.
    expect(reported.map((p) => p.step)).toEqual(reported.map((_, i) => i + 1));
    for (const p of reported) {
      expect(Number.isFinite(p.total)).toBe(true);
      expect(p.total).toBe(p.reconstruction);
      expect(p.penalty).toBeUndefined();
    }
    const lastMetrics = h.last('metrics', 1)!;
    expect(lastMetrics.samplesPerSecond).toBeGreaterThan(0);
    expect(lastMetrics.step).toBe(reported.at(-1)!.step);

    // Views keep coming while training.
    await h.waitFor('reconstructions of a trained step', () => h.last('reconstructions', 1)!.step > 0);
    await h.waitFor('latent codes of a trained step', () => h.last('latent', 1)!.step > 0);

    await h.handle({ type: 'reset' });
    tensors.expectUnchanged();
  });

  it('pause stops the steps; step trains exactly one; resume goes on', async () => {
    const h = harness();
    await h.init();
    await h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('a few steps', () => h.maxStep(1) >= 3);

    await h.handle({ type: 'pause', runId: 1 });
    expect(h.of('run-state', 1).some((r) => r.state === 'paused')).toBe(true);
    const pausedAt = h.maxStep(1);
    // The views are refreshed for the step the model is at.
    expect(h.last('reconstructions', 1)!.step).toBe(pausedAt);
    expect(h.last('latent', 1)!.step).toBe(pausedAt);
    const count = h.replies.length;
    await sleep(300);
    expect(h.replies.length).toBe(count);
    expect(h.maxStep(1)).toBe(pausedAt);

    // A second pause, or a step for another run, changes nothing.
    await h.handle({ type: 'pause', runId: 1 });
    await h.handle({ type: 'step', runId: 2 });
    expect(h.replies.length).toBe(count);

    await h.handle({ type: 'step', runId: 1 });
    const stepped = h.last('metrics', 1)!;
    expect(stepped.step).toBe(pausedAt + 1);
    expect(stepped.points.at(-1)!.step).toBe(pausedAt + 1);
    expect(h.last('reconstructions', 1)!.step).toBe(pausedAt + 1);
    expect(h.last('latent', 1)!.step).toBe(pausedAt + 1);
    await sleep(200);
    expect(h.maxStep(1)).toBe(pausedAt + 1);

    await h.handle({ type: 'step', runId: 1 });
    expect(h.maxStep(1)).toBe(pausedAt + 2);
    expect(h.last('run-state', 1)!.state).toBe('paused');

    await h.handle({ type: 'resume', runId: 1 });
    expect(h.last('run-state', 1)!.state).toBe('training');
    await h.waitFor('training to continue', () => h.maxStep(1) >= pausedAt + 6);
    const steps = h.of('metrics', 1).flatMap((m) => m.points.map((p) => p.step));
    // No step lost or repeated across pause, single steps and resume.
    expect(steps).toEqual(steps.map((_, i) => i + 1));
  });

  it('a new start with another runId ends the old run: its replies stop', async () => {
    const h = harness();
    await h.init();
    await h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('run 1 to train', () => h.maxStep(1) >= 2);

    await h.handle({ type: 'start', runId: 2, config: { ...config, kind: 'deep', hidden: [32], codeSize: 2 } });
    const fromRun1 = h.replies.filter((r) => 'runId' in r && r.runId === 1).length;
    expect(h.of('run-state', 2)[0]).toMatchObject({ state: 'training', step: 0 });
    expect(h.of('metrics', 2)[0].step).toBe(0);
    expect(h.of('latent', 2)[0]).toMatchObject({ method: 'identity', codeSize: 2 });

    await h.waitFor('run 2 to train', () => h.maxStep(2) >= 4);
    await sleep(100);
    expect(h.replies.filter((r) => 'runId' in r && r.runId === 1).length).toBe(fromRun1);
    // Run 2 starts from step 1 with a new model.
    const steps = h.of('metrics', 2).flatMap((m) => m.points.map((p) => p.step));
    expect(steps.slice(0, 3)).toEqual([1, 2, 3]);
    // Requests for the old run are ignored.
    await h.handle({ type: 'pause', runId: 1 });
    expect(h.last('run-state', 2)!.state).toBe('training');
    expect(h.of('run-state', 1).some((r) => r.state === 'paused')).toBe(false);
  });

  it('reset stops everything and frees the model', async () => {
    const h = harness();
    await h.init();
    const tensors = trackTensors();
    await h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('a few steps', () => h.maxStep(1) >= 2);
    await h.handle({ type: 'reset' });
    tensors.expectUnchanged();
    const count = h.replies.length;
    await sleep(300);
    expect(h.replies.length).toBe(count);
    // Nothing of the old run can be resumed or stepped.
    await h.handle({ type: 'resume', runId: 1 });
    await h.handle({ type: 'step', runId: 1 });
    await sleep(50);
    expect(h.replies.length).toBe(count);
  });

  it('a sparse run reports its L1 penalty with every step and every test pass', async () => {
    const h = harness();
    await h.init();
    const sparse: ExperimentConfig = { ...config, kind: 'vanilla', sparsity: 0.1, epochs: 1 };
    await h.handle({ type: 'start', runId: 8, config: sparse });
    await h.waitFor('the run to finish', () => h.of('run-state', 8).some((r) => r.state === 'done'));
    const points = h.of('metrics', 8).flatMap((m) => m.points);
    expect(points).toHaveLength(STEPS_PER_EPOCH);
    for (const p of points) {
      expect(p.penalty).toBeGreaterThan(0);
      expect(p.total).toBeCloseTo(p.reconstruction + 0.1 * p.penalty!, 5);
    }
    const [test] = h.of('test-loss', 8);
    expect(test.penalty).toBeGreaterThan(0);
    expect(test.total).toBeCloseTo(test.reconstruction + 0.1 * test.penalty!, 5);
  });

  it('after the last epoch: a test loss per epoch, then done, and no more steps', async () => {
    const h = harness();
    await h.init();
    const vae: ExperimentConfig = { ...config, kind: 'vae', codeSize: 2, epochs: 2 };
    await h.handle({ type: 'start', runId: 7, config: vae });
    await h.waitFor('the run to finish', () => h.of('run-state', 7).some((r) => r.state === 'done'));

    const total = 2 * STEPS_PER_EPOCH;
    const tests = h.of('test-loss', 7);
    expect(tests.map((t) => [t.epoch, t.step])).toEqual([
      [1, STEPS_PER_EPOCH],
      [2, total],
    ]);
    // Each at the run's training time so far: it grows from epoch to epoch.
    expect(tests[0].seconds).toBeGreaterThan(0);
    expect(tests[1].seconds).toBeGreaterThan(tests[0].seconds);
    // The metrics carry the same clock: the last one is no earlier than the last test loss.
    expect(h.of('metrics', 7).at(-1)!.seconds).toBeGreaterThanOrEqual(tests[1].seconds);
    for (const t of tests) {
      expect(Number.isFinite(t.total)).toBe(true);
      expect(t.penalty).toBeGreaterThan(0);
      expect(t.total).toBeCloseTo(t.reconstruction + vae.beta * t.penalty!, 1);
    }
    expect(tests[1].total).toBeLessThan(tests[0].total);

    const done = h.last('run-state', 7)!;
    expect(done).toMatchObject({ state: 'done', step: total, epoch: 2 });
    const points = h.of('metrics', 7).flatMap((m) => m.points);
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    for (const p of points) expect(p.penalty).toBeGreaterThanOrEqual(0);
    expect(h.last('metrics', 7)).toMatchObject({ step: total, epoch: 2, totalSteps: total });
    expect(h.last('reconstructions', 7)!.step).toBe(total);
    expect(h.last('latent', 7)).toMatchObject({ step: total, method: 'identity' });
    // The done state comes after the last test loss.
    const types = h.replies.map((r) => r.type);
    expect(types.lastIndexOf('test-loss')).toBeLessThan(h.replies.indexOf(done));

    const count = h.replies.length;
    await h.handle({ type: 'resume', runId: 7 });
    await h.handle({ type: 'step', runId: 7 });
    await sleep(200);
    expect(h.replies.length).toBe(count);
  });
});

describe("a run's first views", () => {
  it('its first step waits until the page has painted the first views', async () => {
    const h = harness(undefined, { firstViewsWaitMs: 60_000 });
    await h.init();
    void h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('the first latent view', () => h.of('latent', 1).length > 0);
    await sleep(300);
    // Views of the untrained model are out; no step has been taken.
    expect(h.of('reconstructions', 1)[0].step).toBe(0);
    expect(h.maxStep(1)).toBe(0);
    await h.handle({ type: 'views-shown', runId: 1 });
    await h.waitFor('training to go on', () => h.maxStep(1) >= 3);
  });

  it('a page that never reports does not hold the run beyond the longest wait', async () => {
    const h = harness(undefined, { firstViewsWaitMs: 250 });
    await h.init();
    const started = performance.now();
    void h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('a first step', () => h.maxStep(1) >= 1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('a reset or a new run while the first step waits does not wait for the old run', async () => {
    const h = harness(undefined, { firstViewsWaitMs: 60_000 });
    await h.init();
    void h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('the first latent view', () => h.of('latent', 1).length > 0);
    void h.handle({ type: 'start', runId: 2, config });
    await h.waitFor('the new run to show its views', () => h.of('latent', 2).length > 0);
    expect(h.maxStep(1)).toBe(0);
    await h.handle({ type: 'views-shown', runId: 2 });
    await h.waitFor('the new run to train', () => h.maxStep(2) >= 2);
  });
});
