/**
 * Model files in headless Chromium: a trained model kept in the browser and
 * downloaded, then opened again after a reload, from the history and from
 * the downloaded files, giving the same reconstructions to the pixel; every
 * bad file of the fixture set refused with its own message within 2 s,
 * leaving the model on screen and the runs as they were.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, keptRuns, launch, openPlayground, statusText, waitReady, waitForStatus } from './browser';
import { pixels } from './canvas';

const FIXTURES = 'tests/fixtures/model-files';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const reconstructions = (page: Page) => page.getByRole('img', { name: /^Reconstructions at step/ });
/** Waits for a loaded model's paused run and its reconstructions at step 0, and returns their pixels. */
async function openedPixels(page: Page): Promise<number[]> {
  await page
    .getByRole('status')
    .filter({ hasText: /^Opened / })
    .waitFor({ timeout: 10_000 });
  await waitForStatus(page, (_, text) => /paused$/.test(text), 20_000);
  await page.getByRole('img', { name: /^Reconstructions at step 0\b/ }).waitFor({ timeout: 20_000 });
  return pixels(reconstructions(page));
}

describe('model files', () => {
  it('keeps, downloads and opens a model again after a reload, with the same reconstructions to the pixel', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=vanilla&code=8&epochs=1');
    await waitReady(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitForStatus(page, (_, text) => / · done$/.test(text), 60_000);
    await page.getByRole('img', { name: /^Reconstructions at step 468\b/ }).waitFor();
    const trained = await pixels(reconstructions(page));

    let t0 = Date.now();
    await page.getByRole('button', { name: 'Keep this model in the browser' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /is kept in this browser with its run/ })
      .waitFor();
    console.log(`kept in the browser in ${Date.now() - t0} ms`);
    await keptRuns(page).filter({ hasText: 'model saved' }).waitFor();

    const dir = mkdtempSync(join(tmpdir(), 'model-files-'));
    const downloads: string[] = [];
    page.on('download', (d) => {
      const path = join(dir, d.suggestedFilename());
      downloads.push(path);
      void d.saveAs(path);
    });
    t0 = Date.now();
    await page.getByRole('button', { name: 'Download model files' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Downloaded .*\.json \(.*\) and .*\.weights\.bin \(.*\), the model at step 468/ })
      .waitFor();
    console.log(`downloaded in ${Date.now() - t0} ms`);
    await expect.poll(() => downloads.length).toBe(2);
    expect(downloads.map((p) => p.split('/').pop())).toEqual(['vanilla-code-8-bce-seed-1.json', 'vanilla-code-8-bce-seed-1.weights.bin']);

    // After a reload, from the history.
    // A page with a backend of its own keeps it: the file says what was trained, not where.
    await page.goto(new URL('?kind=deep&backend=wasm', page.url()).href);
    await waitReady(page);
    t0 = Date.now();
    await page.getByRole('button', { name: 'Open the model of Vanilla, code 8, BCE, seed 1' }).click();
    expect(await openedPixels(page)).toEqual(trained);
    console.log(`opened from the history in ${Date.now() - t0} ms`);
    // The page returned to the model's settings.
    expect(new URL(page.url()).searchParams.get('kind')).toBe('vanilla');
    expect(new URL(page.url()).searchParams.get('code')).toBe('8');
    expect(new URL(page.url()).searchParams.get('backend')).toBe('wasm');

    // From the downloaded files.
    await page.getByRole('button', { name: 'Reset' }).click();
    t0 = Date.now();
    await page.getByLabel('Open model files…').setInputFiles(downloads);
    expect(await openedPixels(page)).toEqual(trained);
    console.log(`opened from files in ${Date.now() - t0} ms`);
    // It trains on from there.
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitForStatus(page, (s) => s.step > 5, 20_000);
    await page.getByRole('button', { name: 'Pause' }).click();
    // Kept as a run of its own, named after the model it started from.
    await keptRuns(page)
      .filter({ hasText: 'on screen now' })
      .getByRole('textbox', { name: 'Name of run Vanilla, code 8, BCE, seed 1, trained on' })
      .waitFor();
    await page.getByRole('region', { name: 'Your runs' }).screenshot({ path: `${SHOTS}/model-files.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  const BAD: [string, string[], RegExp][] = [
    ['a truncated weights file', ['truncated.json', 'truncated.weights.bin'], /truncated/],
    ['a JSON that is not a model', ['not-a-model.json'], /is JSON, but not a TF\.js model/],
    ['text that is not JSON', ['not-json.json'], /is not JSON text/],
    ['a model of another shape', ['other-shape.json', 'digits.weights.bin'], /model of another shape/],
    ['another input size', ['other-input.json', 'digits.weights.bin'], /inputs of 3,072 numbers/],
    ['a picture renamed', ['picture.json'], /is a PNG picture, not a model file/],
    ['an empty file', ['empty.json'], /is empty/],
    ['model.json without its weights', ['digits.json'], /is missing/],
  ];

  it('refuses every bad file with its own message within 2 s; the model on screen and the runs stay', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=vanilla&code=4&epochs=1');
    await waitReady(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitForStatus(page, (_, text) => / · done$/.test(text), 60_000);
    await keptRuns(page).first().waitFor();
    const before = { status: await statusText(page), pixels: await pixels(reconstructions(page)), runs: await keptRuns(page).count() };
    const input = page.getByLabel('Open model files…');
    const alert = page.getByRole('alert');
    for (const [what, files, message] of BAD) {
      const t0 = Date.now();
      await input.setInputFiles(files.map((f) => `${FIXTURES}/${f}`));
      await expect.poll(() => alert.textContent(), { timeout: 2000, message: what }).toMatch(message);
      console.log(`${what}: ${Date.now() - t0} ms: ${await alert.textContent()}`);
    }
    const t0 = Date.now();
    await input.setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(3 * 2 ** 20, 32) });
    await expect.poll(() => alert.textContent(), { timeout: 2000 }).toMatch(/huge\.json is 3\.0 MB, far larger than a model\.json/);
    console.log(`a huge file: ${Date.now() - t0} ms`);
    await page.getByRole('region', { name: 'Your runs' }).screenshot({ path: `${SHOTS}/model-files-bad.png` });
    expect(await statusText(page)).toBe(before.status);
    expect(await pixels(reconstructions(page))).toEqual(before.pixels);
    expect(await keptRuns(page).count()).toBe(before.runs);
    // A good file after the bad ones opens.
    await input.setInputFiles([`${FIXTURES}/digits.json`, `${FIXTURES}/digits.weights.bin`]);
    await openedPixels(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
