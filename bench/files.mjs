// Section 8 of `npm run bench`: what a student keeps and carries. The time to
// keep a model in the browser, to download it and to open it again from the
// files (until its reconstructions are on screen), for three kinds at their
// defaults; the size of a kept run and of each model file; and the bytes the
// service worker fetches in the background after the first load (the app
// precached for offline visits). Takes the run's options and results (`ctx`,
// made in run.mjs) and the app server's byte counter.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, waitReady } from './common.mjs';

/** Clicks a button and waits for a status line matching `done`; returns the milliseconds between. */
async function timed(page, button, done) {
  const t0 = Date.now();
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('status').filter({ hasText: done }).last().waitFor({ timeout: 30_000 });
  return Date.now() - t0;
}

/** Bytes of the kept runs' records (summary and details, arrays at their byte length). */
function keptSizes(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('autoencoder-playground');
      r.onsuccess = () => resolve(r.result);
      r.onerror = reject;
    });
    const all = (store) =>
      new Promise((resolve) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result);
      });
    const size = (v) =>
      ArrayBuffer.isView(v) || v instanceof ArrayBuffer
        ? v.byteLength
        : Array.isArray(v)
          ? v.reduce((s, x) => s + size(x), 8)
          : v && typeof v === 'object'
            ? Object.entries(v).reduce((s, [k, x]) => s + 2 * k.length + size(x), 0)
            : typeof v === 'string'
              ? 2 * v.length
              : 8;
    const [runs, details] = [await all('runs'), await all('details')];
    return runs.map((r) => size(r) + size(details.find((d) => d.id === r.id)));
  });
}

export async function files(ctx, browser, appUrl, served) {
  const { quick, results, log } = ctx;
  log('\n## 8. Keeping and carrying models (wasm; each kind at its defaults, paused after a few steps)');
  results.files = [];
  const repeats = quick ? 1 : 3;
  for (const kind of ['vanilla', 'deep', 'conv']) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${appUrl}?kind=${kind}&epochs=1&backend=wasm`);
    await waitReady(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForFunction(() => /step ([2-9]\d|\d{3,})\//.test(document.querySelector('[role=status]')?.textContent ?? ''));
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('table', { name: 'Kept runs' }).waitFor({ timeout: 30_000 });
    const dir = mkdtempSync(join(tmpdir(), 'bench-files-'));
    const downloads = [];
    page.on('download', (d) => downloads.push(d.saveAs(join(dir, d.suggestedFilename())).then(() => join(dir, d.suggestedFilename()))));
    const keep = [];
    const download = [];
    const open = [];
    for (let i = 0; i < repeats; i++) {
      keep.push(await timed(page, 'Keep this model in the browser', /is kept in this browser/));
      downloads.length = 0;
      download.push(await timed(page, 'Download model files', /^Downloaded /));
      const paths = await Promise.all(downloads);
      const t0 = Date.now();
      await page.getByLabel('Open model files…').setInputFiles(paths);
      await page.getByRole('img', { name: /^Reconstructions at step 0\b/ }).waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => /paused$/.test(document.querySelector('[role=status]')?.textContent ?? ''));
      open.push(Date.now() - t0);
      if (i === repeats - 1) {
        const sizes = paths.map((p) => statSync(p).size);
        const run = Math.max(...(await keptSizes(page)));
        const row = { kind, keepMs: median(keep), downloadMs: median(download), openMs: median(open), fileBytes: sizes, keptRunBytes: run };
        results.files.push(row);
        log(
          `${kind.padEnd(8)} keep ${fmt(row.keepMs)} ms, download ${fmt(row.downloadMs)} ms, open from files ${fmt(row.openMs)} ms ` +
            `(medians of ${repeats}); files ${sizes.map((s) => `${fmt(s / 1e3, 1)} kB`).join(' + ')}; a kept run ${fmt(run / 1e3, 1)} kB`,
        );
      }
      // The opened model trains a few steps, for the next round.
      if (i < repeats - 1) {
        await page.getByRole('button', { name: 'Resume' }).click();
        await page.waitForFunction(() => /step ([3-9]|\d{2,})\//.test(document.querySelector('[role=status]')?.textContent ?? ''));
        await page.getByRole('button', { name: 'Pause' }).click();
        await page.waitForFunction(() => /paused$/.test(document.querySelector('[role=status]')?.textContent ?? ''));
      }
    }
    await context.close();
  }
  // What the service worker fetches once the page is ready (the precache), on a fresh profile.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  served.reset();
  await page.goto(appUrl);
  await waitReady(page);
  const ready = served.total;
  await page.getByText(/^The playground is kept in this browser/).waitFor({ timeout: 60_000 });
  results.serviceWorker = { bytesToReady: ready, precacheBytes: served.total - ready };
  log(
    `first load: ${fmt(ready / 1e6, 2)} MB until ready to train; then the service worker's precache, in the background: ${fmt((served.total - ready) / 1e3)} kB`,
  );
  await context.close();
}
