import { describe, expect, it } from 'vitest';
import { ExternalStore } from '../../src/app/external-store';

class Counter extends ExternalStore<{ n: number; label: string }> {
  bump = () => this.patch({ n: this.state.n + 1 });
}

describe('ExternalStore', () => {
  it('replaces its snapshot on each change and tells its listeners until they leave', () => {
    const store = new Counter({ n: 0, label: 'a' });
    const first = store.getSnapshot();
    let heard = 0;
    const leave = store.subscribe(() => heard++);
    store.bump();
    expect(store.getSnapshot()).toEqual({ n: 1, label: 'a' });
    // A new object: React sees the change.
    expect(store.getSnapshot()).not.toBe(first);
    expect(first).toEqual({ n: 0, label: 'a' });
    leave();
    store.bump();
    expect(heard).toBe(1);
    expect(store.getSnapshot().n).toBe(2);
  });
});
