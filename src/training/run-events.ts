/**
 * The run machine's vocabulary: its state, the events it takes and the
 * effects it asks for (all plain data; see run-machine.ts).
 */
import type { ExperimentConfig } from '../model/config';
import type { SavedWeights } from '../model/weight-check';
import type { BackendChoice } from '../shared/backends';
import type { LossPoint, RunState, WorkerReply } from './protocol';

/** 'building': the run's id is set, its model is still being built (nothing is posted yet). */
export type RunPhase = 'idle' | 'building' | RunState;

export interface RunMachineState {
  /** The current run, -1 for none. */
  runId: number;
  phase: RunPhase;
  /** A Pause that arrived while the model was being built: the run starts paused. */
  pauseOnStart: boolean;
  /** Whether a model exists (built and not disposed). */
  hasModel: boolean;
  /** Whether the model has trained all its epochs, as last reported. */
  finished: boolean;
  /** Identifies the one live chain of scheduled steps; a new chain ends the old. */
  loop: number;
}

export const initialRunMachine: RunMachineState = {
  runId: -1,
  phase: 'idle',
  pauseOnStart: false,
  hasModel: false,
  finished: false,
  loop: 0,
};

/** A test pass's result, as the trainer gives it. */
export interface TestLoss {
  epoch: number;
  step: number;
  total: number;
  reconstruction: number;
  /** KL or L1, as in LossPoint. */
  penalty?: number;
  /** Training seconds of the run when the test pass began (see throughput.ts). */
  seconds: number;
}

/** A step is `single` (the page's Step) or one of the chain `loop`. */
export type StepKind = { single: true; loop?: undefined } | { single: false; loop: number };

export type RunEvent =
  // The page's requests.
  | { type: 'start'; runId: number; config: ExperimentConfig; weights?: SavedWeights }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'step'; runId: number }
  | { type: 'update-training'; runId: number; learningRate: number; epochs: number }
  | { type: 'reset' }
  | { type: 'set-backend'; backend: BackendChoice }
  | { type: 'sweep-starting' }
  // Queued work, when its turn comes.
  | { type: 'dispose' }
  | { type: 'switch-backend'; backend: BackendChoice }
  | { type: 'build'; runId: number; config: ExperimentConfig; weights?: SavedWeights }
  | { type: 'publish-paused'; runId: number }
  | { type: 'single-step'; runId: number }
  | { type: 'apply-training'; runId: number; learningRate: number; epochs: number }
  | { type: 'step-due'; runId: number; loop: number }
  // Outcomes of the work.
  | { type: 'model-built'; runId: number }
  | ({
      type: 'step-done';
      runId: number;
      epochDone: boolean;
      finished: boolean;
      point: LossPoint;
      started: number;
      ended: number;
    } & StepKind)
  | { type: 'diverged'; runId: number; message: string }
  | ({ type: 'test-done'; runId: number; finished: boolean; test: TestLoss } & StepKind)
  | { type: 'training-updated'; runId: number; finished: boolean }
  /** A queued task threw; `runId` is the run it belonged to (none: a backend task). */
  | { type: 'task-failed'; runId?: number; message: string };

export type RunEffect =
  /** Handle `event` when its turn in the model queue comes; an error there fails run `runId`. */
  | { type: 'enqueue'; event: RunEvent; runId?: number }
  | { type: 'stop-sweep' }
  | { type: 'post'; reply: WorkerReply }
  /** The run's state, with the model's step and epoch. */
  | { type: 'post-state'; runId: number; state: RunState; message?: string }
  /** The losses waiting, with the counters; with `dueAt`, only if METRICS_MS have passed by then since the last post. */
  | { type: 'post-metrics'; runId: number; dueAt?: number }
  /** The live views that are due, or all of them if forced. */
  | { type: 'publish-views'; runId: number; force: boolean }
  /** After a yield, queue the next step of chain `loop`. */
  | { type: 'schedule-step'; runId: number; loop: number }
  | { type: 'record-step'; point: LossPoint; started: number; ended: number; single: boolean }
  /** The next step starts a new throughput interval. */
  | { type: 'new-interval' }
  | { type: 'dispose-trainer' }
  /** Build the model (once the backend is ready and the data loaded), then report 'model-built'. */
  | { type: 'build-model'; runId: number; config: ExperimentConfig; weights?: SavedWeights }
  /** Train one batch, then report 'step-done' or 'diverged'. */
  | ({ type: 'train-step'; runId: number } & StepKind)
  /** Evaluate the test set, then report 'test-done' (nothing if the run is replaced meanwhile). */
  | ({ type: 'test-pass'; runId: number } & StepKind)
  /** Change the learning rate and epochs, then report 'training-updated'. */
  | { type: 'set-training'; runId: number; learningRate: number; epochs: number }
  | { type: 'start-backend'; backend: BackendChoice };

export interface Transition {
  state: RunMachineState;
  effects: RunEffect[];
}
