import { describe, expect, it } from 'vitest';
import { wasmThreadsFor } from '../../src/training/backend';

describe('wasmThreadsFor', () => {
  it('gives one thread per core where the page is cross-origin isolated', () => {
    expect(wasmThreadsFor(2, true)).toBe(2);
    expect(wasmThreadsFor(4, true)).toBe(4);
  });

  it('gives one thread where threads cannot share memory', () => {
    expect(wasmThreadsFor(8, false)).toBe(1);
  });

  it('stays between one and eight, whatever the browser reports', () => {
    expect(wasmThreadsFor(64, true)).toBe(8);
    expect(wasmThreadsFor(0, true)).toBe(1);
    expect(wasmThreadsFor(NaN, true)).toBe(1);
    expect(wasmThreadsFor(3.7, true)).toBe(3);
  });
});
