/** The training session: failures, pauses and changes to a run in progress. */
import { afterEach, describe, expect, it } from 'vitest';
import { config, harness, resetHarness, sleep, STEPS_PER_EPOCH, TRAIN } from '../helpers/session';

afterEach(resetHarness);

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
    const after = h
      .of('metrics', 12)
      .flatMap((m) => m.points)
      .filter((p) => p.step > diverged.step);
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
