/**
 * What the page shows once its training worker has died (worker-watch.ts):
 * a pure function of the run's view, so it is tested without a browser.
 *
 * The run on screen keeps its curves, its epoch and step figures and its
 * settings; it stays in Your runs. Its model does not survive: it lived in
 * the worker. So a run that was training, being built or paused is marked
 * failed (a finished run stays finished), the model's questions and files
 * are closed to it, and Train starts a new run with the page's settings.
 * The new worker loads the images again before it can train.
 */
import type { RunView } from './run-state';
import { MAX_RESTARTS } from './worker-watch';

/** The sentence under the title after a restart. */
export function restartNotice(reason: string, hadRun: boolean): string {
  const stopped = `The training worker stopped (${reason}), and a new one was started.`;
  if (!hadRun) return `${stopped} Your settings are unchanged.`;
  return (
    `${stopped} The run's curves and figures stay here and in Your runs, and your settings are unchanged, ` +
    'but its model was lost with the worker: press Train to train again.'
  );
}

/** The message beside Retry once the worker has stopped too often to be restarted by itself. */
export function giveUpNotice(reason: string): string {
  return (
    `The training worker stopped again (${reason}), after ${MAX_RESTARTS} restarts in a few minutes, so it was not started again. ` +
    "The run's curves and your settings are kept. Press Retry to start it again."
  );
}

/** The view once the worker has stopped for `reason`: `restarted` if a new one is on its way. */
export function workerStoppedView(view: RunView, reason: string, restarted: boolean): RunView {
  const hadRun = view.state !== 'idle';
  // A run with a model in the worker was cut short; a finished (or already failed) one keeps its outcome.
  const cut = view.state === 'training' || view.state === 'starting' || view.state === 'paused' || view.state === 'diverged';
  const notice = restarted ? restartNotice(reason, hadRun) : null;
  const sweep = view.sweep;
  return {
    ...view,
    state: cut ? 'failed' : view.state,
    message: cut ? (notice ?? undefined) : view.message,
    samplesPerSecond: cut ? 0 : view.samplesPerSecond,
    modelLost: hadRun,
    workerNotice: notice,
    load: restarted ? { status: 'loading', loaded: 0, total: 0 } : { status: 'error', loaded: 0, total: 0, message: giveUpNotice(reason) },
    backend: { name: null, reason: restarted ? 'starting…' : 'stopped' },
    // A sweep in progress died with the worker.
    sweep:
      sweep.status === 'running'
        ? { ...sweep, status: 'stopped', progress: null, message: 'The sweep stopped: the training worker stopped.' }
        : sweep,
  };
}
