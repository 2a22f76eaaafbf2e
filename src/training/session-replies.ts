/** Two of the session's replies, each the outcome of one call turned into a message for the page. */
import type { BackendChoice } from '../shared/backends';
import type { ModelAnswers } from './answers/model-answers';
import type { ExploreQuery, WorkerReply } from './protocol';

export const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The answer to a question about run `runId`'s model, or the reason there is none (never a failure of the run). */
export async function exploreReply(
  answers: ModelAnswers,
  id: number,
  runId: number,
  query: ExploreQuery,
): Promise<{ reply: WorkerReply; transfer?: Transferable[] }> {
  try {
    const { result, step, transfer } = await answers.answer(runId, query);
    return { reply: { type: 'explored', id, runId, step, result }, transfer };
  } catch (err) {
    return { reply: { type: 'explore-error', id, runId, message: messageOf(err) } };
  }
}

/** The backend that started (and why that one), or why none did. */
export function backendReply(
  start: (choice: BackendChoice) => Promise<{ name: string; reason: string; threads?: number }>,
  choice: BackendChoice,
): Promise<WorkerReply> {
  return start(choice).then(
    ({ name, reason, threads }) => ({ type: 'backend', name, reason, threads: threads ?? 1 }),
    (err: unknown) => ({ type: 'backend-error', message: messageOf(err) }),
  );
}
