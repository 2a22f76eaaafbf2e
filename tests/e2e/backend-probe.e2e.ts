/**
 * Choosing the backend by measuring it (src/app/backend-probe.ts): a first
 * visit with `backend=auto` trains the link's model for about a second on
 * each backend Chromium offers, keeps what it measured for this browser,
 * shows it, and uses the fastest; a later visit measures nothing; the
 * learner can measure again; a kept measurement decides what 'auto' starts.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, waitReady } from './browser';

const KEY = 'autoencoder-playground:backend-probe';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

interface Kept {
  ms: number;
  measuredAt: string;
  chosen: string;
  candidates: string[];
  results: { backend: string; timing: { samplesPerSecond: number | null } | null }[];
}

async function open(context: BrowserContext, query = ''): Promise<{ page: Page; probes: () => number }> {
  const page = await context.newPage();
  let probes = 0;
  page.on('worker', (w) => void (/backend-probe\.worker/.test(w.url()) && probes++));
  await page.goto(`${baseUrl()}${query}`);
  return { page, probes: () => probes };
}

const kept = (page: Page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as Kept | null, KEY);
const details = (page: Page) => page.locator('details.backend-reason');

describe('the backend, chosen by measuring', () => {
  it('measures each backend for about a second on a first visit, shows it, and keeps it for the next', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const first = await open(context);
    await waitReady(first.page);
    await expect.poll(() => kept(first.page), { timeout: 20_000 }).not.toBeNull();
    const probe = (await kept(first.page))!;
    expect(first.probes()).toBe(1);
    // About a second of measuring (its budget, and one step that may end just after it).
    expect(probe.ms).toBeGreaterThan(0);
    expect(probe.ms).toBeLessThan(1500);
    expect(probe.candidates[0]).toBe('wasm');
    const wasm = probe.results.find((r) => r.backend === 'wasm');
    expect(wasm?.timing?.samplesPerSecond).toBeGreaterThan(0);
    // No GPU here: WebGL runs in software and cannot beat WASM in its share of the second.
    expect(probe.chosen).toBe('wasm');
    await details(first.page).locator('summary').click();
    await expect.poll(() => details(first.page).innerText()).toMatch(/Measured on this machine, .*training vanilla, code 32, batch 128/);
    const lines = await first.page.getByRole('list', { name: 'What each backend measured' }).getByRole('listitem').allTextContents();
    expect(lines[0]).toMatch(/^wasm( \(\d threads\))?: [\d,]+ images\/s$/);
    expect(lines).toHaveLength(probe.candidates.length);
    await first.page.close();

    // The next visit uses what was kept, without measuring.
    const second = await open(context);
    await waitReady(second.page);
    await details(second.page).locator('summary').click();
    await expect.poll(() => details(second.page).innerText()).toMatch(/auto: wasm was the fastest measured on this machine/);
    expect(second.probes()).toBe(0);

    // Measure again: a new measurement, kept in place of the old.
    await second.page.getByRole('button', { name: 'Measure again' }).click();
    await expect.poll(async () => (await kept(second.page))?.measuredAt, { timeout: 20_000 }).not.toBe(probe.measuredAt);
    expect(second.probes()).toBe(1);
    await context.close();
  });

  it('starts what the kept measurement found fastest, and measures nothing for a chosen backend', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const look = await context.newPage();
    await look.goto(`${baseUrl()}?backend=wasm`);
    const key = await look.evaluate(
      () => `${navigator.userAgent}|${navigator.hardwareConcurrency}|${self.crossOriginIsolated ? 'isolated' : 'shared'}`,
    );
    await look.close();
    // As if this machine had measured WebGL fastest.
    const measured = {
      key,
      measuredAt: new Date().toISOString(),
      model: 'vanilla, code 32, batch 128',
      ms: 900,
      candidates: ['wasm', 'webgl'],
      tried: ['wasm', 'webgl'],
      results: [
        { backend: 'wasm', started: true, threads: 2, timing: { samplesPerSecond: 100, firstStepMs: 10, steps: 3 } },
        { backend: 'webgl', started: true, threads: 1, timing: { samplesPerSecond: 200, firstStepMs: 10, steps: 3 } },
      ],
      chosen: 'webgl',
    };
    await context.addInitScript(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify(measured)] as const);
    const auto = await open(context);
    await waitReady(auto.page);
    await expect
      .poll(() =>
        auto.page
          .getByText(/^Computed with /)
          .first()
          .textContent(),
      )
      .toMatch(/^Computed with webgl/);
    expect(auto.probes()).toBe(0);
    await auto.page.close();

    const chosen = await open(await browser.newContext(), '?backend=wasm');
    await waitReady(chosen.page);
    expect(chosen.probes()).toBe(0);
    await chosen.page.context().close();
    await context.close();
  });
});
