import { describe, expect, it } from 'vitest';
import { applyReply, beginSweep, initialRunView } from '../../src/app/run-state';
import { runPhase } from '../../src/app/run-status';
import { workerStoppedView } from '../../src/app/worker-stopped';
import { DEFAULT_SETTINGS } from '../../src/state/url-state';
import { metrics, points, runningView } from '../helpers/run-view';

const trained = () => applyReply(runningView(), metrics(5, points(1, 30)));

describe('workerStoppedView', () => {
  it('fails a run cut short, keeping its curves and figures, and closes it to Resume; Train is open once the new worker is ready', () => {
    const paused = { ...trained(), state: 'paused' as const };
    const view = workerStoppedView(paused, 'boom', true);
    expect(view).toMatchObject({ runId: 5, runKey: 'model-a', state: 'failed', step: 30, modelLost: true, samplesPerSecond: 0 });
    expect(view.train).toBe(paused.train);
    expect(view.message).toBe(view.workerNotice);
    expect(runPhase(view, 'model-a')).toMatchObject({ canContinue: false, canTrain: false, training: false, hasRun: true });
    const ready = applyReply(applyReply(view, { type: 'loaded', trainCount: 1, testCount: 1, bytes: 1, seconds: 1 }), {
      type: 'backend',
      name: 'wasm',
      reason: 'test',
      threads: 1,
    });
    expect(runPhase(ready, 'model-a').canTrain).toBe(true);
  });

  it('leaves a finished run finished (its model still lost), and a page without a run idle with a shorter notice', () => {
    const done = workerStoppedView({ ...trained(), state: 'done', message: undefined }, 'boom', true);
    expect(done).toMatchObject({ state: 'done', modelLost: true });
    expect(done.message).toBeUndefined();
    const idle = workerStoppedView(initialRunView, 'boom', true);
    expect(idle).toMatchObject({ state: 'idle', modelLost: false });
    expect(idle.workerNotice).toBe('The training worker stopped (boom), and a new one was started. Your settings are unchanged.');
  });

  it('stops a sweep in progress', () => {
    const sweeping = beginSweep(trained(), 7, { ...DEFAULT_SETTINGS }, [2, 4], 1);
    expect(workerStoppedView(sweeping, 'boom', true).sweep).toMatchObject({ id: 7, status: 'stopped', progress: null });
  });

  it('when no new worker is started, asks for Retry in the load message and shows no restart notice', () => {
    const view = workerStoppedView(trained(), 'boom', false);
    expect(view).toMatchObject({ state: 'failed', workerNotice: null, message: undefined, backend: { name: null, reason: 'stopped' } });
    expect(view.load).toMatchObject({ status: 'error' });
    expect(view.load.message).toMatch(/^The training worker stopped again \(boom\), after 3 restarts.*Press Retry to start it again\.$/);
  });
});
