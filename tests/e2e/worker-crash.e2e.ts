/**
 * A training worker that crashes mid-run, in headless Chromium: the test
 * makes the real worker throw an uncaught error (through Playwright's handle
 * on the worker, so the app needs no hook of its own). The page restarts it
 * and says so; the curves, the figures, the kept run and the link stay; Train
 * trains again on the new worker.
 */
import type { Browser, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, keptRuns, launch, openPlayground, parseStatus, statusText, waitForStatus, waitReady } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** The page's training worker (not the analysis worker, nor one already let go). */
async function trainingWorker(page: Page, not?: Worker): Promise<Worker> {
  await expect.poll(() => page.workers().some((w) => w.url().includes('training.worker') && w !== not)).toBe(true);
  return page.workers().find((w) => w.url().includes('training.worker') && w !== not)!;
}

/** How many training batches the loss chart draws ("Loss curve: N training batches…"). */
async function chartedBatches(page: Page): Promise<number> {
  const label = (await page.getByRole('img', { name: /^Loss curve/ }).getAttribute('aria-label')) ?? '';
  return Number(/^Loss curve: (\d+) training batches/.exec(label)?.[1] ?? 0);
}

describe('a training worker that crashes', () => {
  it('is restarted with a message; the curves, the kept run and the URL stay, and Train trains again', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=vanilla&epochs=3&code=8');
    await waitReady(page);
    const url = page.url();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitForStatus(page, (s) => s.step > 40, 60_000);
    const worker = await trainingWorker(page);

    // An uncaught error inside the worker, as a bug or a failed allocation would throw.
    await worker.evaluate(() => {
      setTimeout(() => {
        throw new Error('crashed on purpose by a test');
      });
    });
    const notice = page.getByRole('alert').filter({ hasText: /^The training worker stopped/ });
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/crashed on purpose by a test.*a new one was started.*press Train to train again/);

    // The run as it stood: its step, its curve and its place in Your runs; the link unchanged.
    const stopped = parseStatus(await statusText(page));
    expect(stopped.step).toBeGreaterThan(40);
    expect(await statusText(page)).toMatch(/ · failed$/);
    const batches = await chartedBatches(page);
    expect(batches).toBeGreaterThan(0);
    const kept = keptRuns(page).filter({ hasText: 'on screen now' });
    await kept.waitFor({ timeout: 10_000 });
    await expect.poll(() => kept.innerText()).toMatch(/failed/);
    expect(page.url()).toBe(url);

    // A new worker, the old one gone; it loads the images and the page is ready again, the curve still drawn.
    await trainingWorker(page, worker);
    await waitReady(page);
    // The old worker's own threads (WASM's) end with it, which the browser reports a moment later.
    await expect.poll(() => page.workers().filter((w) => w.url().includes('training.worker')).length, { timeout: 10_000 }).toBe(1);
    expect(await chartedBatches(page)).toBe(batches);
    expect(parseStatus(await statusText(page)).step).toBe(stopped.step);
    await page.screenshot({ path: `${SHOTS}/worker-restarted.png`, fullPage: false });

    // Train: a new run with the same settings trains on the new worker; the notice goes.
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitForStatus(page, (s, text) => s.step > 5 && / · training$/.test(text), 60_000);
    expect(await notice.count()).toBe(0);
    expect(page.url()).toBe(url);
    // The only error reported is the one the test threw.
    expect(errors.filter((e) => !e.includes('crashed on purpose by a test'))).toEqual([]);
    await page.context().close();
  });
});
