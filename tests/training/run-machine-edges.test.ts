import { describe, expect, it } from 'vitest';
import {
  failureMessage,
  initialRunMachine,
  modelReady,
  runTransition,
  stillDue,
  type RunEvent,
  type RunMachineState,
} from '../../src/training/run-machine';
import { built, config, drive, paused, point, stepDone } from '../helpers/run-machine';

const done = (runId = 1) => {
  const s = built(runId);
  const test = { epoch: 1, step: 8, seconds: 1, total: 0.2, reconstruction: 0.2 };
  return drive(s, stepDone(runId, s.loop, 8, { epochDone: true, finished: true }), {
    type: 'test-done',
    runId,
    single: false,
    loop: s.loop,
    finished: true,
    test,
  }).state;
};

describe('update-training', () => {
  const update: RunEvent = { type: 'update-training', runId: 1, learningRate: 0.001, epochs: 4 };

  it('is queued for the current run only, and applied if the run has a model', () => {
    expect(drive(built(), update).effects).toEqual([{ type: 'enqueue', runId: 1, event: { ...update, type: 'apply-training' } }]);
    expect(drive(built(), { ...update, runId: 2 }).effects).toEqual([]);
    const apply: RunEvent = { type: 'apply-training', runId: 1, learningRate: 0.001, epochs: 4 };
    expect(drive(built(), apply).effects).toEqual([{ type: 'set-training', runId: 1, learningRate: 0.001, epochs: 4 }]);
    // A build that failed left no model to change.
    const failed = drive(
      initialRunMachine,
      { type: 'start', runId: 1, config },
      { type: 'dispose' },
      { type: 'task-failed', runId: 1, message: 'x' },
    ).state;
    expect(drive(failed, apply).effects).toEqual([]);
  });

  it('more epochs make a done run paused, and Resume continues it', () => {
    const { state, effects } = drive(done(), { type: 'training-updated', runId: 1, finished: false });
    expect(state).toMatchObject({ phase: 'paused', finished: false });
    expect(effects).toEqual([
      { type: 'post-metrics', runId: 1 },
      { type: 'post-state', runId: 1, state: 'paused' },
    ]);
    expect(drive(state, { type: 'resume', runId: 1 }).state.phase).toBe('training');
  });

  it('fewer epochs end a running run: done, and its final views', () => {
    const { state, effects } = drive(built(), { type: 'training-updated', runId: 1, finished: true });
    expect(state).toMatchObject({ phase: 'done', finished: true });
    expect(effects).toEqual([
      { type: 'post-metrics', runId: 1 },
      { type: 'post-state', runId: 1, state: 'done' },
      { type: 'publish-views', runId: 1, force: true },
    ]);
    expect(stillDue(state, { type: 'schedule-step', runId: 1, loop: state.loop })).toBe(false);
  });

  it('otherwise the state stays, and the new counters are posted', () => {
    const s = paused();
    expect(drive(s, { type: 'training-updated', runId: 1, finished: false })).toEqual({
      state: s,
      effects: [
        { type: 'post-metrics', runId: 1 },
        { type: 'post-state', runId: 1, state: 'paused' },
      ],
    });
    const d = done();
    expect(drive(d, { type: 'training-updated', runId: 1, finished: true }).state.phase).toBe('done');
  });
});

describe('a replaced run', () => {
  it('a new start ends the old run at once: its outcomes and requests are ignored', () => {
    const old = built(1);
    const s = drive(old, { type: 'start', runId: 2, config }).state;
    const stale: RunEvent[] = [
      stepDone(1, old.loop, 5),
      { type: 'diverged', runId: 1, message: 'x' },
      {
        type: 'test-done',
        runId: 1,
        single: false,
        loop: old.loop,
        finished: true,
        test: { epoch: 1, step: 8, seconds: 1, total: 1, reconstruction: 1 },
      },
      { type: 'model-built', runId: 1 },
      { type: 'step-due', runId: 1, loop: old.loop },
      { type: 'publish-paused', runId: 1 },
      { type: 'single-step', runId: 1 },
      { type: 'apply-training', runId: 1, learningRate: 1, epochs: 1 },
      { type: 'training-updated', runId: 1, finished: true },
      { type: 'pause', runId: 1 },
      { type: 'update-training', runId: 1, learningRate: 1, epochs: 1 },
    ];
    for (const event of stale) expect(runTransition(s, event), event.type).toEqual({ state: s, effects: [] });
    expect(stillDue(s, { type: 'publish-views', runId: 1, force: true })).toBe(false);
    expect(stillDue(s, { type: 'publish-views', runId: 2, force: true })).toBe(true);
    expect(modelReady(s, 1)).toBe(false);
  });

  it("errors of a replaced run are dropped; the current run's fail it", () => {
    const s = drive(built(1), { type: 'start', runId: 2, config }).state;
    expect(drive(s, { type: 'task-failed', runId: 1, message: 'boom' })).toEqual({ state: s, effects: [] });
    const { state, effects } = drive(s, { type: 'task-failed', runId: 2, message: 'the batch size is larger than the training set' });
    expect(state.phase).toBe('failed');
    expect(effects).toEqual([
      {
        type: 'post-state',
        runId: 2,
        state: 'failed',
        message: 'Training stopped: the batch size is larger than the training set. Press Train to start again, or choose another backend.',
      },
    ]);
  });
});

describe('failures', () => {
  it('a lost GPU context says to choose WebAssembly or reload', () => {
    for (const message of ['WebGL context lost', 'the context was lost']) {
      expect(failureMessage(message)).toBe(
        `Training stopped: ${message}. The GPU context was lost: choose the WebAssembly backend, or reload the page.`,
      );
    }
    const { effects } = drive(built(), { type: 'task-failed', runId: 1, message: 'CONTEXT_LOST: webgl context lost' });
    expect(effects[0]).toMatchObject({ type: 'post-state', state: 'failed', message: expect.stringMatching(/WebAssembly backend/) });
  });

  it('an error of untagged work (the backend, freeing a model) is a backend error', () => {
    const idle = drive(built(), { type: 'reset' }).state;
    for (const [s, runId] of [
      [built(), undefined],
      [idle, undefined],
      [idle, -1],
    ] as const) {
      expect(drive(s, { type: 'task-failed', runId, message: 'no backend' })).toEqual({
        state: s,
        effects: [{ type: 'post', reply: { type: 'backend-error', message: 'no backend' } }],
      });
    }
    // Tagged -1 while a run is current: not that run's, dropped.
    expect(drive(built(), { type: 'task-failed', runId: -1, message: 'x' }).effects).toEqual([]);
  });

  it('a failed run does not train on', () => {
    const { state } = drive(built(), { type: 'task-failed', runId: 1, message: 'x' });
    expect(stillDue(state, { type: 'schedule-step', runId: 1, loop: state.loop })).toBe(false);
    expect(drive(state, { type: 'resume', runId: 1 }).effects).toEqual([{ type: 'stop-sweep' }]);
  });
});

describe('reset, backend and sweep', () => {
  it('reset ends the sweep and the run; the model is freed in turn; nothing of the old run continues', () => {
    const { state, effects } = drive(built(), { type: 'reset' });
    expect(state).toMatchObject({ runId: -1, phase: 'idle' });
    expect(effects).toEqual([{ type: 'stop-sweep' }, { type: 'enqueue', event: { type: 'dispose' } }]);
    const freed = drive(state, { type: 'dispose' });
    expect(freed.state.hasModel).toBe(false);
    expect(freed.effects).toEqual([{ type: 'dispose-trainer' }]);
    expect(drive(freed.state, { type: 'resume', runId: 1 }, { type: 'step', runId: 1 }).effects).toEqual([
      { type: 'stop-sweep' },
      { type: 'stop-sweep' },
    ]);
  });

  it('set-backend ends the run, then frees the model and starts the backend', () => {
    const { state, effects } = drive(paused(), { type: 'set-backend', backend: 'webgl' });
    expect(state.phase).toBe('idle');
    expect(effects).toEqual([
      { type: 'stop-sweep' },
      { type: 'enqueue', event: { type: 'dispose' } },
      { type: 'enqueue', event: { type: 'switch-backend', backend: 'webgl' } },
    ]);
    const switched = drive(state, { type: 'switch-backend', backend: 'webgl' });
    expect(switched.effects).toEqual([{ type: 'dispose-trainer' }, { type: 'start-backend', backend: 'webgl' }]);
    expect(switched.state.hasModel).toBe(false);
  });

  it('a sweep pauses the run in training (and says so), and leaves any other run as it is', () => {
    const { state, effects } = drive(built(), { type: 'sweep-starting' });
    expect(state.phase).toBe('paused');
    expect(effects).toEqual([{ type: 'post-state', runId: 1, state: 'paused' }]);
    for (const s of [paused(), initialRunMachine]) expect(drive(s, { type: 'sweep-starting' })).toEqual({ state: s, effects: [] });
  });
});

describe('purity', () => {
  it('never changes the state it is given', () => {
    const deepFreeze = (s: RunMachineState) => Object.freeze({ ...s });
    const s = deepFreeze(built());
    const events: RunEvent[] = [
      { type: 'pause', runId: 1 },
      { type: 'resume', runId: 1 },
      { type: 'start', runId: 2, config },
      { type: 'model-built', runId: 1 },
      { type: 'diverged', runId: 1, message: 'x' },
      { type: 'task-failed', runId: 1, message: 'x' },
      { type: 'training-updated', runId: 1, finished: true },
      { type: 'sweep-starting' },
      { type: 'reset' },
      { type: 'dispose' },
      { type: 'step-done', runId: 1, single: true, epochDone: false, finished: false, point: point(1), started: 0, ended: 1 },
    ];
    const before = { ...s };
    for (const event of events) runTransition(s, event);
    expect(s).toEqual(before);
  });
});
