/**
 * WASM's threads on a host that sends no isolation headers: the first visit
 * runs on one thread and says why; the page's service worker adds the two
 * headers to what it serves (public/sw-isolation.js), so the next visit is
 * cross-origin isolated and computes on one thread per core.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, statusText, waitReady } from './browser';
import { serveStatic } from './static-host';

let browser: Browser;
let host: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  browser = await launch();
  host = await serveStatic('dist');
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe('a static host without the isolation headers', () => {
  it('computes on one thread at first, and on one per core from the visit after the service worker took over', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const first = await page.goto(`${host.url}?backend=wasm`);
    expect(first?.headers()['cross-origin-embedder-policy']).toBeUndefined();
    await waitReady(page);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
    const line = () =>
      page
        .getByText(/^Computed with /)
        .first()
        .textContent();
    expect(await line()).toBe('Computed with wasm (WebAssembly, on your processor)');
    expect(await page.getByText(/not cross-origin isolated/).count()).toBe(1);

    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    const second = await page.reload();
    expect(second?.fromServiceWorker()).toBe(true);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await waitReady(page);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    if (cores > 1) expect(await line()).toBe(`Computed with wasm on ${Math.min(cores, 8)} threads (WebAssembly, on your processor)`);
    // And it trains there.
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => statusText(page), { timeout: 30_000 }).toMatch(/step [1-9]/);
    await context.close();
  });
});
