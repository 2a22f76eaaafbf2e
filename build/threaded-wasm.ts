/**
 * Makes TF.js's multi-threaded WASM backend survive a production build.
 *
 * The backend starts each of its threads (a Web Worker) from the text of its
 * Emscripten factory function: it calls the factory's `toString()` and runs
 * that text in the new worker. The factory reads one variable from the
 * closure around it, the script's own address (`_scriptDir`). Unminified,
 * it reads it with `typeof`, which is harmless where the variable does not
 * exist; the minifier, which knows the variable is declared, renames it and
 * drops the `typeof`, so every thread fails at once with "ReferenceError: e
 * is not defined" and the backend waits for them forever.
 *
 * This plugin moves the declaration inside the factory, so the text a
 * thread runs is whole. The playground sets the address of every WASM file
 * itself, so the value read there (no address in a worker) changes nothing.
 * A TF.js release that changes the factory's opening fails the build here,
 * instead of hanging in the browser.
 */
import type { Plugin } from 'vite';

const FILE = /tfjs-backend-wasm-threaded-simd\.js$/;
const OUTER =
  /\n\s*var _scriptDir = ([^\n]*);\n\s*if \(typeof __filename !== 'undefined'\) _scriptDir = _scriptDir \|\| __filename;\n(\s*return \(\nfunction\(WasmBackendModuleThreadedSimd\) \{\n)/;

/** The factory's source with `_scriptDir` declared inside it. */
export function selfContainedFactory(source: string): string {
  const match = OUTER.exec(source);
  if (!match) throw new Error('threaded-wasm: the TF.js threaded WASM factory has an unexpected shape; check its _scriptDir');
  const [whole, value, opening] = match;
  return source.replace(whole, `\n${opening}  var _scriptDir = ${value};\n`);
}

export function threadedWasm(): Plugin {
  return {
    name: 'playground:threaded-wasm',
    enforce: 'pre',
    transform(code, id) {
      if (!FILE.test(id.split('?')[0])) return null;
      return { code: selfContainedFactory(code), map: null };
    },
  };
}
