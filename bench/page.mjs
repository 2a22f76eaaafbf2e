// Sections of `npm run bench` that measure the page as a user meets it:
// cold load and bytes, and responsiveness while the conv model trains (the
// explorer's hover decode and long tasks are explore.mjs's). Each takes the run's options and
// results (`ctx`, made in run.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fmt, median, observeLongTasks, waitReady } from './common.mjs';

/** Bytes the app's server has sent (after its compression), by kind: the ground truth for "transferred". */
export const served = {
  total: 0,
  js: 0,
  reset() {
    this.total = 0;
    this.js = 0;
  },
};

export function countBytes() {
  return {
    name: 'count-served-bytes',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const isJs = /\.js(\?|$)/.test(req.url ?? '');
        const write = res.write.bind(res);
        const end = res.end.bind(res);
        const count = (chunk, encoding) => {
          if (chunk == null || typeof chunk === 'function') return;
          const n =
            Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
              ? chunk.byteLength
              : Buffer.byteLength(chunk, typeof encoding === 'string' ? encoding : 'utf8');
          served.total += n;
          if (isJs) served.js += n;
        };
        res.write = (chunk, encoding, cb) => (count(chunk, encoding), write(chunk, encoding, cb));
        res.end = (chunk, encoding, cb) => (count(chunk, encoding), end(chunk, encoding, cb));
        next();
      });
    },
  };
}

export async function coldLoad(ctx, browser, appUrl) {
  const { results, log } = ctx;
  log('\n## 4. Cold load (navigation → first reconstruction grid)');
  results.coldLoad = [];
  for (const network of ['localhost', '100 Mbit/s, 20 ms']) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (network !== 'localhost') {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 20,
        downloadThroughput: 12.5e6,
        uploadThroughput: 12.5e6,
      });
    }
    served.reset();
    const start = Date.now();
    await page.goto(appUrl);
    await waitReady(page);
    const ready = Date.now() - start;
    await page.getByRole('button', { name: 'Train' }).click();
    await page.getByRole('img', { name: /^Reconstructions at step/ }).waitFor({ timeout: 120_000 });
    const firstGrid = Date.now() - start;
    const wire = { total: served.total, js: served.js };
    results.coldLoad.push({ network, readySeconds: ready / 1000, firstGridSeconds: firstGrid / 1000, bytes: wire.total, jsBytes: wire.js });
    log(
      `${network.padEnd(18)} ready to train ${fmt(ready / 1000, 2)} s, first reconstructions ${fmt(firstGrid / 1000, 2)} s, ` +
        `${fmt(wire.total / 1e6, 2)} MB transferred (JavaScript ${fmt(wire.js / 1e3)} kB)`,
    );
    await context.close();
  }
  const gz = (dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .reduce((s, f) => s + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  results.bundleGzipBytes = gz('dist/assets');
  log(`all JavaScript in the build, gzip -9: ${fmt(results.bundleGzipBytes / 1e3)} kB (the GPU backends load only when used)`);
}

export async function responsiveness(ctx, browser, appUrl) {
  const { quick, results, log } = ctx;
  log('\n## 5. Responsiveness while the conv model trains');
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await observeLongTasks(page);
  await page.goto(`${appUrl}?kind=conv`);
  await waitReady(page);
  const clicked = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => /step [1-9]/.test(document.querySelector('[role=status]')?.textContent ?? ''));
  const from = await page.evaluate(() => performance.now());
  await page.waitForTimeout(quick ? 5000 : 15000);
  const tasks = await page.evaluate((t0) => window.__longTasks.filter((t) => t.start >= t0).map((t) => t.duration), from);
  const atStart = await page.evaluate(
    ([t0, t1]) => window.__longTasks.filter((t) => t.start >= t0 && t.start < t1).map((t) => t.duration),
    [clicked, from],
  );
  const pauses = [];
  for (let i = 0; i < 3; i++) {
    const ms = await page.evaluate(async () => {
      const status = () => document.querySelector('[role=status]')?.textContent ?? '';
      const stepOf = () => Number(/step (\d+)/.exec(status())?.[1] ?? 0);
      const pause = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Pause');
      const t0 = performance.now();
      pause.click();
      // Stopped: the step counter has not moved for 300 ms (time of the last change counts).
      let last = stepOf();
      let lastChange = performance.now();
      while (performance.now() - lastChange < 300) {
        await new Promise((r) => requestAnimationFrame(r));
        const s = stepOf();
        if (s !== last) {
          last = s;
          lastChange = performance.now();
        }
      }
      return lastChange - t0;
    });
    pauses.push(Math.max(0, ms));
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.waitForTimeout(1500);
  }
  await page.close();
  results.responsiveness = {
    longestTaskWhileTrainingMs: tasks.length ? Math.max(...tasks) : 0,
    longTasksWhileTraining: tasks.length,
    longestTaskAtStartMs: atStart.length ? Math.max(...atStart) : 0,
    pauseMs: pauses,
  };
  log(
    `main-thread tasks over 50 ms while training: ${tasks.length} (longest ${fmt(results.responsiveness.longestTaskWhileTrainingMs)} ms); between the click on Train and the first step: longest ${fmt(results.responsiveness.longestTaskAtStartMs)} ms`,
  );
  log(`Pause → step counter stopped: ${pauses.map((p) => `${fmt(p)} ms`).join(', ')} (median ${fmt(median(pauses))} ms)`);
}
