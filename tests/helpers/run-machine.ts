/** Driving the pure run machine in tests: events in, the last state and every effect out. */
import { initialRunMachine, runTransition, type RunEffect, type RunEvent, type RunMachineState } from '../../src/training/run-machine';
import { testConfig } from './config';

export const config = testConfig();
export const point = (step: number) => ({ step, total: 0.5, reconstruction: 0.5 });

/** Feeds events in order; returns the last state and every effect. */
export function drive(from: RunMachineState, ...events: RunEvent[]): { state: RunMachineState; effects: RunEffect[] } {
  let state = from;
  const effects: RunEffect[] = [];
  for (const event of events) {
    const next = runTransition(state, event);
    state = next.state;
    effects.push(...next.effects);
  }
  return { state, effects };
}

export const types = (effects: RunEffect[]) => effects.map((e) => e.type);

/** Run `runId`, its model built, training. */
export function built(runId = 1): RunMachineState {
  const events: RunEvent[] = [
    { type: 'start', runId, config },
    { type: 'dispose' },
    { type: 'build', runId, config },
    { type: 'model-built', runId },
  ];
  return drive(initialRunMachine, ...events).state;
}

export const paused = (runId = 1) => drive(built(runId), { type: 'pause', runId }).state;
export const stepDone = (
  runId: number,
  loop: number,
  step: number,
  extra: Partial<Extract<RunEvent, { type: 'step-done' }>> = {},
): RunEvent =>
  ({
    type: 'step-done',
    runId,
    single: false,
    loop,
    epochDone: false,
    finished: false,
    point: point(step),
    started: 10,
    ended: 20,
    ...extra,
  }) as RunEvent;
