/**
 * A run moved off a lost WebGL context, in Node on WASM, with a stand-in
 * for WebGL's context: the copy of weights and Adam's state, the work
 * discarded and run again, the counters kept, and no tensor left behind.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LOST_REASON } from '../../src/training/context-loss';
import { GpuGuard } from '../../src/training/gpu-guard';
import { ModelQueue } from '../../src/training/model-queue';
import type { WorkerReply } from '../../src/training/protocol';
import { Trainer } from '../../src/training/trainer';
import { applyCopy, copyWeights } from '../../src/training/weight-copy';
import { trackTensors } from '../helpers/tensors';
import type { StepOutcome } from '../../src/training/trainer';
import { base, trainerData } from './trainer-fixture';

const setup = trainerData();

function okStep(outcome: StepOutcome | null): Extract<StepOutcome, { kind: 'ok' }> {
  if (outcome?.kind !== 'ok') throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
  return outcome;
}

function fakeWebgl() {
  const canvas = new EventTarget();
  let lost = false;
  const gl = { canvas, isContextLost: () => lost } as unknown as WebGLRenderingContext & { canvas: EventTarget };
  return {
    parts: { gl },
    lose() {
      lost = true;
      canvas.dispatchEvent(new Event('webglcontextlost'));
    },
  };
}

async function weightsOf(trainer: Trainer): Promise<number[]> {
  return (await Promise.all(trainer.model.trainableVariables.map((v) => v.data()))).flatMap((d) => Array.from(d));
}

function harness(first: Trainer) {
  let trainer: Trainer | null = first;
  const posts: WorkerReply[] = [];
  const started: [string, string | undefined][] = [];
  const failures: unknown[] = [];
  let clock = 0;
  const guard = new GpuGuard(new ModelQueue(), {
    data: () => setup.data,
    trainer: () => trainer,
    setTrainer: (t) => (trainer = t),
    startBackend: async (choice, why) => {
      started.push([choice, why]);
      return { name: 'wasm', reason: `${why}; WASM computes on one thread`, threads: 1 };
    },
    post: (reply) => posts.push(reply),
    now: () => clock,
    onLost: () => {},
    fail: (err) => failures.push(err),
  });
  return { guard, posts, started, failures, trainer: () => trainer, tick: (ms: number) => (clock += ms) };
}

describe('a copy of the weights', () => {
  it('carries the weights and Adam’s state: the next step is the same on the copy as on the original', async () => {
    const a = new Trainer(setup.data, base);
    for (let i = 0; i < 3; i++) okStep(await a.trainStep());
    const tracker = trackTensors();
    const copy = await copyWeights(a);
    tracker.expectUnchanged('copying');
    expect(copy.step).toBe(3);
    expect(copy.iterations).toBe(3);
    expect(copy.moments).toHaveLength(2 * copy.weights.length);

    const b = new Trainer(setup.data, base);
    await applyCopy(b, copy);
    b.resume(a.progress, copy.step);
    expect(await weightsOf(b)).toEqual(await weightsOf(a));
    const [sa, sb] = [okStep(await a.trainStep()), okStep(await b.trainStep())];
    expect(sb.step).toBe(4);
    expect(sb.total).toBeCloseTo(sa.total, 6);
    const [wa, wb] = [await weightsOf(a), await weightsOf(b)];
    expect(Math.max(...wa.map((w, i) => Math.abs(w - wb[i])))).toBeLessThan(1e-6);
    a.dispose();
    b.dispose();
  });
});

describe('GpuGuard', () => {
  it('a loss during a step: the step is discarded, the run goes on from the copy on a new model, the page is told', async () => {
    const tracker = trackTensors();
    const first = new Trainer(setup.data, base);
    const h = harness(first);
    const webgl = fakeWebgl();
    h.guard.watch.watch(webgl.parts);
    await h.guard.keep(first, true);
    for (let i = 0; i < 4; i++) okStep(await h.guard.run((t) => t.trainStep()));
    // Not due yet: the copy stays that of step 0; then 2 s later, step 5's is taken.
    await h.guard.keep(first);
    h.tick(2000);
    okStep(await h.guard.run((t) => t.trainStep()));
    await h.guard.keep(first);
    expect(h.guard.copies).toBe(2);
    okStep(await h.guard.run((t) => t.trainStep()));
    const copied = await copyWeights(first); // what step 6 holds (not the guard's copy, which is of step 5)
    expect(copied.step).toBe(6);

    // The context is lost in the middle of step 7: the step's result is not used.
    const outcome = okStep(
      await h.guard.run(async (t) => {
        const result = await t.trainStep();
        if (t === first) webgl.lose();
        return result;
      }),
    );
    const moved = h.trainer()!;
    expect(moved).not.toBe(first);
    expect(first.model.trainableVariables[0].isDisposed).toBe(true);
    // Step 7 again, on the new model: the counters went on from 6.
    expect(outcome.step).toBe(7);
    expect(moved.step).toBe(7);
    expect(h.started).toEqual([['wasm', LOST_REASON]]);
    expect(h.posts).toEqual([
      {
        type: 'backend',
        name: 'wasm',
        reason: `${LOST_REASON}; WASM computes on one thread`,
        threads: 1,
        notice:
          "The graphics card's context was lost at step 6; training goes on with WebAssembly from the weights of step 5 (the learning of the 1 step since is lost).",
      },
    ]);
    // Nothing is watched or copied any more: WASM's memory cannot be lost.
    expect(h.guard.watch.watching).toBe(false);
    await h.guard.keep(moved, true);
    expect(h.guard.copies).toBe(2);
    moved.dispose();
    tracker.expectUnchanged('after the move and the new model disposed');
  });

  it('a loss while nothing runs moves the run at once, from its last copy', async () => {
    const tracker = trackTensors();
    const first = new Trainer(setup.data, base);
    for (let i = 0; i < 2; i++) okStep(await first.trainStep());
    const h = harness(first);
    const webgl = fakeWebgl();
    h.guard.watch.watch(webgl.parts);
    await h.guard.keep(first, true);
    const expected = await weightsOf(first);
    webgl.lose();
    // The queued recovery: let it run.
    await new Promise((r) => setTimeout(r, 50));
    const moved = h.trainer()!;
    expect(moved).not.toBe(first);
    expect(moved.step).toBe(2);
    expect(await weightsOf(moved)).toEqual(expected);
    expect(h.posts.at(-1)).toMatchObject({ notice: expect.stringMatching(/lost at step 2; .* from there, with nothing lost/) });
    moved.dispose();
    tracker.expectUnchanged();
  });

  it('without a run, only the backend changes', async () => {
    const h = harness(null as unknown as Trainer);
    h.guard.watch.watch(fakeWebgl().parts);
    h.guard.watch.check();
    h.guard.watch.watch(null);
    expect(h.posts).toEqual([]);
    const webgl = fakeWebgl();
    h.guard.watch.watch(webgl.parts);
    webgl.lose();
    await new Promise((r) => setTimeout(r, 20));
    expect(h.posts).toEqual([
      expect.objectContaining({ name: 'wasm', notice: expect.stringMatching(/computes with WebAssembly from now on/) }),
    ]);
    expect(tf.getBackend()).toBe('wasm');
  });
});
