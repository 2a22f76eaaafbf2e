import { describe, expect, it } from 'vitest';
import { throttledProgress } from '../../src/training/progress';

describe('throttledProgress', () => {
  it('passes on the first call, then at most one per interval, and always the last', () => {
    let clock = 0;
    const sent: [number, number][] = [];
    const progress = throttledProgress(
      (l, t) => sent.push([l, t]),
      () => clock,
      100,
    );
    for (let loaded = 1; loaded <= 150; loaded++) {
      clock = loaded * 10; // a chunk every 10 ms
      progress(loaded, 150);
    }
    expect(sent[0]).toEqual([1, 150]);
    expect(sent.at(-1)).toEqual([150, 150]);
    // 1.5 s of chunks: about one message per 100 ms, not 150.
    expect(sent.length).toBeGreaterThanOrEqual(14);
    expect(sent.length).toBeLessThanOrEqual(17);
    for (let i = 1; i < sent.length - 1; i++) expect(sent[i][0] - sent[i - 1][0]).toBeGreaterThanOrEqual(10);
  });

  it('without a known total, passes on calls an interval apart', () => {
    let clock = 0;
    const sent: number[] = [];
    const progress = throttledProgress(
      (l) => sent.push(l),
      () => clock,
      100,
    );
    for (const [t, loaded] of [
      [0, 5],
      [50, 9],
      [120, 12],
      [130, 20],
      [260, 30],
    ]) {
      clock = t;
      progress(loaded, 0);
    }
    expect(sent).toEqual([5, 12, 30]);
  });
});
