/**
 * The built playground under the strict Content-Security-Policy the preview
 * server sends (vite.config.ts): no eval, no inline script, nothing from
 * another origin. A variational autoencoder trains on WASM's threads, every
 * question tab opens and the explorer answers, with no violation reported
 * by the page or its workers; and the watch itself is shown to catch what
 * the policy blocks.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, waitForStatus, waitReady } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console messages of the page and its workers that report a blocked resource or script. */
  refused: string[];
  foreign: string[];
  policy: string;
}

async function openWatched(query: string): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  // The page's own record of violations, kept from its first script on.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const refused: string[] = [];
  const foreign: string[] = [];
  const origin = new URL(baseUrl()).origin;
  const watch = (text: string) => /Content Security Policy|Refused to/i.test(text) && refused.push(text);
  page.on('console', (m) => watch(m.text()));
  page.on('worker', (w) => w.on('console', (m) => watch(`worker: ${m.text()}`)));
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) foreign.push(url);
  });
  const response = await page.goto(`${baseUrl()}${query}`);
  return { context, page, refused, foreign, policy: response?.headers()['content-security-policy'] ?? '' };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

describe('a strict Content-Security-Policy', () => {
  it('is what the server sends: no eval, no inline script, only this origin', async () => {
    const { context, policy } = await openWatched('');
    const directives = new Map(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    const scripts = directives.get('script-src') ?? [];
    expect(scripts).toContain("'self'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(policy).not.toMatch(/\*|https?:/);
    await context.close();
  });

  it('lets the whole playground run with zero violations and zero requests to other origins', async () => {
    const { context, page, refused, foreign } = await openWatched('?kind=vae&code=2&epochs=1');
    await waitReady(page);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitForStatus(page, (s) => s.step >= 30, 60_000);
    // Every question tab, while the model trains: the explorer, drawing, interpolation, denoising, PCA, the applications.
    const tabs = await page.getByRole('tab').all();
    expect(tabs.length).toBeGreaterThan(3);
    for (const tab of tabs) {
      await tab.click();
      await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    }
    await page.getByRole('tab').first().click();
    const latent = page.getByRole('img', { name: /^Latent space at step/ }).first();
    const box = await latent.boundingBox();
    if (box) for (let i = 1; i < 8; i++) await page.mouse.move(box.x + (box.width * i) / 8, box.y + box.height / 2);
    await waitForStatus(page, (_, text) => / · done$/.test(text), 120_000);
    expect(await violations(page)).toEqual([]);
    expect(refused).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('is enforced, and the watch sees what it blocks', async () => {
    const { context, page, refused } = await openWatched('');
    await waitReady(page);
    // An inline script and an inline event handler, as an injected page would carry (code run by the
    // test harness itself is exempt from the policy, so the page's own HTML must carry them).
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { inlineRan?: boolean; handlerRan?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:," onerror="window.handlerRan = true">';
      document.body.append(holder);
      await new Promise((r) => setTimeout(r, 300));
      return { inline: w.inlineRan === true, handler: w.handlerRan === true };
    });
    expect(ran).toEqual({ inline: false, handler: false });
    await expect
      .poll(() => violations(page))
      .toEqual(
        expect.arrayContaining([expect.stringMatching(/^script-src-elem inline/), expect.stringMatching(/^script-src-attr inline/)]),
      );
    expect(refused.length).toBeGreaterThan(0);
    await context.close();
  });
});
