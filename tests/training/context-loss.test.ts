/** The watch on WebGL's context, with a stand-in for TF.js's WebGL parts, and what the page says after a loss. */
import { describe, expect, it } from 'vitest';
import { ContextWatch, lostNotice } from '../../src/training/context-loss';

/** A context that can be lost, and TF.js's poll of reads waiting for their fence. */
function fakeParts() {
  const canvas = new EventTarget();
  let lost = false;
  const gl = { canvas, isContextLost: () => lost } as unknown as WebGLRenderingContext & { canvas: EventTarget };
  const parts = {
    gl,
    itemsToPoll: [] as { resolveFn: () => void }[],
    addItemToPoll(_isDone: () => boolean, resolve: () => void) {
      parts.itemsToPoll.push({ resolveFn: resolve });
    },
  };
  const lose = (event = true) => {
    lost = true;
    if (event) canvas.dispatchEvent(new Event('webglcontextlost'));
  };
  return { parts, lose };
}

describe('ContextWatch', () => {
  it('hears the loss, counts it once, and lets the reads waiting (and those to come) end', async () => {
    const { parts, lose } = fakeParts();
    let told = 0;
    const watch = new ContextWatch(() => told++);
    watch.watch(parts);
    expect(watch.watching).toBe(true);
    const waiting = new Promise<void>((resolve) => parts.addItemToPoll(() => false, resolve));
    expect(watch.check()).toBe(false);
    lose();
    lose();
    expect([watch.lost, watch.losses, told]).toEqual([true, 1, 1]);
    await waiting;
    // A read started after the loss does not wait either.
    await new Promise<void>((resolve) => parts.addItemToPoll(() => false, resolve));
    watch.stop();
    expect([watch.watching, watch.lost, watch.losses]).toEqual([false, false, 1]);
  });

  it('notices a loss without its event when asked (gl.isContextLost)', () => {
    const { parts, lose } = fakeParts();
    const watch = new ContextWatch();
    watch.watch(parts);
    lose(false);
    expect(watch.lost).toBe(false);
    expect(watch.check()).toBe(true);
    expect(watch.losses).toBe(1);
    watch.stop();
  });

  it('watches nothing for other backends, and stops hearing a context it no longer watches', () => {
    const { parts, lose } = fakeParts();
    const watch = new ContextWatch();
    watch.watch(null);
    expect(watch.watching).toBe(false);
    watch.watch(parts);
    watch.stop();
    lose();
    expect([watch.lost, watch.losses]).toEqual([false, 0]);
  });
});

describe('lostNotice', () => {
  it('says where the run goes on from, and what was lost', () => {
    expect(lostNotice('wasm', { step: 212, weightsStep: 200 })).toBe(
      "The graphics card's context was lost at step 212; training goes on with WebAssembly from the weights of step 200 (the learning of the 12 steps since is lost).",
    );
    expect(lostNotice('wasm', { step: 5, weightsStep: 4 })).toMatch(/the learning of the 1 step since is lost/);
    expect(lostNotice('cpu', { step: 7, weightsStep: 7 })).toBe(
      "The graphics card's context was lost at step 7; training goes on with plain JavaScript from there, with nothing lost.",
    );
    expect(lostNotice('wasm', null)).toBe("The graphics card's context was lost; the playground computes with WebAssembly from now on.");
  });
});
