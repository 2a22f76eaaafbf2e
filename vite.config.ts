import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { DATA_CACHE } from './src/data/datasets';
import { threadedWasm } from './build/threaded-wasm';

// The playground is a static site: `vite build` writes it to dist/, with the
// datasets (generated into public/data/ by scripts/build-*-asset.mjs) copied
// beside the bundle, and a service worker (Workbox, through vite-plugin-pwa)
// that keeps the app for offline visits: the code, styles, WASM files and
// icons are precached once the page has loaded; the datasets are not (each
// is tens of MB, and a page that never chose Fashion-MNIST must not fetch
// it): the worker keeps the one it downloaded, and the service worker
// serves it from there. A new version waits until the page says to reload.
/** The two headers that make a page cross-origin isolated (every file here is same-origin). */
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/**
 * The built app runs under a strict Content-Security-Policy, as a school's
 * proxy or a careful host may serve it: nothing from another origin, no
 * eval and no inline script. WASM needs 'wasm-unsafe-eval' (compiling
 * WebAssembly, not JavaScript); WASM's threads are workers made from blob:
 * URLs that load their code from one. The preview server (and so the
 * end-to-end tests) sends it; the dev server cannot (its hot reload injects
 * inline code).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

export default defineConfig({
  base: './',
  plugins: [
    react(),
    threadedWasm(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png'],
      manifest: {
        name: 'Autoencoder Playground',
        short_name: 'Autoencoders',
        description: 'Train autoencoders on the MNIST digits in your browser and watch them learn.',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#0072b2',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,png,webmanifest}'],
        // Makes a host without the isolation headers isolated from the second visit on (WASM's threads).
        importScripts: ['sw-isolation.js'],
        globIgnores: ['data/**'],
        maximumFileSizeToCacheInBytes: 4 * 2 ** 20,
        navigateFallback: 'index.html',
        // The first visit's page comes under the worker at once (its later fetches are served offline too).
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url }) => /\/data\/[a-z]+\.bin$/.test(url.pathname),
            handler: 'CacheFirst',
            // The worker keeps the download without the request's Origin: the page's preload (CORS mode) must match it too.
            options: { cacheName: DATA_CACHE, cacheableResponse: { statuses: [200] }, matchOptions: { ignoreVary: true } },
          },
        ],
      },
    }),
  ],
  // The training worker bundles TF.js's WASM backend: it needs the threaded-WASM fix too.
  worker: { format: 'es', plugins: () => [threadedWasm()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  // Cross-origin isolation, so that WASM may share memory between threads.
  server: { port: 5173, headers: ISOLATION },
  preview: { port: 4173, headers: { ...ISOLATION, 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
