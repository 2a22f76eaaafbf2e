/**
 * What a class does to the worker over an hour, compressed: twenty cycles of
 * build → train → stop → switch to another kind → reset. Each cycle must
 * give back every tensor, and the JS heap must not grow with the cycles.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/model/config';
import { config, harness, resetHarness } from '../helpers/session';
import { trackTensors } from '../helpers/tensors';

afterEach(resetHarness);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The JS heap after a full collection, in bytes. */
function heapNow(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('twenty cycles of build, train, stop, switch and reset', () => {
  it('leave no tensor behind and do not grow the heap', async () => {
    const h = harness();
    await h.init();
    const tensors = trackTensors();
    let runId = 0;
    /** One cycle: a run of one kind trains, stops, gives way to another kind, and everything is reset. */
    const cycle = async (i: number) => {
      const first = { ...config, kind: KINDS[i % KINDS.length] };
      const second = { ...config, kind: KINDS[(i + 1) % KINDS.length] };
      const a = ++runId;
      await h.handle({ type: 'start', runId: a, config: first });
      await h.waitFor(`run ${a} (${first.kind}) to train`, () => h.maxStep(a) >= 2);
      await h.handle({ type: 'pause', runId: a });
      const b = ++runId;
      await h.handle({ type: 'start', runId: b, config: second });
      await h.waitFor(`run ${b} (${second.kind}) to train`, () => h.maxStep(b) >= 1);
      await h.handle({ type: 'reset' });
      tensors.expectUnchanged(`live tensors after cycle ${i + 1}`);
      // The replies are the test's own record, not the session's: keep them from counting as heap.
      h.replies.length = 0;
    };
    // Two cycles first: code paths compile and caches fill once.
    for (let i = 0; i < 2; i++) await cycle(i);
    const baseline = heapNow();
    for (let i = 2; i < 22; i++) await cycle(i);
    const growth = heapNow() - baseline;
    // Twenty leaked models would hold far more than this (each run's views and history alone are ~1 MB).
    expect(growth, `heap grew by ${(growth / 1e6).toFixed(1)} MB over 20 cycles`).toBeLessThan(8e6);
  }, 120_000);
});
