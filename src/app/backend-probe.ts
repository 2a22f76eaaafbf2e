/**
 * Choosing the backend by measuring it. On a first visit with `backend=auto`,
 * a throwaway worker trains the page's current model for about a second in
 * all: a share of it on each backend this browser has (WASM, then WebGL and
 * WebGPU), and the fastest measured wins. A backend still compiling its
 * programs when its share is up has no figure and cannot win (on a software
 * renderer WebGL's first step takes seconds). The result is kept in
 * localStorage for this browser on this machine (its user agent, cores and
 * isolation) and used on later visits, until the learner asks to measure
 * again.
 */
import type { ExperimentConfig } from '../model/config';
import type { ProbeReply, ProbeRequest, StepTiming } from '../training/backend-probe';
import { formatCount } from '../shared/format';

export const PROBE_BUDGET_MS = 1000;
/** The worker's own start (TF.js loading) is not part of the budget, but is bounded too. */
const START_LIMIT_MS = 8000;
const STORAGE_KEY = 'autoencoder-playground:backend-probe';

export interface BackendMeasure {
  backend: string;
  started: boolean;
  threads: number;
  timing: StepTiming | null;
}

export interface BackendProbe {
  /** The browser and machine it was measured on. */
  key: string;
  measuredAt: string;
  /** The model it trained, in words. */
  model: string;
  /** Milliseconds the measuring took, once the worker had started. */
  ms: number;
  /** The backends to try, in order, and those whose turn came (the last without a result was still starting or compiling). */
  candidates: string[];
  tried: string[];
  results: BackendMeasure[];
  /** The fastest measured (WASM when none was). */
  chosen: string;
}

/** This browser on this machine: a new browser version or another machine measures again. */
export function probeKey(nav: Pick<Navigator, 'userAgent' | 'hardwareConcurrency'>, isolated: boolean): string {
  return `${nav.userAgent}|${nav.hardwareConcurrency}|${isolated ? 'isolated' : 'shared'}`;
}

/** The fastest backend that was measured, or WASM. */
export function chooseFastest(results: BackendMeasure[]): string {
  let best: BackendMeasure | null = null;
  for (const r of results) {
    const rate = r.timing?.samplesPerSecond ?? null;
    if (rate !== null && (!best || rate > (best.timing?.samplesPerSecond ?? 0))) best = r;
  }
  return best?.backend ?? 'wasm';
}

export function readProbe(storage: Pick<Storage, 'getItem'> | null, key: string): BackendProbe | null {
  try {
    const saved = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as BackendProbe | null;
    if (!saved || saved.key !== key || !Array.isArray(saved.results) || !Array.isArray(saved.candidates)) return null;
    if (typeof saved.chosen !== 'string') return null;
    return saved;
  } catch {
    return null;
  }
}

export function writeProbe(storage: Pick<Storage, 'setItem'> | null, probe: BackendProbe): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(probe));
  } catch {
    // Storage full or refused: the next visit measures again.
  }
}

/** The backends this browser may start, in the order to try them. */
export function probeCandidates(scope: { gpu?: unknown; WebGL2RenderingContext?: unknown }): string[] {
  return ['wasm', ...(scope.WebGL2RenderingContext ? ['webgl'] : []), ...(scope.gpu ? ['webgpu'] : [])];
}

/** Measures each candidate backend training `config`; resolves within about PROBE_BUDGET_MS of the worker's start. */
export function measureBackends(config: ExperimentConfig, model: string, key: string, candidates: string[]): Promise<BackendProbe> {
  const worker = new Worker(new URL('../training/backend-probe.worker.ts', import.meta.url), { type: 'module' });
  const results: BackendMeasure[] = [];
  const tried: string[] = [];
  return new Promise<BackendProbe>((resolve) => {
    let began = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      clearTimeout(timer);
      worker.terminate();
      const ms = began ? performance.now() - began : 0;
      resolve({ key, measuredAt: new Date().toISOString(), model, ms, candidates, tried, results, chosen: chooseFastest(results) });
    };
    timer = setTimeout(finish, START_LIMIT_MS);
    worker.addEventListener('error', finish);
    worker.addEventListener('message', (e: MessageEvent<ProbeReply>) => {
      const reply = e.data;
      if (reply.type === 'ready') {
        began = performance.now();
        clearTimeout(timer);
        // A little over the budget: the last step in flight may end just after it.
        timer = setTimeout(finish, PROBE_BUDGET_MS + 100);
        worker.postMessage({ config, candidates, budgetMs: PROBE_BUDGET_MS } satisfies ProbeRequest);
      } else if (reply.type === 'trying') {
        tried.push(reply.backend);
      } else if (reply.type === 'measured') {
        results.push({ backend: reply.backend, started: reply.started, threads: reply.threads, timing: reply.timing });
      } else {
        finish();
      }
    });
  });
}

/** One line per backend tried: its speed, or why it has none. */
export function measureLines(probe: BackendProbe): string[] {
  return probe.candidates.map((backend) => {
    const r = probe.results.find((x) => x.backend === backend);
    const name = r && r.threads > 1 ? `${backend} (${r.threads} threads)` : backend;
    if (!r && !(probe.tried ?? []).includes(backend)) return `${backend}: not measured, the time was up before its turn`;
    if (!r) return `${backend}: still preparing when the time was up (its first step compiles programs for this model)`;
    if (!r.started || !r.timing) return `${backend}: could not start here`;
    const rate = r.timing.samplesPerSecond;
    if (rate === null) return `${name}: its first step took ${Math.round(r.timing.firstStepMs)} ms, too long to time more`;
    return `${name}: ${formatCount(rate)} images/s`;
  });
}
