import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { selfContainedFactory } from '../../build/threaded-wasm';

const FACTORY = 'node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
const OPENING = 'function(WasmBackendModuleThreadedSimd) {';

describe('selfContainedFactory', () => {
  const source = readFileSync(FACTORY, 'utf8');
  const fixed = selfContainedFactory(source);

  it('declares the script address inside the factory a thread runs, and nowhere outside it', () => {
    expect(source.indexOf('var _scriptDir')).toBeLessThan(source.indexOf(OPENING));
    const opening = fixed.indexOf(OPENING);
    expect(opening).toBeGreaterThan(0);
    expect(fixed.slice(0, opening)).not.toContain('_scriptDir');
    expect(fixed.slice(opening, opening + 300)).toMatch(/var _scriptDir = typeof document/);
  });

  it("puts the declaration in the factory's own text, which is what a thread runs", () => {
    const module: { exports: unknown } = { exports: {} };
    new Function('module', 'exports', fixed)(module, module.exports);
    const text = (module.exports as (m: object) => unknown).toString();
    expect(text.startsWith('function(WasmBackendModuleThreadedSimd)')).toBe(true);
    expect(text).toMatch(/^[^]{0,200}var _scriptDir =/);
  });

  it('fails loudly on a factory of another shape', () => {
    expect(() => selfContainedFactory('var WasmBackendModuleThreadedSimd = function(m) { return m; };')).toThrow(/unexpected shape/);
  });
});
