/**
 * The training worker's run as a state machine: one pure function from a
 * state and an event to the next state and the effects to perform. Events
 * are the page's requests about the run and the outcomes of the work they
 * start; effects are plain data, performed in order by the session
 * (session.ts), which feeds the outcomes back in.
 *
 * Work on the model waits in one queue: an 'enqueue' effect names the event
 * to handle when its turn comes, so that the state it sees is the state of
 * that moment. Events of a run that has since been replaced are ignored.
 */
import type { WorkerReply } from './protocol';
import {
  initialRunMachine,
  type RunEffect,
  type RunEvent,
  type RunMachineState,
  type RunPhase,
  type StepKind,
  type TestLoss,
  type Transition,
} from './run-events';

export { initialRunMachine };
export type { RunEffect, RunEvent, RunMachineState, RunPhase, StepKind, TestLoss, Transition };

/** Paused, or stopped by a divergence (weights restored), with epochs left. */
export function canContinue(s: RunMachineState): boolean {
  return (s.phase === 'paused' || s.phase === 'diverged') && s.hasModel && !s.finished;
}

/** Whether run `runId` has a model to answer questions (its build is over). */
export function modelReady(s: RunMachineState, runId: number): boolean {
  return runId === s.runId && s.phase !== 'idle' && s.phase !== 'building';
}

/** Whether an effect computed earlier still applies now (checked just before it is performed). */
export function stillDue(s: RunMachineState, effect: RunEffect): boolean {
  switch (effect.type) {
    case 'schedule-step':
      return effect.runId === s.runId && s.phase === 'training' && effect.loop === s.loop;
    case 'publish-views':
      return effect.runId === s.runId;
    default:
      return true;
  }
}

/** Why a run stopped, and what to do about it. */
export function failureMessage(message: string): string {
  const hint = /context.*lost|lost.*context/i.test(message)
    ? ' The GPU context was lost: choose the WebAssembly backend, or reload the page.'
    : ' Press Train to start again, or choose another backend.';
  return `Training stopped: ${message}.${hint}`;
}

const nothing = (state: RunMachineState): Transition => ({ state, effects: [] });

/** Ends the current run at once; its model is freed by the next queued task. */
function cancel(s: RunMachineState): Transition {
  return { state: { ...s, phase: 'idle', runId: -1, pauseOnStart: false }, effects: [{ type: 'enqueue', event: { type: 'dispose' } }] };
}

function postState(s: RunMachineState, message?: string): RunEffect[] {
  if (s.phase === 'idle' || s.phase === 'building') return [];
  return [{ type: 'post-state', runId: s.runId, state: s.phase, ...(message ? { message } : {}) }];
}

/** The end of a step: views forced for a single step; a chain goes on. */
function stepEnd(runId: number, kind: StepKind): RunEffect[] {
  const effects: RunEffect[] = [{ type: 'publish-views', runId, force: kind.single }];
  if (!kind.single) effects.push({ type: 'schedule-step', runId, loop: kind.loop });
  return effects;
}

const stepKind = (e: StepKind): StepKind => (e.single ? { single: true } : { single: false, loop: e.loop });

export function runTransition(s: RunMachineState, e: RunEvent): Transition {
  switch (e.type) {
    case 'start': {
      const { state, effects } = cancel(s);
      return {
        // A model from a file starts paused: the page shows it as it was saved.
        state: { ...state, runId: e.runId, phase: 'building', pauseOnStart: Boolean(e.weights) },
        effects: [
          { type: 'stop-sweep' },
          ...effects,
          { type: 'enqueue', runId: e.runId, event: { type: 'build', runId: e.runId, config: e.config, weights: e.weights } },
        ],
      };
    }
    case 'reset': {
      const { state, effects } = cancel(s);
      return { state, effects: [{ type: 'stop-sweep' }, ...effects] };
    }
    case 'set-backend': {
      const { state, effects } = cancel(s);
      return {
        state,
        effects: [{ type: 'stop-sweep' }, ...effects, { type: 'enqueue', event: { type: 'switch-backend', backend: e.backend } }],
      };
    }
    case 'pause':
      if (e.runId !== s.runId) return nothing(s);
      if (s.phase === 'building') return nothing({ ...s, pauseOnStart: true });
      if (s.phase !== 'training') return nothing(s);
      {
        const state: RunMachineState = { ...s, phase: 'paused' };
        // Posted at once: the page learns of the pause even if a step is in flight.
        return {
          state,
          effects: [...postState(state), { type: 'enqueue', runId: e.runId, event: { type: 'publish-paused', runId: e.runId } }],
        };
      }
    case 'resume': {
      if (e.runId !== s.runId || !canContinue(s)) return { state: s, effects: [{ type: 'stop-sweep' }] };
      const state: RunMachineState = { ...s, phase: 'training', loop: s.loop + 1 };
      return {
        state,
        effects: [
          { type: 'stop-sweep' },
          { type: 'new-interval' },
          ...postState(state),
          { type: 'schedule-step', runId: e.runId, loop: state.loop },
        ],
      };
    }
    case 'step': {
      const effects: RunEffect[] = [{ type: 'stop-sweep' }];
      if (e.runId === s.runId && canContinue(s))
        effects.push({ type: 'enqueue', runId: e.runId, event: { type: 'single-step', runId: e.runId } });
      return { state: s, effects };
    }
    case 'update-training':
      if (e.runId !== s.runId) return nothing(s);
      return { state: s, effects: [{ type: 'enqueue', runId: e.runId, event: { ...e, type: 'apply-training' } }] };
    case 'sweep-starting': {
      // Only one model trains at a time.
      if (s.phase !== 'training') return nothing(s);
      const state: RunMachineState = { ...s, phase: 'paused' };
      return { state, effects: postState(state) };
    }
    case 'dispose':
      return { state: { ...s, hasModel: false }, effects: [{ type: 'dispose-trainer' }] };
    case 'switch-backend':
      return { state: { ...s, hasModel: false }, effects: [{ type: 'dispose-trainer' }, { type: 'start-backend', backend: e.backend }] };
    case 'task-failed':
      if (e.runId !== undefined && e.runId !== s.runId) return nothing(s);
      if (e.runId === undefined || e.runId < 0)
        return { state: s, effects: [{ type: 'post', reply: { type: 'backend-error', message: e.message } }] };
      {
        const state: RunMachineState = { ...s, phase: 'failed' };
        return { state, effects: postState(state, failureMessage(e.message)) };
      }
    default:
      // The rest concern one run: a replaced run's are ignored.
      return e.runId === s.runId ? runWork(s, e) : nothing(s);
  }
}

type WorkEvent = Extract<
  RunEvent,
  {
    runId: number;
    type:
      | 'build'
      | 'publish-paused'
      | 'single-step'
      | 'apply-training'
      | 'step-due'
      | 'model-built'
      | 'step-done'
      | 'diverged'
      | 'test-done'
      | 'training-updated';
  }
>;

/** Queued work of the current run, and its outcomes. */
function runWork(s: RunMachineState, e: WorkEvent): Transition {
  const { runId } = e;
  switch (e.type) {
    case 'build':
      return { state: s, effects: [{ type: 'build-model', runId, config: e.config, weights: e.weights }] };
    case 'model-built': {
      const training = !s.pauseOnStart;
      const state: RunMachineState = {
        ...s,
        phase: training ? 'training' : 'paused',
        pauseOnStart: false,
        hasModel: true,
        finished: false,
        loop: s.loop + (training ? 1 : 0),
      };
      const effects: RunEffect[] = [
        ...postState(state),
        { type: 'post-metrics', runId },
        { type: 'publish-views', runId, force: true },
        { type: 'new-interval' },
      ];
      if (training) effects.push({ type: 'schedule-step', runId, loop: state.loop });
      return { state, effects };
    }
    case 'publish-paused':
      return {
        state: s,
        effects: [
          { type: 'post-metrics', runId },
          { type: 'publish-views', runId, force: true },
        ],
      };
    case 'single-step': {
      const state: RunMachineState = s.phase === 'diverged' ? { ...s, phase: 'paused' } : s;
      const effects: RunEffect[] = state === s ? [] : postState(state);
      if (s.hasModel && !s.finished) effects.push({ type: 'train-step', runId, single: true });
      return { state, effects };
    }
    case 'step-due':
      if (s.phase !== 'training' || e.loop !== s.loop || !s.hasModel || s.finished) return nothing(s);
      return { state: s, effects: [{ type: 'train-step', runId, single: false, loop: e.loop }] };
    case 'diverged': {
      const state: RunMachineState = { ...s, phase: 'diverged' };
      return {
        state,
        effects: [{ type: 'post-metrics', runId }, ...postState(state, e.message), { type: 'publish-views', runId, force: true }],
      };
    }
    case 'step-done': {
      const state: RunMachineState = { ...s, finished: e.finished };
      const effects: RunEffect[] = [
        { type: 'record-step', point: e.point, started: e.started, ended: e.ended, single: e.single },
        e.single ? { type: 'post-metrics', runId } : { type: 'post-metrics', runId, dueAt: e.ended },
      ];
      // At the end of an epoch: the test pass, then the step's end.
      if (e.epochDone) effects.push({ type: 'post-metrics', runId }, { type: 'test-pass', runId, ...stepKind(e) });
      else effects.push(...stepEnd(runId, e));
      return { state, effects };
    }
    case 'test-done': {
      const reply: WorkerReply = { type: 'test-loss', runId, ...e.test };
      // The test pass is not training time.
      const effects: RunEffect[] = [{ type: 'post', reply }, { type: 'new-interval' }];
      if (!e.finished) return { state: { ...s, finished: false }, effects: [...effects, ...stepEnd(runId, e)] };
      // The run ends here: its views show its final weights.
      const state: RunMachineState = { ...s, phase: 'done', finished: true };
      return { state, effects: [...effects, ...postState(state), { type: 'publish-views', runId, force: true }] };
    }
    case 'apply-training':
      if (!s.hasModel) return nothing(s);
      return { state: s, effects: [{ type: 'set-training', runId, learningRate: e.learningRate, epochs: e.epochs }] };
    case 'training-updated': {
      const metrics: RunEffect = { type: 'post-metrics', runId };
      if (s.phase === 'done' && !e.finished) {
        const state: RunMachineState = { ...s, phase: 'paused', finished: false };
        return { state, effects: [metrics, ...postState(state)] };
      }
      if (s.phase !== 'done' && e.finished) {
        // The run ends here: its views show its final weights, as at any other end.
        const state: RunMachineState = { ...s, phase: 'done', finished: true };
        return { state, effects: [metrics, ...postState(state), { type: 'publish-views', runId, force: true }] };
      }
      return { state: { ...s, finished: e.finished }, effects: [metrics, ...postState(s)] };
    }
  }
}
