import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
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

export async function openPlayground(
  browser: Browser,
  query = '',
  viewport: { width: number; height: number } = { width: 1400, height: 1000 },
): Promise<PageProbe> {
  const context = await browser.newContext({ viewport });
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

/** The run's status line (the first status region: panels have their own). */
export async function statusText(page: Page): Promise<string> {
  return (await page.getByRole('status').first().textContent()) ?? '';
}

/** Parses "step N" and "loss X" out of the status line. */
export function parseStatus(text: string): { step: number; loss: number | null } {
  const step = Number(/step (\d+)/.exec(text)?.[1] ?? 0);
  const loss = /loss (\d+\.\d+)/.exec(text);
  return { step, loss: loss ? Number(loss[1]) : null };
}

/** The backend the page says it computes with ("Computed with wasm (…)"), or null while it starts. */
export async function backendName(page: Page): Promise<string | null> {
  const text =
    (await page
      .getByText(/^Computed with \w+/)
      .first()
      .textContent()) ?? '';
  return /^Computed with (\w+)/.exec(text)?.[1] ?? null;
}

export type Status = ReturnType<typeof parseStatus>;

/** Polls the status line until `predicate` holds; fails after `ms` with the last text seen. */
export async function waitForStatus(page: Page, predicate: (s: Status, text: string) => boolean, ms: number): Promise<Status> {
  await expect.poll(() => statusText(page), { timeout: ms, interval: 100 }).toSatisfy((text: string) => predicate(parseStatus(text), text));
  return parseStatus(await statusText(page));
}

/** Asserts that `read` gives the same value at every check for `ms` (e.g. a paused step counter). */
export async function expectSteady<T>(read: () => Promise<T>, ms: number): Promise<void> {
  const first = await read();
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    expect(await read()).toEqual(first);
  }
}

/** Trains the settings in `query` to the end of their epochs. */
export async function trainedPage(browser: Browser, query: string): Promise<PageProbe> {
  const probe = await openPlayground(browser, query);
  await waitReady(probe.page);
  await probe.page.getByRole('button', { name: 'Train' }).click();
  // In the page, not by expect.poll: this also runs in beforeAll hooks.
  await probe.page.waitForFunction(() => / · done$/.test(document.querySelector('[role=status]')?.textContent ?? ''), undefined, {
    timeout: 150_000,
  });
  return probe;
}

/** Opens the question tab `name` and returns its panel. */
export async function openTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tab', { name }).click();
  return page.getByRole('tabpanel');
}

/** The canvas of the latent scatter's points (drawn under the labelled, interactive layer). */
export function latentPoints(page: Page): Locator {
  return page
    .getByRole('figure')
    .filter({ has: page.getByRole('img', { name: /^Latent space at step/ }) })
    .locator('canvas')
    .first();
}

/** The first data cell of the row headed by `row` (a string prefix or pattern) in `table`. */
export function cellOf(table: Locator, row: string | RegExp): Locator {
  return table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: row }) })
    .getByRole('cell')
    .first();
}

/** The rows of the kept runs' table (each run's own, the header left out). */
export function keptRuns(page: Page): Locator {
  return page
    .getByRole('table', { name: 'Kept runs' })
    .getByRole('row')
    .filter({ has: page.getByRole('checkbox') });
}

/** Opens `query` in the page's own context (its IndexedDB stays), trains it to the end and waits until it is kept with its test scores. */
export async function trainToEnd(page: Page, query: string): Promise<void> {
  await page.goto(new URL(query, page.url()).href);
  await waitReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await waitForStatus(page, (_, text) => / · done$/.test(text), 120_000);
  await keptRuns(page)
    .filter({ hasText: 'on screen now' })
    .filter({ hasText: /MSE \d/ })
    .waitFor({ timeout: 20_000 });
}
