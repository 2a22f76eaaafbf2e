/**
 * Drives a TrainingSession as the worker would, in Node: records every reply,
 * loads a small MNIST and starts the WASM backend once per test file.
 */
import type { Mnist } from '../../src/data/mnist';
import type { ExperimentConfig } from '../../src/model/config';
import type { DecoderWeights } from '../../src/training/decoder-protocol';
import type { SessionRequest, WorkerReply } from '../../src/training/protocol';
import { TrainingSession, type SessionDeps } from '../../src/training/session';
// Aliased: the name of the helper makes the React hooks lint rule take it for a hook.
import { useWasmBackend as startWasmBackend } from './backend';
import { smallMnist } from './mnist';
import { testConfig } from './config';

export const TRAIN = 512;
export const TEST = 200;
const BATCH = 64;
export const STEPS_PER_EPOCH = TRAIN / BATCH;

export const config: ExperimentConfig = testConfig({
  codeSize: 32,
  hidden: [64],
  filters: [8, 4],
  noise: 0.3,
  seed: 3,
  learningRate: 0.003,
  batchSize: BATCH,
  epochs: 1000, // long enough never to finish during a test
});

let cachedData: Mnist | null = null;
/** The small MNIST the sessions load. */
export const sessionData = (): Mnist => (cachedData ??= smallMnist(TRAIN, TEST));
let backendStarted: Promise<void> | null = null;

export type Reply = WorkerReply;
type Of<T extends Reply['type']> = Extract<Reply, { type: T }>;

export class Harness {
  readonly replies: Reply[] = [];
  readonly backendChoices: string[] = [];
  /** What the session sent the decoder copy, once a 'decoder-port' request connected it. */
  readonly decoderWeights: DecoderWeights[] = [];
  readonly session: TrainingSession;
  /** Makes posting the first reply it matches throw, as a bug inside a step would. */
  throwOnce: ((reply: Reply) => boolean) | null = null;

  constructor(loadData?: SessionDeps['loadData'], extra: Partial<SessionDeps> = {}) {
    const deps: SessionDeps = {
      post: (reply) => {
        if (this.throwOnce?.(reply)) {
          this.throwOnce = null;
          throw new Error('something broke inside a step');
        }
        this.replies.push(reply);
      },
      loadData:
        loadData ??
        (async (_url, onProgress) => {
          onProgress(1000, 3000);
          onProgress(3000, 3000);
          return sessionData();
        }),
      startBackend: async (choice) => {
        this.backendChoices.push(choice);
        backendStarted ??= startWasmBackend();
        await backendStarted;
        return { name: 'wasm', reason: 'test' };
      },
      now: () => performance.now(),
      yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0)),
      postDecoder: (message) => this.decoderWeights.push(message),
      ...extra,
    };
    this.session = new TrainingSession(deps);
  }

  handle(request: SessionRequest): Promise<void> {
    return this.session.handle(request);
  }

  of<T extends Reply['type']>(type: T, runId?: number): Of<T>[] {
    return this.replies.filter((r): r is Of<T> => r.type === type && (runId === undefined || (r as { runId?: number }).runId === runId));
  }

  last<T extends Reply['type']>(type: T, runId?: number): Of<T> | undefined {
    return this.of(type, runId).at(-1);
  }

  /** The highest step reported for a run, in any reply. */
  maxStep(runId: number): number {
    let max = -1;
    for (const r of this.replies) if ('runId' in r && r.runId === runId && 'step' in r) max = Math.max(max, r.step);
    return max;
  }

  async init(): Promise<void> {
    await this.handle({ type: 'init', dataUrl: 'data/mnist.bin', backend: 'wasm' });
  }

  async waitFor(what: string, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!predicate()) {
      if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let current: Harness | null = null;
export function harness(loadData?: SessionDeps['loadData'], extra?: Partial<SessionDeps>): Harness {
  current = new Harness(loadData, extra);
  return current;
}

/** Resets the last harness made: no run is left training behind a test (call in afterEach). */
export async function resetHarness(): Promise<void> {
  if (current) await current.handle({ type: 'reset' });
  current = null;
}
