import { describe, expect, it } from 'vitest';
import { ModelQueue } from '../../src/training/model-queue';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('ModelQueue', () => {
  it('runs tasks one at a time, in order, and reports a failing task without stopping', async () => {
    const q = new ModelQueue();
    const log: string[] = [];
    const errors: unknown[] = [];
    let running = 0;
    const task =
      (name: string, fail = false) =>
      async () => {
        running++;
        expect(running).toBe(1);
        await tick();
        log.push(name);
        running--;
        if (fail) throw new Error(name);
      };
    q.enqueue(task('a'), (e) => errors.push(e));
    q.enqueue(task('b', true), (e) => errors.push(e));
    await q.enqueue(task('c'), (e) => errors.push(e));
    expect(log).toEqual(['a', 'b', 'c']);
    expect(errors).toHaveLength(1);
  });

  it('gives an exclusive task its result or its error, in queue order', async () => {
    const q = new ModelQueue();
    const log: string[] = [];
    q.enqueue(
      async () => {
        await tick();
        log.push('step');
      },
      () => {},
    );
    const value = q.exclusive(async () => (log.push('question'), 42));
    const failed = q.exclusive(async () => {
      throw new Error('no model');
    });
    expect(await value).toBe(42);
    await expect(failed).rejects.toThrow('no model');
    expect(log).toEqual(['step', 'question']);
  });

  it('runs an urgent task before the tasks already waiting, after the one in progress', async () => {
    const q = new ModelQueue();
    const log: string[] = [];
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    q.enqueue(
      async () => {
        log.push('step 1 starts');
        await gate;
        log.push('step 1 ends');
      },
      () => {},
    );
    q.enqueue(
      async () => void log.push('step 2'),
      () => {},
    );
    await tick();
    // Step 1 is in progress; a chunk of a long question and then a hovered point arrive.
    const chunk = q.exclusive(async () => log.push('chunk'));
    const hover = q.exclusive(async () => log.push('hover'), true);
    open();
    await Promise.all([chunk, hover]);
    expect(log).toEqual(['step 1 starts', 'step 1 ends', 'hover', 'step 2', 'chunk']);
  });

  it('lets urgent tasks in between the chunks of a long task', async () => {
    const q = new ModelQueue();
    const log: string[] = [];
    const long = q.enqueue(
      async () => {
        for (let i = 0; i < 3; i++) {
          log.push(`chunk ${i}`);
          await tick();
          await q.runUrgent();
        }
      },
      () => {},
    );
    await tick();
    const hover = q.exclusive(async () => log.push('hover'), true);
    await Promise.all([long, hover]);
    expect(log.indexOf('hover')).toBeGreaterThan(0);
    expect(log.indexOf('hover')).toBeLessThan(log.indexOf('chunk 2'));
  });
});
