import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

/** Where screenshots go (git-ignored). */
export const SHOTS = 'test-results/screenshots';

/** The system Chromium; CHROME_PATH overrides the Debian default. */
export async function launch(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export const baseUrl = () => inject('baseUrl');

export interface PageProbe {
  page: Page;
  /** Console errors and uncaught exceptions, in the page and its worker. */
  errors: string[];
  /** URLs requested from any origin other than the app's. */
  foreign: string[];
  /** Every URL requested, by the page or its worker. */
  requests: string[];
}

export async function openPlayground(browser: Browser, query = ''): Promise<PageProbe> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  const requests: string[] = [];
  const origin = new URL(baseUrl()).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && errors.push(`worker: ${m.text()}`)));
  context.on('request', (r) => {
    const url = r.url();
    requests.push(url);
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) foreign.push(url);
  });
  await page.goto(`${baseUrl()}${query}`);
  return { page, errors, foreign, requests };
}

/** Waits until the data is loaded and a backend runs (the Train button is enabled). */
export async function waitReady(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train' }).waitFor();
  await page.waitForFunction(
    () => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Train');
      return b && !b.disabled;
    },
    undefined,
    { timeout: 90_000 },
  );
}

export async function statusText(page: Page): Promise<string> {
  return (await page.getByRole('status').textContent()) ?? '';
}

/** Parses "step N" and "loss X" out of the status line. */
export function parseStatus(text: string): { step: number; loss: number | null; backend: string | null } {
  const step = Number(/step (\d+)/.exec(text)?.[1] ?? 0);
  const loss = /loss (\d+\.\d+)/.exec(text);
  const backend = /backend (\w+)/.exec(text);
  return { step, loss: loss ? Number(loss[1]) : null, backend: backend && backend[1] !== 'starting' ? backend[1] : null };
}

/** Share of a canvas's pixels that are not (near-)white: 0 for a blank canvas. */
export async function inkedShare(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const ctx = c.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 600) inked++;
    return inked / (data.length / 4);
  });
}
