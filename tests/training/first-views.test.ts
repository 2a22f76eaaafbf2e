/** A new run's first step waits for the page to paint its first views, and never for long. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FirstViews } from '../../src/training/first-views';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Whether `p` has settled, after the microtasks queued so far ran. */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('FirstViews', () => {
  it('waits until the page reports the run it waits for', async () => {
    const f = new FirstViews(500);
    const wait = f.wait(3);
    expect(await settled(wait)).toBe(false);
    f.shown(2); // an older run's report does not count
    expect(await settled(wait)).toBe(false);
    f.shown(3);
    expect(await settled(wait)).toBe(true);
  });

  it('gives up after its longest wait (a hidden tab paints nothing)', async () => {
    const f = new FirstViews(500);
    const wait = f.wait(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(await settled(wait)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(wait)).toBe(true);
  });

  it('does not wait for a report that arrived first', async () => {
    const f = new FirstViews(500);
    f.shown(4);
    expect(await settled(f.wait(4))).toBe(true);
    // Used once: a second wait for the same run waits again.
    expect(await settled(f.wait(4))).toBe(false);
  });

  it('ends a wait when released, or when another run begins to wait', async () => {
    const f = new FirstViews(10_000);
    const first = f.wait(1);
    const second = f.wait(2);
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(false);
    f.release();
    expect(await settled(second)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not wait at all when its longest wait is 0', async () => {
    expect(await settled(new FirstViews(0).wait(1))).toBe(true);
  });
});

describe('FirstViews, run by run', () => {
  it("only a built run's first published views wait; later ones, and another run's, do not", async () => {
    const f = new FirstViews(500);
    expect(await settled(f.published(1))).toBe(true); // no run built yet
    f.begin(2);
    expect(await settled(f.published(1))).toBe(true);
    const first = f.published(2);
    expect(await settled(first)).toBe(false);
    expect(await settled(f.published(2))).toBe(true);
    f.shown(2);
    expect(await settled(first)).toBe(true);
  });
});
