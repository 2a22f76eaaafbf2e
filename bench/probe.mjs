// Section 10 of `npm run bench`: the backend probe as a first visit meets
// it. A fresh browser context (nothing kept) opens the playground with
// backend=auto; the probe trains the link's model on each backend for about
// a second in all and keeps what it measured, which is read back here.
// Repeated REPEATS times (the median is printed), for the default model and
// the convolutional one (the slowest step).
import { fmt, median, waitReady } from './common.mjs';

export const PROBE_TARGET_MS = 1000;
const KEY = 'autoencoder-playground:backend-probe';

export async function probe(ctx, browser, appUrl) {
  const { results, log, repeats: REPEATS } = ctx;
  log(`\n## 10. The backend probe on a first visit (target: about a second, ${fmt(PROBE_TARGET_MS)} ms)`);
  results.probe = [];
  for (const kind of ['vanilla', 'conv']) {
    const runs = [];
    for (let r = 0; r < REPEATS; r++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${appUrl}?kind=${kind}`);
      await waitReady(page);
      await page.waitForFunction((key) => !!localStorage.getItem(key), KEY, { timeout: 30_000 });
      runs.push(await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), KEY));
      await context.close();
    }
    const ms = median(runs.map((p) => p.ms));
    const last = runs.at(-1);
    const measured = last.candidates
      .map((b) => {
        const rates = runs.map((p) => p.results.find((x) => x.backend === b)?.timing?.samplesPerSecond).filter((x) => Number.isFinite(x));
        return `${b} ${rates.length ? `${fmt(median(rates))} images/s` : 'no figure'}`;
      })
      .join(', ');
    results.probe.push({ kind, ms, runs, chosen: runs.map((p) => p.chosen), target: PROBE_TARGET_MS });
    log(
      `${kind.padEnd(8)} probe took ${fmt(ms)} ms (median of ${fmt(runs.length)}) [target about ${fmt(PROBE_TARGET_MS)}]: ${measured}; chose ${runs.map((p) => p.chosen).join(', ')}`,
    );
  }
}
