/** The training session: questions to the model and the code-size sweep, beside a run. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../src/model/config';
import type { ExploreResult } from '../../src/training/protocol';
import { config, harness, resetHarness, sleep, TEST } from '../helpers/session';
import { trackTensors } from '../helpers/tensors';

afterEach(resetHarness);

describe('questions to the model and the code-size sweep', () => {
  const sweepConfig: ExperimentConfig = { ...config, codeSize: 2, hidden: [32] };

  it("an explore for the current run is answered with 'explored'; for another run with 'explore-error'", async () => {
    const h = harness();
    await h.init();
    // Before any run there is no model to ask.
    await h.handle({ type: 'explore', id: 1, runId: 1, query: { kind: 'digits', indices: [0] } });
    expect(h.last('explore-error')).toEqual({
      type: 'explore-error',
      id: 1,
      runId: 1,
      message: expect.stringMatching(/press Train first/),
    });

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
    expect(h.last('explore-error')).toEqual({
      type: 'explore-error',
      id: 3,
      runId: 2,
      message: expect.stringMatching(/press Train first/),
    });
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
    const tensors = trackTensors();
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
    tensors.expectUnchanged();
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

  it('the model saved as a file starts a new run from its weights, paused, with the same reconstructions', async () => {
    const h = harness();
    await h.init();
    await h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('a few steps', () => h.maxStep(1) >= 5);
    await h.handle({ type: 'pause', runId: 1 });
    await h.waitFor('the paused views', () => h.last('reconstructions', 1)?.step === h.maxStep(1));
    const saved = h.last('reconstructions', 1)!.outputs;
    await h.handle({ type: 'explore', id: 1, runId: 1, query: { kind: 'export-model' } });
    const file = h.last('explored')!.result as Extract<ExploreResult, { kind: 'export-model' }>;
    expect(file.kind).toBe('export-model');
    expect(file.weightSpecs.length).toBeGreaterThan(0);

    const tensors = trackTensors();
    await h.handle({ type: 'start', runId: 2, config, weights: { weightSpecs: file.weightSpecs, weightData: file.weightData } });
    await h.waitFor('the loaded views', () => h.of('reconstructions', 2).length > 0);
    expect(h.of('run-state', 2).map((r) => r.state)).toEqual(['paused']);
    expect(h.last('reconstructions', 2)!.outputs).toEqual(saved);
    // Paused at step 0: Resume trains it on.
    await h.handle({ type: 'resume', runId: 2 });
    await h.waitFor('steps of the loaded model', () => h.maxStep(2) >= 2);
    await h.handle({ type: 'reset' });
    await sleep(20);
    // The first run's model and the loaded one are both freed.
    expect(tensors.delta()).toBeLessThanOrEqual(0);
  });
});
