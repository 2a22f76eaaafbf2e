// What the benchmark sections (run.mjs, speed.mjs, page.mjs, quality.mjs) share: the machine's
// description, building and serving the two pages, Chromium, and formatting.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

export function machineInfo() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const cpu = cpuinfo.match(/model name\s*:\s*(.*)/);
  let chrome;
  try {
    chrome = execFileSync(CHROMIUM_PATH, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    chrome = 'unknown';
  }
  const cores = cpuinfo.split('\n').filter((l) => l.startsWith('processor')).length;
  return { cpu: cpu ? cpu[1] : 'unknown', cores, chrome, node: process.version };
}

/** Production builds of the playground (dist/) and of the benchmark page (dist-bench/). */
export function build() {
  for (const cmd of [
    ['vite', 'build'],
    ['vite', 'build', '-c', 'vite.bench.config.ts'],
  ]) {
    const r = spawnSync('npx', cmd, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed`);
  }
}

export async function serve(outDir, port, plugins = []) {
  return preview({
    build: { outDir },
    preview: { port, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
    plugins,
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

export const fmt = (n, d = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—';

export async function launch() {
  // WebGPU is behind a flag in headless Chromium on Linux.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] });
}

/** Opens the benchmark page and waits for its worker. */
export async function benchPage(browser, url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
  return page;
}

export const runInPage = (page, request) => page.evaluate((r) => window.bench.run(r), request);

export const KINDS = ['vanilla', 'deep', 'conv', 'denoising', 'vae'];

/** Waits until the playground's Train button can be pressed. */
export async function waitReady(page) {
  await page.waitForFunction(
    () => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Train');
      return b && !b.disabled;
    },
    undefined,
    { timeout: 120_000 },
  );
}

/** Records the page's main-thread tasks over 50 ms in window.__longTasks, from its first script on. */
export function observeLongTasks(page) {
  return page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Durations of the long tasks that started at or after `t0` (page time, ms). */
export const longTasksSince = (page, t0) => page.evaluate((t) => window.__longTasks.filter((x) => x.start >= t).map((x) => x.duration), t0);

/** p-quantile of a list of numbers. */
export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
