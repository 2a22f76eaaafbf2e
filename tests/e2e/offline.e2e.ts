/**
 * Offline, in headless Chromium: once the page has loaded, its service
 * worker keeps the app and the dataset it downloaded; with the network
 * switched off, a reload opens the playground and it trains. The page can
 * be installed: it has a web app manifest with icons. A new version waits
 * until the page's Reload, then takes over.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, launch, openPlayground, waitForStatus, waitReady } from './browser';
import { inkedShare } from './canvas';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('offline', () => {
  it('after one visit, reloads and trains with the network switched off', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=vanilla&epochs=1');
    await waitReady(page);
    // Installable: a manifest with a name, a start URL and icons that load.
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel=manifest]')!;
      const json = await (await fetch(link.href)).json();
      const icons = await Promise.all(json.icons.map(async (i: { src: string }) => (await fetch(new URL(i.src, link.href))).ok));
      return { name: json.name, start: json.start_url, display: json.display, icons: json.icons.length, loaded: icons.every(Boolean) };
    });
    expect(manifest).toEqual({ name: 'Autoencoder Playground', start: '.', display: 'standalone', icons: 3, loaded: true });
    // The app is kept (the page says so), and so is the dataset it downloaded.
    await page.getByText(/^The playground is kept in this browser/).waitFor({ timeout: 60_000 });
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const cache = await caches.open('autoencoder-playground-data');
            return Boolean(await cache.match(new URL('data/mnist.bin', location.href).href));
          }),
        { timeout: 30_000 },
      )
      .toBe(true);

    await page.context().setOffline(true);
    await page.reload();
    await waitReady(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const first = await waitForStatus(page, (s) => s.loss !== null, 30_000);
    await waitForStatus(page, (s) => s.loss !== null && s.loss < first.loss! * 0.8, 60_000);
    expect(await inkedShare(page.getByRole('img', { name: /^Reconstructions at step/ }))).toBeGreaterThan(0.05);
    await page.screenshot({ path: `${SHOTS}/offline.png` });
    // Nothing the page needed failed to load offline.
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    // Fetching anything new fails (a console error of its own): the page really is offline.
    expect(
      await page.evaluate(() =>
        fetch(`./not-cached-${Date.now()}.txt`).then(
          () => 'online',
          () => 'offline',
        ),
      ),
    ).toBe('offline');
    await page.context().close();
  });

  it('a new version waits, says so, and takes over when the page reloads into it', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=vanilla');
    await waitReady(page);
    await page.getByText(/^The playground is kept in this browser/).waitFor({ timeout: 60_000 });
    const first = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    // A new build on the server: its service worker differs by a byte.
    const original = readFileSync('dist/sw.js', 'utf8');
    try {
      writeFileSync('dist/sw.js', `${original}\n// the next version\n`);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
      await page.getByText(/^A new version of the playground is ready/).waitFor({ timeout: 30_000 });
      // It waits: the page goes on with the version it started with.
      expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting))).toBe(true);
      await page.screenshot({ path: `${SHOTS}/update-ready.png` });
      await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: 'Reload to use it' }).click()]);
      await waitReady(page);
      const after = await page.evaluate(async () => {
        const registration = (await navigator.serviceWorker.getRegistration())!;
        return { waiting: Boolean(registration.waiting), controlled: Boolean(navigator.serviceWorker.controller) };
      });
      expect(after).toEqual({ waiting: false, controlled: true });
      expect(await page.getByText(/^A new version of the playground is ready/).count()).toBe(0);
    } finally {
      writeFileSync('dist/sw.js', original);
    }
    expect(first).toMatch(/sw\.js$/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
