import { defineConfig } from 'vite';
import { threadedWasm } from './build/threaded-wasm';

// The benchmark page (bench/index.html): built on its own into dist-bench/,
// with the same public/ data, so the playground's build stays free of it.
export default defineConfig({
  root: 'bench',
  base: './',
  plugins: [threadedWasm()],
  publicDir: '../public',
  // The training worker bundles TF.js's WASM backend: it needs the threaded-WASM fix too.
  worker: { format: 'es', plugins: () => [threadedWasm()] },
  build: { outDir: '../dist-bench', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
  logLevel: 'warn',
});
