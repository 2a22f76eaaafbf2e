/** The model's answers and the code-size sweep of one loaded dataset, sharing the session's model queue. */
import type { Mnist } from '../data/mnist';
import { ModelAnswers } from './answers/model-answers';
import type { ModelQueue } from './model-queue';
import type { SessionRequest, WorkerReply } from './protocol';
import { Sweep } from './sweep';
import type { Trainer } from './trainer';

export interface AnswerersDeps {
  post(reply: WorkerReply): void;
  now(): number;
  yieldNow(): Promise<void>;
  data(): Mnist | null;
  /** The model of run `runId`, if it is the current one and built. */
  trainer(runId: number): Trainer | null;
}

export function makeAnswerers(queue: ModelQueue, deps: AnswerersDeps): { answers: ModelAnswers; sweep: Sweep } {
  const exclusive = <T>(fn: () => Promise<T>, urgent?: boolean) => queue.exclusive(fn, urgent);
  const answers = new ModelAnswers({ data: deps.data, trainer: deps.trainer, exclusive, yieldNow: deps.yieldNow });
  const sweep = new Sweep({ data: deps.data, post: deps.post, exclusive, yieldNow: deps.yieldNow, now: deps.now, answers });
  return { answers, sweep };
}

/** Answers a question about run `runId`'s model; a failure is reported, never fatal to the run. */
export async function postAnswer(
  answers: ModelAnswers,
  post: (reply: WorkerReply, transfer?: Transferable[]) => void,
  { id, runId, query }: Extract<SessionRequest, { type: 'explore' }>,
): Promise<void> {
  try {
    const { result, step, transfer } = await answers.answer(runId, query);
    post({ type: 'explored', id, runId, step, result }, transfer);
  } catch (err) {
    post({ type: 'explore-error', id, runId, message: err instanceof Error ? err.message : String(err) });
  }
}
