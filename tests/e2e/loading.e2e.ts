/**
 * Loading the built playground in headless Chromium: the digits download
 * once from the app's own origin, with progress, and a failed download can be
 * retried. Screenshots land in test-results/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, backendName, baseUrl, launch, openPlayground, statusText, waitReady } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('loading', () => {
  it('shows progress, loads MNIST with no console error and asks no other origin', async () => {
    const { page, errors, foreign, requests } = await openPlayground(browser);
    await waitReady(page);
    // The listener sees the worker's requests too (the data and the .wasm binary).
    // The digits are downloaded once: the page's preload is the response the worker reads.
    expect(requests.filter((u) => u.endsWith('/data/mnist.bin'))).toHaveLength(1);
    expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(await backendName(page)).toMatch(/^(wasm|webgl|webgpu|cpu)$/);
    expect(await statusText(page)).toBe('ready to train');
    // The first words under the title say what to press.
    expect(await page.getByText(/^Start here: press Train\./).count()).toBe(1);
    // Beside the bottleneck slider (k = 32): the code's weight in bits.
    expect(await page.getByText(/^In bits \(for storage\): /).textContent()).toMatch(/1,024 as float32, 512 as float16,\s+against 6,272/);
    // Without a GPU here, the automatic choice must not be software WebGL.
    expect(await page.getByText(/^auto: /).textContent()).toMatch(/auto:/);
    // The server isolates the page, so WASM computes on one thread per core (a production build's threads once hung).
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    if ((await backendName(page)) === 'wasm' && cores > 1) {
      expect(
        await page
          .getByText(/^Computed with /)
          .first()
          .textContent(),
      ).toContain(`wasm on ${Math.min(cores, 8)} threads`);
    }
    await page.screenshot({ path: `${SHOTS}/ready.png`, fullPage: true });
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('shows download progress on a slow connection', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // About 4 MB/s: the 11 MB asset takes a few seconds.
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: 4e6,
      uploadThroughput: 4e6,
    });
    await page.goto(baseUrl());
    const bar = page.getByRole('progressbar', { name: 'Loading MNIST' });
    await bar.waitFor({ timeout: 10_000 });
    const readValue = () => bar.evaluate((el) => (el as HTMLProgressElement).value);
    await page.waitForFunction(() => ((document.querySelector('progress') as HTMLProgressElement | null)?.value ?? 0) > 0);
    const early = await readValue();
    await expect.poll(readValue, { timeout: 10_000 }).toBeGreaterThan(early);
    expect(await bar.evaluate((el) => (el as HTMLProgressElement).max)).toBeGreaterThan(10e6);
    await page.screenshot({ path: `${SHOTS}/loading.png` });
    await waitReady(page);
    expect(await page.getByRole('progressbar').count()).toBe(0);
    await context.close();
  });

  it('reports a failed download and recovers with Retry', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let fail = true;
    await context.route('**/data/mnist.bin', (route) => (fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
    await page.goto(baseUrl());
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/503/);
    await page.screenshot({ path: `${SHOTS}/load-error.png` });
    fail = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await waitReady(page);
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
  });
});
