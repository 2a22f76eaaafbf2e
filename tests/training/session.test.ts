import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mnist } from '../../src/data/mnist';
import type { ExperimentConfig } from '../../src/model/config';
import type { WorkerReply, WorkerRequest } from '../../src/training/protocol';
import { TrainingSession, type SessionDeps } from '../../src/training/session';
// Aliased: the name of the helper makes the React hooks lint rule take it for a hook.
import { useWasmBackend as startWasmBackend } from '../helpers/backend';
import { smallMnist } from '../helpers/mnist';
import { testConfig } from '../helpers/config';

const TRAIN = 512;
const TEST = 200;
const BATCH = 64;
const STEPS_PER_EPOCH = TRAIN / BATCH;

const config: ExperimentConfig = testConfig({
  codeSize: 32,
  hidden: [64],
  filters: [8, 4],
  noise: 0.3,
  seed: 3,
  learningRate: 0.003,
  batchSize: BATCH,
  epochs: 1000, // long enough never to finish during a test
});

let data: Mnist;
let backendStarted: Promise<void> | null = null;

beforeAll(() => {
  data = smallMnist(TRAIN, TEST);
});

type Reply = WorkerReply;
type Of<T extends Reply['type']> = Extract<Reply, { type: T }>;

class Harness {
  readonly replies: Reply[] = [];
  readonly backendChoices: string[] = [];
  readonly session: TrainingSession;
  /** Makes posting the first reply it matches throw, as a bug inside a step would. */
  throwOnce: ((reply: Reply) => boolean) | null = null;

  constructor(loadData?: SessionDeps['loadData']) {
    const deps: SessionDeps = {
      post: (reply) => {
        if (this.throwOnce?.(reply)) {
          this.throwOnce = null;
          throw new Error('something broke inside a step');
        }
        this.replies.push(reply);
      },
      loadData:
        loadData ??
        (async (_url, onProgress) => {
          onProgress(1000, 3000);
          onProgress(3000, 3000);
          return data;
        }),
      startBackend: async (choice) => {
        this.backendChoices.push(choice);
        backendStarted ??= startWasmBackend();
        await backendStarted;
        return { name: 'wasm', reason: 'test' };
      },
      now: () => performance.now(),
      yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0)),
    };
    this.session = new TrainingSession(deps);
  }

  handle(request: WorkerRequest): Promise<void> {
    return this.session.handle(request);
  }

  of<T extends Reply['type']>(type: T, runId?: number): Of<T>[] {
    return this.replies.filter(
      (r): r is Of<T> => r.type === type && (runId === undefined || (r as { runId?: number }).runId === runId),
    );
  }

  last<T extends Reply['type']>(type: T, runId?: number): Of<T> | undefined {
    return this.of(type, runId).at(-1);
  }

  /** The highest step reported for a run, in any reply. */
  maxStep(runId: number): number {
    let max = -1;
    for (const r of this.replies) if ('runId' in r && r.runId === runId && 'step' in r) max = Math.max(max, r.step);
    return max;
  }

  async init(): Promise<void> {
    await this.handle({ type: 'init', dataUrl: 'data/mnist.bin', backend: 'wasm' });
  }

  async waitFor(what: string, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!predicate()) {
      if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let current: Harness | null = null;
function harness(loadData?: SessionDeps['loadData']): Harness {
  current = new Harness(loadData);
  return current;
}

afterEach(async () => {
  // Never leave a run training behind.
  if (current) await current.handle({ type: 'reset' });
  current = null;
});

describe('init', () => {
  it('loads the data and starts the backend, reporting progress, backend and counts', async () => {
    const h = harness();
    await h.init();
    expect(h.backendChoices).toEqual(['wasm']);
    expect(h.of('load-progress')).toEqual([
      { type: 'load-progress', loaded: 1000, total: 3000 },
      { type: 'load-progress', loaded: 3000, total: 3000 },
    ]);
    expect(h.of('backend')).toEqual([{ type: 'backend', name: 'wasm', reason: 'test' }]);
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
      return data;
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

describe('a run', () => {
  it('start: run-state, metrics, then reconstructions of 20 digits and the latent codes; training goes on', async () => {
    const h = harness();
    await h.init();
    const baseline = tf.memory().numTensors;
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
    const firstZero = Array.from(data.test.labels).indexOf(0);
    expect(rec.originals.subarray(0, 784)).toEqual(data.test.images.subarray(firstZero * 784, (firstZero + 1) * 784));
    // Without noise the model sees the originals.
    expect(rec.inputs).toEqual(rec.originals);
    // An untrained model gives grey, not the digits.
    expect(rec.outputs).not.toEqual(rec.originals);

    const lat = h.of('latent', 1)[0];
    expect(lat).toMatchObject({ step: 0, codeSize: 32, method: 'pca' });
    expect(lat.points).toBeInstanceOf(Float32Array);
    expect(lat.points.length).toBe(2 * TEST);
    expect(lat.labels).toEqual(data.test.labels);
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
      expect(p.kl).toBeUndefined();
    }
    const lastMetrics = h.last('metrics', 1)!;
    expect(lastMetrics.samplesPerSecond).toBeGreaterThan(0);
    expect(lastMetrics.step).toBe(reported.at(-1)!.step);

    // Views keep coming while training.
    await h.waitFor('reconstructions of a trained step', () => h.last('reconstructions', 1)!.step > 0);
    await h.waitFor('latent codes of a trained step', () => h.last('latent', 1)!.step > 0);

    await h.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
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
    const baseline = tf.memory().numTensors;
    await h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('a few steps', () => h.maxStep(1) >= 2);
    await h.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
    const count = h.replies.length;
    await sleep(300);
    expect(h.replies.length).toBe(count);
    // Nothing of the old run can be resumed or stepped.
    await h.handle({ type: 'resume', runId: 1 });
    await h.handle({ type: 'step', runId: 1 });
    await sleep(50);
    expect(h.replies.length).toBe(count);
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
    for (const t of tests) {
      expect(Number.isFinite(t.total)).toBe(true);
      expect(t.kl).toBeGreaterThan(0);
      expect(t.total).toBeCloseTo(t.reconstruction + vae.beta * t.kl!, 1);
    }
    expect(tests[1].total).toBeLessThan(tests[0].total);

    const done = h.last('run-state', 7)!;
    expect(done).toMatchObject({ state: 'done', step: total, epoch: 2 });
    const points = h.of('metrics', 7).flatMap((m) => m.points);
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    for (const p of points) expect(p.kl).toBeGreaterThanOrEqual(0);
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

describe('failures and pauses', () => {
  it('a start that cannot build its model ends the run as failed, with the reason', async () => {
    const h = harness();
    await h.init();
    await h.handle({ type: 'start', runId: 9, config: { ...config, batchSize: TRAIN + 1 } });
    const state = h.last('run-state', 9);
    expect(state?.state).toBe('failed');
    expect(state?.message).toMatch(/batch size/);
  });

  it('an error inside a training step ends the run as failed with the reason, instead of hanging', async () => {
    const h = harness();
    await h.init();
    await h.handle({ type: 'start', runId: 5, config });
    await h.waitFor('a few steps', () => h.maxStep(5) >= 3);
    h.throwOnce = (r) => r.type === 'metrics' && r.runId === 5;
    await h.waitFor('the run to fail', () => h.last('run-state', 5)?.state === 'failed');
    expect(h.last('run-state', 5)?.message).toMatch(/something broke inside a step/);
    const steps = h.maxStep(5);
    await sleep(200);
    expect(h.maxStep(5)).toBe(steps);
  });

  it('a start before the data is loaded fails its run instead of hanging', async () => {
    const h = harness();
    await h.handle({ type: 'start', runId: 2, config });
    expect(h.last('run-state', 2)?.state).toBe('failed');
    expect(h.last('run-state', 2)?.message).toMatch(/not loaded/);
  });

  it('pause sends the losses still waiting, so the chart ends at the step the views show', async () => {
    const h = harness();
    await h.init();
    await h.handle({ type: 'start', runId: 4, config });
    await h.waitFor('a few steps', () => h.maxStep(4) >= 3);
    await h.handle({ type: 'pause', runId: 4 });
    const lastRec = h.last('reconstructions', 4)!;
    const points = h.of('metrics', 4).flatMap((m) => m.points.map((p) => p.step));
    expect(Math.max(...points)).toBe(lastRec.step);
    expect(h.last('metrics', 4)!.step).toBe(lastRec.step);
  });
});

describe('changing a run in progress', () => {
  it('more epochs after the end turn a finished run into a paused one that Resume continues', async () => {
    const h = harness();
    await h.init();
    await h.handle({ type: 'start', runId: 11, config: { ...config, epochs: 1 } });
    await h.waitFor('the run to finish', () => h.of('run-state', 11).some((r) => r.state === 'done'));
    await h.handle({ type: 'update-training', runId: 11, learningRate: 0.001, epochs: 2 });
    expect(h.last('run-state', 11)?.state).toBe('paused');
    expect(h.last('metrics', 11)?.totalSteps).toBe(2 * STEPS_PER_EPOCH);
    await h.handle({ type: 'resume', runId: 11 });
    await h.waitFor('the second epoch to finish', () => h.last('run-state', 11)?.state === 'done');
    expect(h.last('run-state', 11)).toMatchObject({ step: 2 * STEPS_PER_EPOCH, epoch: 2 });
  });

  it('after a divergence, Resume goes on from the restored weights', async () => {
    const h = harness();
    await h.init();
    await h.handle({ type: 'start', runId: 12, config: { ...config, kind: 'vae', learningRate: 5 } });
    await h.waitFor('the divergence', () => h.last('run-state', 12)?.state === 'diverged');
    const diverged = h.last('run-state', 12)!;
    expect(diverged.message).toMatch(/Resume/);
    await h.handle({ type: 'update-training', runId: 12, learningRate: 0.001, epochs: config.epochs });
    await h.handle({ type: 'resume', runId: 12 });
    await h.waitFor('steps after the divergence', () => h.maxStep(12) >= diverged.step + 5);
    const after = h.of('metrics', 12).flatMap((m) => m.points).filter((p) => p.step > diverged.step);
    expect(after.length).toBeGreaterThan(0);
    for (const p of after) expect(Number.isFinite(p.total)).toBe(true);
  });

  it('a Pause sent while the model is still being built is kept: the run starts paused', async () => {
    const h = harness();
    await h.init();
    const started = h.handle({ type: 'start', runId: 13, config });
    await h.handle({ type: 'pause', runId: 13 });
    await started;
    await sleep(100);
    expect(h.last('run-state', 13)?.state).toBe('paused');
    expect(h.maxStep(13)).toBe(0);
  });
});

describe('questions to the model and the code-size sweep', () => {
  const sweepConfig: ExperimentConfig = { ...config, codeSize: 2, hidden: [32] };

  it("an explore for the current run is answered with 'explored'; for another run with 'explore-error'", async () => {
    const h = harness();
    await h.init();
    // Before any run there is no model to ask.
    await h.handle({ type: 'explore', id: 1, runId: 1, query: { kind: 'digits', indices: [0] } });
    expect(h.last('explore-error')).toEqual({ type: 'explore-error', id: 1, runId: 1, message: expect.stringMatching(/press Train first/) });

    await h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('a few steps', () => h.maxStep(1) >= 2);
    await h.handle({ type: 'pause', runId: 1 });
    const step = h.maxStep(1);
    await h.handle({ type: 'explore', id: 2, runId: 1, query: { kind: 'decode', codes: new Float32Array(2 * 32), count: 2 } });
    const explored = h.last('explored')!;
    expect(explored).toMatchObject({ id: 2, runId: 1, step });
    expect(explored.result.kind).toBe('decode');
    expect((explored.result as { images: Uint8Array }).images.length).toBe(2 * 784);

    await h.handle({ type: 'explore', id: 3, runId: 2, query: { kind: 'digits', indices: [0] } });
    expect(h.last('explore-error')).toEqual({ type: 'explore-error', id: 3, runId: 2, message: expect.stringMatching(/press Train first/) });
    // A bad question is an error of that question, not of the run.
    await h.handle({ type: 'explore', id: 4, runId: 1, query: { kind: 'digits', indices: [TEST] } });
    expect(h.last('explore-error')).toMatchObject({ id: 4, message: expect.stringMatching(/whole numbers/) });
    expect(h.of('explored')).toHaveLength(1);
    expect(h.last('run-state', 1)!.state).toBe('paused');
  });

  it('an explore during training is answered between two steps, and training goes on', async () => {
    const h = harness();
    await h.init();
    await h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('a few steps', () => h.maxStep(1) >= 3);
    await h.handle({ type: 'explore', id: 7, runId: 1, query: { kind: 'codes', count: TEST } });
    const explored = h.last('explored')!;
    expect(explored).toMatchObject({ id: 7, runId: 1 });
    // The step of a whole model, one that training reached.
    expect(explored.step).toBeGreaterThanOrEqual(3);
    expect(explored.step).toBeLessThanOrEqual(h.maxStep(1));
    const codes = explored.result as Extract<typeof explored.result, { kind: 'codes' }>;
    expect(codes.errors.length).toBe(TEST);
    expect(codes.codes.length).toBe(TEST * 32);

    await h.waitFor('training to go on', () => h.maxStep(1) >= explored.step + 3);
    expect(h.last('run-state', 1)!.state).toBe('training');
    const steps = h.of('metrics', 1).flatMap((m) => m.points.map((p) => p.step));
    expect(steps).toEqual(steps.map((_, i) => i + 1));
  });

  it('a hovered point is decoded before work already waiting (the chunks of a long question)', async () => {
    const h = harness();
    await h.init();
    await h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('a step', () => h.maxStep(1) >= 1);
    await h.handle({ type: 'pause', runId: 1 });
    // A long question (its chunks queue one after another), then a single point to decode.
    const long = h.handle({ type: 'explore', id: 20, runId: 1, query: { kind: 'codes', count: TEST } });
    const point = h.handle({ type: 'explore', id: 21, runId: 1, query: { kind: 'decode', codes: new Float32Array(32), count: 1 } });
    await Promise.all([long, point]);
    const order = h.of('explored').map((r) => r.id);
    expect(order).toEqual([21, 20]);
    // A larger question waits its turn.
    const grid = h.handle({ type: 'explore', id: 22, runId: 1, query: { kind: 'codes', count: TEST } });
    const many = h.handle({ type: 'explore', id: 23, runId: 1, query: { kind: 'decode', codes: new Float32Array(32 * 100), count: 100 } });
    await Promise.all([grid, many]);
    expect(h.of('explored').map((r) => r.id)).toEqual([21, 20, 22, 23]);
  });

  it("a sweep pauses the run in training; a later 'resume' stops the sweep and training goes on", async () => {
    const h = harness();
    await h.init();
    const baseline = tf.memory().numTensors;
    await h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('a few steps', () => h.maxStep(1) >= 2);

    const sweep = h.handle({ type: 'sweep', id: 5, config: sweepConfig, codeSizes: [2, 4], epochs: 50, trainDigits: 128 });
    expect(h.last('run-state', 1)!.state).toBe('paused');
    await h.waitFor('the sweep to train', () => h.of('sweep-progress').some((p) => p.step >= 3));
    const progress = h.of('sweep-progress');
    expect(progress[0]).toMatchObject({ id: 5, codeSize: 2, totalSteps: 2 * 50 });
    // The run does not train while the sweep does.
    const pausedAt = h.maxStep(1);
    await sleep(150);
    expect(h.maxStep(1)).toBe(pausedAt);
    expect(h.of('sweep-done')).toEqual([]);

    await h.handle({ type: 'resume', runId: 1 });
    await sweep;
    expect(h.of('sweep-done')).toEqual([{ type: 'sweep-done', id: 5, stopped: true }]);
    expect(h.of('sweep-point')).toEqual([]);
    expect(h.last('run-state', 1)!.state).toBe('training');
    await h.waitFor('training to go on', () => h.maxStep(1) >= pausedAt + 3);

    await h.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it("'stop-sweep' ends that sweep and leaves the run paused", async () => {
    const h = harness();
    await h.init();
    await h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('a step', () => h.maxStep(1) >= 1);
    const sweep = h.handle({ type: 'sweep', id: 6, config: sweepConfig, codeSizes: [2], epochs: 50, trainDigits: 128 });
    await h.waitFor('the sweep to train', () => h.of('sweep-progress').length > 0);
    // Another sweep's id changes nothing.
    await h.handle({ type: 'stop-sweep', id: 5 });
    await sleep(50);
    expect(h.of('sweep-done')).toEqual([]);
    await h.handle({ type: 'stop-sweep', id: 6 });
    await sweep;
    expect(h.of('sweep-done')).toEqual([{ type: 'sweep-done', id: 6, stopped: true }]);
    const pausedAt = h.maxStep(1);
    await sleep(150);
    expect(h.maxStep(1)).toBe(pausedAt);
    expect(h.last('run-state', 1)!.state).toBe('paused');
  });
});
