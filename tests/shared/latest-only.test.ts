import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../src/shared/latest-only';

/** A request whose answer the test releases by hand. */
function controlled() {
  const sent: number[] = [];
  const release: (() => void)[] = [];
  const run = (arg: number) =>
    new Promise<number>((resolve) => {
      sent.push(arg);
      release.push(() => resolve(arg * 10));
    });
  return { sent, release, run };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('latestOnly', () => {
  it('sends the first call at once and only the newest of those made while it runs', async () => {
    const { sent, release, run } = controlled();
    const results: number[] = [];
    const q = latestOnly(run, (r) => results.push(r));
    q.call(1);
    q.call(2);
    q.call(3);
    q.call(4);
    expect(sent).toEqual([1]);
    release[0]();
    await tick();
    expect(results).toEqual([10]);
    expect(sent).toEqual([1, 4]);
    release[1]();
    await tick();
    expect(results).toEqual([10, 40]);
  });

  it('ignores the answer in flight after cancel, and sends nothing more', async () => {
    const { sent, release, run } = controlled();
    const results: number[] = [];
    const q = latestOnly(run, (r) => results.push(r));
    q.call(1);
    q.call(2);
    q.cancel();
    release[0]();
    await tick();
    expect(results).toEqual([]);
    expect(sent).toEqual([1]);
  });

  it('reports errors with the argument that failed, and goes on', async () => {
    const errors: number[] = [];
    const results: number[] = [];
    const q = latestOnly(
      (a: number) => (a < 0 ? Promise.reject(new Error('bad')) : Promise.resolve(a)),
      (r) => results.push(r),
      (_e, a) => errors.push(a),
    );
    q.call(-1);
    q.call(5);
    await tick();
    await tick();
    expect(errors).toEqual([-1]);
    expect(results).toEqual([5]);
  });
});
