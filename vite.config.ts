import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The playground is a static site: `vite build` writes it to dist/, with the
// MNIST asset (generated into public/data/ by scripts/build-mnist-asset.mjs)
// copied beside the bundle.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
