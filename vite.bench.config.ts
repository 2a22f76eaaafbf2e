import { defineConfig } from 'vite';

// The benchmark page (bench/index.html): built on its own into dist-bench/,
// with the same public/ data, so the playground's build stays free of it.
export default defineConfig({
  root: 'bench',
  base: './',
  publicDir: '../public',
  worker: { format: 'es' },
  build: { outDir: '../dist-bench', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
  logLevel: 'warn',
});
