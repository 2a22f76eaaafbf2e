import { describe, expect, it } from 'vitest';
import { initialRunView, type RunView } from '../../src/app/run-state';
import {
  announcement,
  backendLine,
  formatDuration,
  lossUnit,
  nextStepText,
  runPhase,
  scheduleNote,
  statusText,
} from '../../src/app/run-status';
import { testConfig } from '../helpers/config';

const ready: RunView = {
  ...initialRunView,
  load: { status: 'ready', loaded: 1, total: 1 },
  backend: { name: 'wasm', reason: 'no GPU' },
};

/** A run at `step` of 4,680 (468 per epoch), with one training loss. */
const running = (state: RunView['state'], step = 100, extra: Partial<RunView> = {}): RunView => ({
  ...ready,
  state,
  step,
  epoch: Math.floor(step / 468),
  stepsPerEpoch: 468,
  totalSteps: 4680,
  train: { step: [step], total: [0.123456], reconstruction: [0.1], penalty: [] },
  ...extra,
});

const settings = { epochs: 10, batchSize: 128 };

describe('formatDuration', () => {
  it('gives seconds under 90 s, at least 1 s', () => {
    expect(formatDuration(0.2)).toBe('1 s');
    expect(formatDuration(40.4)).toBe('40 s');
    expect(formatDuration(89)).toBe('89 s');
  });
  it('gives minutes under 90 min, then hours and minutes', () => {
    expect(formatDuration(90)).toBe('2 min');
    expect(formatDuration(12 * 60)).toBe('12 min');
    expect(formatDuration(125 * 60)).toBe('2 h 5 min');
  });
});

describe('statusText', () => {
  it('says the data is loading before anything runs', () => {
    expect(statusText(initialRunView, settings)).toBe('loading the images');
  });
  it('says the data failed, and invites to train once data and backend are ready', () => {
    expect(statusText({ ...initialRunView, load: { status: 'error', loaded: 0, total: 1 } }, settings)).toBe('the images failed to load');
    expect(statusText(ready, settings)).toBe('ready to train');
    expect(statusText({ ...ready, backend: { name: null, reason: '' } }, settings)).toBe('starting the maths engine');
  });
  it('shows epoch 0 while the model is built, from the page’s epochs', () => {
    const view = { ...ready, state: 'starting' as const };
    expect(statusText(view, settings)).toBe('epoch 0/10 · step 0 · building the model');
  });
  it('says a GPU backend is preparing until its first step is done, not that it is frozen', () => {
    const gpu = { ...ready, backend: { name: 'webgpu', reason: '' }, state: 'training' as const };
    expect(statusText(gpu, settings)).toMatch(/preparing webgpu: compiling its programs for this model/);
    expect(statusText({ ...gpu, step: 1 }, settings)).not.toMatch(/preparing/);
    expect(statusText({ ...ready, state: 'training' as const }, settings)).not.toMatch(/preparing/);
  });
  it('gives epoch, step, loss, speed and time left while training', () => {
    // 4,580 steps of 128 digits at 12,800 samples/s: 45.8 s.
    const view = running('training', 100, { samplesPerSecond: 12_800 });
    expect(statusText(view, settings)).toBe('epoch 1/10 · step 100/4680 · loss 0.1235 · 12,800 images/s · about 46 s left · training');
  });
  it('takes the batch size from the run, not from the page', () => {
    const view = running('training', 100, { samplesPerSecond: 12_800, runConfig: testConfig({ batchSize: 256 }) });
    expect(statusText(view, settings)).toContain('about 2 min left');
  });
  it('gives no speed when paused, and the last epoch when done', () => {
    expect(statusText(running('paused', 500, { samplesPerSecond: 1000 }), settings)).toBe(
      'epoch 2/10 · step 500/4680 · loss 0.1235 · paused',
    );
    expect(statusText(running('done', 4680), settings)).toBe('epoch 10/10 · step 4680/4680 · loss 0.1235 · done');
  });
});

describe('announcement', () => {
  it('announces changes of state only', () => {
    expect(announcement(initialRunView)).toBe('');
    expect(announcement(ready)).toBe('Ready to train.');
    expect(announcement({ ...ready, state: 'starting' })).toBe('Building the model.');
    expect(announcement(running('training'))).toBe('Training.');
    expect(announcement(running('paused', 42))).toBe('Paused at step 42, loss 0.123.');
  });
  it('gives the test loss at the end, and the message of a failed run', () => {
    const test = [{ epoch: 10, step: 4680, seconds: 1, total: 0.0912, reconstruction: 0.0912 }];
    expect(announcement(running('done', 4680, { test }))).toBe('Training finished at step 4680, loss 0.123; test loss 0.091.');
    expect(announcement(running('diverged', 7, { message: 'The loss diverged.' }))).toBe('The loss diverged.');
    expect(announcement(running('failed'))).toBe('Training stopped.');
  });
});

describe('lossUnit', () => {
  it('names the loss per pixel, and the clean target of a denoiser', () => {
    expect(lossUnit({ kind: 'vanilla', loss: 'bce' })).toBe('binary cross-entropy per pixel');
    expect(lossUnit({ kind: 'deep', loss: 'mse' })).toBe('mean squared error per pixel');
    expect(lossUnit({ kind: 'denoising', loss: 'mse' })).toBe('mean squared error per pixel, noisy input vs clean image');
  });
  it('adds the L1 penalty of a sparse code, for the kinds that take one', () => {
    expect(lossUnit({ kind: 'vanilla', loss: 'bce', sparsity: 0.03 })).toBe(
      'binary cross-entropy per pixel, + 0.03·L1 (the code’s mean |value|)',
    );
    expect(lossUnit({ kind: 'conv', loss: 'bce', sparsity: 0.03 })).toBe('binary cross-entropy per pixel');
  });
  it('gives the VAE’s loss per image with its KL term', () => {
    expect(lossUnit({ kind: 'vae', loss: 'bce' })).toMatch(/^negative ELBO in nats per image/);
    expect(lossUnit({ kind: 'vae', loss: 'mse' })).toMatch(/^per image: reconstruction \(squared error/);
  });
});

describe('runPhase', () => {
  const mine = { runKey: 'model A' };
  it('has no run, and can train once data and backend are ready', () => {
    expect(runPhase(initialRunView, 'model A')).toEqual({
      stale: false,
      training: false,
      canContinue: false,
      canTrain: false,
      hasRun: false,
    });
    expect(runPhase(ready, 'model A').canTrain).toBe(true);
  });
  it('trains, and continues when paused or diverged, with the page’s own model', () => {
    expect(runPhase({ ...ready, ...mine, state: 'starting' }, 'model A')).toMatchObject({
      training: true,
      canContinue: false,
      hasRun: true,
    });
    expect(runPhase(running('training', 1, mine), 'model A')).toMatchObject({ stale: false, training: true, canContinue: false });
    expect(runPhase(running('paused', 1, mine), 'model A')).toMatchObject({ training: false, canContinue: true });
    expect(runPhase(running('diverged', 1, mine), 'model A')).toMatchObject({ training: false, canContinue: true });
    expect(runPhase(running('done', 1, mine), 'model A')).toMatchObject({ training: false, canContinue: false, hasRun: true });
  });
  it('is stale when the model settings changed: neither training nor able to continue', () => {
    for (const state of ['training', 'paused', 'diverged', 'done'] as const) {
      expect(runPhase(running(state, 1, mine), 'model B'), state).toMatchObject({ stale: true, training: false, canContinue: false });
    }
  });
});

describe('backendLine', () => {
  it('names the backend and says in plain words where it computes', () => {
    expect(backendLine(ready)).toBe('Computed with wasm (WebAssembly, on your processor)');
    expect(backendLine({ ...ready, backend: { name: 'webgl', reason: '' } })).toBe('Computed with webgl (WebGL, on your graphics card)');
    expect(backendLine(initialRunView)).toBe('Starting the maths engine…');
  });

  it("gives WASM's threads when it has more than one", () => {
    expect(backendLine({ ...ready, backend: { name: 'wasm', reason: '', threads: 2 } })).toBe(
      'Computed with wasm on 2 threads (WebAssembly, on your processor)',
    );
    expect(backendLine({ ...ready, backend: { name: 'wasm', reason: '', threads: 1 } })).toBe(
      'Computed with wasm (WebAssembly, on your processor)',
    );
  });
});

describe('nextStepText', () => {
  const mine = { runKey: 'model A' };
  const say = (view: RunView, key = 'model A') => nextStepText(view, runPhase(view, key));
  it('says what to press first, once the page can train', () => {
    expect(say(initialRunView)).toMatch(/^Loading 70,000 small images/);
    expect(say(ready)).toMatch(/^Start here: press Train\./);
    expect(say({ ...initialRunView, load: { status: 'error', loaded: 0, total: 1 } })).toMatch(/press Retry/);
  });
  it('follows the run, and points at the questions once it has finished', () => {
    expect(say(running('training', 5, mine))).toMatch(/^Training:/);
    expect(say(running('paused', 5, mine))).toMatch(/^Paused\. Resume goes on from here; Step trains one batch/);
    expect(say(running('done', 4680, mine))).toMatch(/^Finished\. Ask the model questions below/);
  });
  it('says that Train makes a new model once a setting changed', () => {
    expect(say(running('done', 4680, mine), 'model B')).toMatch(
      /^The settings changed: the views still show the model trained with the previous ones\. Press Train for a new model/,
    );
  });
});

describe('scheduleNote', () => {
  const runConfig = testConfig({ learningRate: 0.002 });
  it('says nothing of a run that kept its learning rate', () => {
    expect(scheduleNote({ runConfig, scheduleChanges: [] })).toBeNull();
  });

  it('names each rate and the step it began, and says a link cannot replay it', () => {
    const one = scheduleNote({ runConfig, scheduleChanges: [{ step: 1404, learningRate: 0.0005 }] });
    expect(one).toMatch(/\(0\.002 until step 1,404, then 0\.0005\)/);
    expect(one).toMatch(/trains with 0\.0005 from the start, so it cannot replay this run exactly/);
    const two = scheduleNote({
      runConfig,
      scheduleChanges: [
        { step: 100, learningRate: 0.001 },
        { step: 250, learningRate: 0.0005 },
      ],
    });
    expect(two).toMatch(/\(0\.002 until step 100, 0\.001 until step 250, then 0\.0005\)/);
  });
});
