/// <reference lib="webworker" />
/**
 * The backend probe's worker: for each backend the page names, starts it,
 * times a few training steps of the page's model in an equal share of the
 * budget left, and says what it measured. The page terminates it when the
 * budget is spent (see src/app/backend-probe.ts), whatever it is doing.
 */
import { trySetBackend, wasmThreadCount } from './backend';
import { timeTrainingSteps, type ProbeReply, type ProbeRequest } from './backend-probe';

declare const self: DedicatedWorkerGlobalScope;

const post = (reply: ProbeReply) => self.postMessage(reply);
const now = () => performance.now();

self.addEventListener('message', async (event: MessageEvent<ProbeRequest>) => {
  const { config, candidates, budgetMs } = event.data;
  const end = now() + budgetMs;
  for (let i = 0; i < candidates.length; i++) {
    const backend = candidates[i];
    post({ type: 'trying', backend });
    const started = await trySetBackend(backend);
    // Its share of what is left once it has started (starting WASM's threads takes a while).
    const deadline = now() + (end - now()) / (candidates.length - i);
    if (!started) {
      post({ type: 'measured', backend, started, threads: 1, timing: null });
      continue;
    }
    try {
      const timing = await timeTrainingSteps(config, deadline, now);
      post({ type: 'measured', backend, started, threads: backend === 'wasm' ? wasmThreadCount() : 1, timing });
    } catch {
      post({ type: 'measured', backend, started: false, threads: 1, timing: null });
    }
  }
  post({ type: 'done' });
});
post({ type: 'ready' });
