import { describe, expect, it } from 'vitest';
import { describeArchitecture } from '../../src/model/architecture';
import { weightMismatch, weightShapes } from '../../src/model/weight-check';
import { DEFAULT_SETTINGS, defaultsFor } from '../../src/state/url-state';

const specs = (shapes: number[][]) => shapes.map((shape, i) => ({ name: `w${i}`, shape, dtype: 'float32' }));
const numbers = (shapes: number[][]) => shapes.reduce((s, x) => s + x.reduce((a, b) => a * b, 1), 0);

describe('weightShapes', () => {
  it('holds as many numbers as the architecture counts parameters, for every kind at its defaults', () => {
    for (const kind of ['vanilla', 'deep', 'conv', 'denoising', 'vae'] as const) {
      const config = defaultsFor(kind);
      expect(numbers(weightShapes(config)), kind).toBe(describeArchitecture(config).paramCount);
    }
  });

  it('lists a vanilla model as encoder kernel and bias, then decoder kernel and bias', () => {
    expect(weightShapes({ ...DEFAULT_SETTINGS, codeSize: 2 })).toEqual([[784, 2], [2], [2, 784], [784]]);
  });
});

describe('weightMismatch', () => {
  const expected = weightShapes({ ...DEFAULT_SETTINGS, codeSize: 2 });
  const bytes = numbers(expected) * 4;

  it('accepts weights that fit', () => {
    expect(weightMismatch(expected, specs(expected), bytes)).toBeNull();
  });

  it('names a model of another shape, a truncated or an overlong file, and another number type', () => {
    const code3 = weightShapes({ ...DEFAULT_SETTINGS, codeSize: 3 });
    expect(weightMismatch(expected, specs(code3), bytes)).toMatch(
      /holds 4 weight arrays of 5,491 numbers, where its settings describe 4 arrays of 3,922: it is a model of another shape/,
    );
    // Same numbers, other layout.
    const swapped = [[2, 784], [2], [784, 2], [784]];
    expect(weightMismatch(expected, specs(swapped), bytes)).toMatch(/w0 is 2 × 784 where the settings need 784 × 2/);
    expect(weightMismatch(expected, specs(expected), 1000)).toMatch(/has 1,000 bytes where the model needs 15,688: it is truncated/);
    expect(weightMismatch(expected, specs(expected), bytes + 4)).toMatch(/belongs to another model/);
    const halves = specs(expected).map((w) => ({ ...w, dtype: 'float16' }));
    expect(weightMismatch(expected, halves, bytes)).toMatch(/stored as float16/);
  });
});
