import { describe, expect, it } from 'vitest';
import { canContinue, initialRunMachine, modelReady, stillDue } from '../../src/training/run-machine';
import { built, config, drive, paused, point, stepDone, types } from '../helpers/run-machine';

describe('starting a run', () => {
  it('start ends any sweep, queues the old model freed and the new one built; nothing is posted while it builds', () => {
    const { state, effects } = drive(initialRunMachine, { type: 'start', runId: 3, config });
    expect(state).toMatchObject({ runId: 3, phase: 'building', pauseOnStart: false });
    expect(effects).toEqual([
      { type: 'stop-sweep' },
      { type: 'enqueue', event: { type: 'dispose' } },
      { type: 'enqueue', runId: 3, event: { type: 'build', runId: 3, config } },
    ]);
    expect(modelReady(state, 3)).toBe(false);
    // A failure now is posted: the run has an id.
    expect(drive(state, { type: 'task-failed', runId: 3, message: 'x' }).effects).toHaveLength(1);
  });

  it('a model from a file is built from its weights and starts paused, its views published', () => {
    const weights = { weightSpecs: [{ name: 'w', shape: [1], dtype: 'float32' }], weightData: new ArrayBuffer(4) };
    const { state, effects } = drive(initialRunMachine, { type: 'start', runId: 2, config, weights });
    expect(state).toMatchObject({ phase: 'building', pauseOnStart: true });
    expect(effects.at(-1)).toEqual({ type: 'enqueue', runId: 2, event: { type: 'build', runId: 2, config, weights } });
    expect(drive(state, { type: 'build', runId: 2, config, weights }).effects).toEqual([
      { type: 'build-model', runId: 2, config, weights },
    ]);
    const built = drive(state, { type: 'model-built', runId: 2 });
    expect(built.state).toMatchObject({ phase: 'paused', hasModel: true });
    expect(types(built.effects)).toEqual(['post-state', 'post-metrics', 'publish-views', 'new-interval']);
    expect(canContinue(built.state)).toBe(true);
  });

  it('build builds the current run only', () => {
    const building = drive(initialRunMachine, { type: 'start', runId: 3, config }).state;
    expect(drive(building, { type: 'build', runId: 3, config }).effects).toEqual([{ type: 'build-model', runId: 3, config }]);
    const replaced = drive(building, { type: 'start', runId: 4, config }).state;
    expect(drive(replaced, { type: 'build', runId: 3, config })).toEqual({ state: replaced, effects: [] });
  });

  it('model built: training, posts state and metrics, publishes all views, then schedules the first step', () => {
    const building = drive(initialRunMachine, { type: 'start', runId: 1, config }, { type: 'dispose' }).state;
    const { state, effects } = drive(building, { type: 'model-built', runId: 1 });
    expect(state).toMatchObject({ phase: 'training', hasModel: true, finished: false, loop: building.loop + 1 });
    expect(effects).toEqual([
      { type: 'post-state', runId: 1, state: 'training' },
      { type: 'post-metrics', runId: 1 },
      { type: 'publish-views', runId: 1, force: true },
      { type: 'new-interval' },
      { type: 'schedule-step', runId: 1, loop: state.loop },
    ]);
    expect(modelReady(state, 1)).toBe(true);
    expect(modelReady(state, 2)).toBe(false);
  });

  it('a Pause while the model is still being built: the run starts paused, with no step scheduled', () => {
    const building = drive(initialRunMachine, { type: 'start', runId: 1, config }).state;
    const pausedEarly = drive(building, { type: 'pause', runId: 1 });
    expect(pausedEarly.effects).toEqual([]);
    expect(pausedEarly.state.pauseOnStart).toBe(true);
    const { state, effects } = drive(pausedEarly.state, { type: 'build', runId: 1, config }, { type: 'model-built', runId: 1 });
    expect(state).toMatchObject({ phase: 'paused', pauseOnStart: false });
    expect(types(effects)).toEqual(['build-model', 'post-state', 'post-metrics', 'publish-views', 'new-interval']);
    expect(effects[1]).toEqual({ type: 'post-state', runId: 1, state: 'paused' });
    // A new start forgets it.
    expect(drive(pausedEarly.state, { type: 'start', runId: 2, config }).state.pauseOnStart).toBe(false);
  });
});

describe('the chain of steps', () => {
  it('a due step of the live chain trains; a step of an old chain, or while paused, does not', () => {
    const s = built();
    expect(drive(s, { type: 'step-due', runId: 1, loop: s.loop }).effects).toEqual([
      { type: 'train-step', runId: 1, single: false, loop: s.loop },
    ]);
    expect(drive(s, { type: 'step-due', runId: 1, loop: s.loop - 1 }).effects).toEqual([]);
    expect(drive(paused(), { type: 'step-due', runId: 1, loop: s.loop }).effects).toEqual([]);
    expect(drive(s, { type: 'step-due', runId: 2, loop: s.loop }).effects).toEqual([]);
  });

  it('a step done records its loss, posts metrics when due, publishes the due views and schedules the next', () => {
    const s = built();
    const { state, effects } = drive(s, stepDone(1, s.loop, 1));
    expect(state).toEqual(s);
    expect(effects).toEqual([
      { type: 'record-step', point: point(1), started: 10, ended: 20, single: false },
      { type: 'post-metrics', runId: 1, dueAt: 20 },
      { type: 'publish-views', runId: 1, force: false },
      { type: 'schedule-step', runId: 1, loop: s.loop },
    ]);
  });

  it('at the end of an epoch: all losses posted, a test pass, then its loss, and the chain goes on', () => {
    const s = built();
    const end = drive(s, stepDone(1, s.loop, 8, { epochDone: true }));
    expect(end.effects.slice(1)).toEqual([
      { type: 'post-metrics', runId: 1, dueAt: 20 },
      { type: 'post-metrics', runId: 1 },
      { type: 'test-pass', runId: 1, single: false, loop: s.loop },
    ]);
    const test = { epoch: 1, step: 8, seconds: 1, total: 0.3, reconstruction: 0.3 };
    const { state, effects } = drive(end.state, { type: 'test-done', runId: 1, single: false, loop: s.loop, finished: false, test });
    expect(state.phase).toBe('training');
    expect(effects).toEqual([
      { type: 'post', reply: { type: 'test-loss', runId: 1, ...test } },
      { type: 'new-interval' },
      { type: 'publish-views', runId: 1, force: false },
      { type: 'schedule-step', runId: 1, loop: s.loop },
    ]);
  });

  it('the last test pass finishes the run: done, its final views, and nothing more to resume or step', () => {
    const s = built();
    const test = { epoch: 2, step: 16, seconds: 1, total: 0.2, reconstruction: 0.2 };
    const { state, effects } = drive(s, stepDone(1, s.loop, 16, { epochDone: true, finished: true }), {
      type: 'test-done',
      runId: 1,
      single: false,
      loop: s.loop,
      finished: true,
      test,
    });
    expect(state).toMatchObject({ phase: 'done', finished: true });
    expect(effects.slice(-4)).toEqual([
      { type: 'post', reply: { type: 'test-loss', runId: 1, ...test } },
      { type: 'new-interval' },
      { type: 'post-state', runId: 1, state: 'done' },
      { type: 'publish-views', runId: 1, force: true },
    ]);
    expect(canContinue(state)).toBe(false);
    expect(drive(state, { type: 'resume', runId: 1 }, { type: 'step', runId: 1 })).toEqual({
      state,
      effects: [{ type: 'stop-sweep' }, { type: 'stop-sweep' }],
    });
    // A resume that arrives during the last test pass finds the model finished too.
    const during = drive(s, stepDone(1, s.loop, 16, { epochDone: true, finished: true }), { type: 'pause', runId: 1 }).state;
    expect(drive(during, { type: 'resume', runId: 1 }).state.phase).toBe('paused');
  });
});

describe('pause, step and resume', () => {
  it('pause: posted at once, then the waiting losses and all views once the step in flight is over', () => {
    const s = built();
    const { state, effects } = drive(s, { type: 'pause', runId: 1 });
    expect(state.phase).toBe('paused');
    expect(effects).toEqual([
      { type: 'post-state', runId: 1, state: 'paused' },
      { type: 'enqueue', runId: 1, event: { type: 'publish-paused', runId: 1 } },
    ]);
    expect(drive(state, { type: 'publish-paused', runId: 1 }).effects).toEqual([
      { type: 'post-metrics', runId: 1 },
      { type: 'publish-views', runId: 1, force: true },
    ]);
    // A second pause, or one for another run, changes nothing.
    expect(drive(state, { type: 'pause', runId: 1 })).toEqual({ state, effects: [] });
    expect(drive(s, { type: 'pause', runId: 2 })).toEqual({ state: s, effects: [] });
    // The chain's scheduled step no longer applies.
    expect(stillDue(state, { type: 'schedule-step', runId: 1, loop: s.loop })).toBe(false);
    expect(stillDue(s, { type: 'schedule-step', runId: 1, loop: s.loop })).toBe(true);
  });

  it('step while paused: one single step, its views forced, no chain', () => {
    const s = paused();
    const queued = drive(s, { type: 'step', runId: 1 });
    expect(queued.effects).toEqual([{ type: 'stop-sweep' }, { type: 'enqueue', runId: 1, event: { type: 'single-step', runId: 1 } }]);
    expect(drive(s, { type: 'single-step', runId: 1 }).effects).toEqual([{ type: 'train-step', runId: 1, single: true }]);
    const done = drive(s, {
      type: 'step-done',
      runId: 1,
      single: true,
      epochDone: false,
      finished: false,
      point: point(4),
      started: 1,
      ended: 2,
    });
    expect(done.effects).toEqual([
      { type: 'record-step', point: point(4), started: 1, ended: 2, single: true },
      { type: 'post-metrics', runId: 1 },
      { type: 'publish-views', runId: 1, force: true },
    ]);
    expect(done.state.phase).toBe('paused');
    // Another run's step: only the sweep ends.
    expect(drive(s, { type: 'step', runId: 2 }).effects).toEqual([{ type: 'stop-sweep' }]);
  });

  it('resume: a new chain, a new throughput interval; the old chain ends', () => {
    const s = paused();
    const { state, effects } = drive(s, { type: 'resume', runId: 1 });
    expect(state).toMatchObject({ phase: 'training', loop: s.loop + 1 });
    expect(effects).toEqual([
      { type: 'stop-sweep' },
      { type: 'new-interval' },
      { type: 'post-state', runId: 1, state: 'training' },
      { type: 'schedule-step', runId: 1, loop: s.loop + 1 },
    ]);
    expect(drive(state, { type: 'step-due', runId: 1, loop: s.loop }).effects).toEqual([]);
    expect(stillDue(state, { type: 'schedule-step', runId: 1, loop: s.loop })).toBe(false);
    // Resume while training changes nothing but the sweep.
    expect(drive(state, { type: 'resume', runId: 1 })).toEqual({ state, effects: [{ type: 'stop-sweep' }] });
  });
});

describe('divergence', () => {
  const diverged = () => drive(built(), { type: 'diverged', runId: 1, message: 'lower the learning rate and Resume' });

  it('stops the chain, posts the losses, the state with the reason, and all views', () => {
    const { state, effects } = diverged();
    expect(state.phase).toBe('diverged');
    expect(effects).toEqual([
      { type: 'post-metrics', runId: 1 },
      { type: 'post-state', runId: 1, state: 'diverged', message: 'lower the learning rate and Resume' },
      { type: 'publish-views', runId: 1, force: true },
    ]);
    expect(stillDue(state, { type: 'schedule-step', runId: 1, loop: state.loop })).toBe(false);
  });

  it('resume after a divergence trains on', () => {
    const { state } = diverged();
    expect(canContinue(state)).toBe(true);
    expect(drive(state, { type: 'resume', runId: 1 }).state.phase).toBe('training');
  });

  it('a step after a divergence pauses the run first, then trains one batch', () => {
    const { state } = diverged();
    expect(types(drive(state, { type: 'step', runId: 1 }).effects)).toEqual(['stop-sweep', 'enqueue']);
    const stepped = drive(state, { type: 'single-step', runId: 1 });
    expect(stepped.state.phase).toBe('paused');
    expect(stepped.effects).toEqual([
      { type: 'post-state', runId: 1, state: 'paused' },
      { type: 'train-step', runId: 1, single: true },
    ]);
  });
});
