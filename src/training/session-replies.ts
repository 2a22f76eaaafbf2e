/** Two small pieces of the training session's replies. */
import type { LossPoint, WorkerReply } from './protocol';
import type { Throughput } from './throughput';
import type { Trainer } from './trainer';

/** An error of any kind in one line, as the page shows it. */
export const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The losses not yet sent and where the run stands: the page's status line and curves. */
export function metricsReply(runId: number, trainer: Trainer, points: LossPoint[], throughput: Throughput): WorkerReply {
  return {
    type: 'metrics',
    runId,
    points,
    step: trainer.step,
    epoch: trainer.epoch,
    stepsPerEpoch: trainer.stepsPerEpoch,
    totalSteps: trainer.totalSteps,
    samplesPerSecond: throughput.samplesPerSecond,
    seconds: throughput.seconds,
  };
}
