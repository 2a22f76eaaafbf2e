/**
 * The runs kept in the browser, in headless Chromium: three runs survive a
 * reload, are renamed and compared side by side, deleted one and all; the
 * five-types preset starts, shows its progress and stops. Screenshots land
 * in test-results/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, keptRuns, launch, openPlayground, statusText, trainToEnd, waitReady, waitForStatus } from './browser';
import { firstRow, inkedShare } from './canvas';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('run history', () => {
  it('keeps three runs across a reload, renames one, compares them, deletes one and then all', async () => {
    const { page, errors } = await openPlayground(browser);
    for (const code of [2, 8, 32]) await trainToEnd(page, `?kind=vanilla&code=${code}&epochs=1`);
    // Each run is kept with its test scores, which are measured after it ends.
    await expect.poll(() => keptRuns(page).count(), { timeout: 10_000 }).toBe(3);

    await page.reload();
    await waitReady(page);
    // The section opens by itself on a later visit, and lists the newest run first.
    const rows = keptRuns(page);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    const codes = await rows.evaluateAll((trs) => trs.map((tr) => tr.children[3].textContent));
    expect(codes).toEqual(['32', '8', '2']);
    expect(await rows.first().innerText()).toMatch(/Vanilla[\s\S]*1 of 1[\s\S]*0\.\d{4} BCE/);

    const name = page.getByRole('textbox', { name: 'Name of run Vanilla, code 2, BCE, seed 1' });
    await name.fill('Tiny code');
    await name.press('Enter');
    await page.getByRole('textbox', { name: 'Name of run Tiny code' }).waitFor();

    for (const box of await page.getByRole('checkbox', { name: /^Compare / }).all()) await box.check();
    const table = page.getByRole('table', { name: 'Test figures of the compared runs' });
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    // Measured on the whole test set: a longer code reconstructs better.
    const bce = async (run: string) => Number(await table.getByRole('row').filter({ hasText: run }).getByRole('cell').nth(3).textContent());
    await expect.poll(() => bce('Tiny code')).toBeGreaterThan(0);
    expect(await bce('Vanilla, code 32')).toBeLessThan(await bce('Vanilla, code 8'));
    expect(await bce('Vanilla, code 8')).toBeLessThan(await bce('Tiny code'));
    expect(await page.getByRole('img', { name: /^Test loss against epochs\. Last values: .*Tiny code: 0\.\d{4}/ }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /^Test loss against seconds of training/ }).count()).toBe(1);
    for (const run of ['Vanilla, code 32, BCE, seed 1', 'Vanilla, code 8, BCE, seed 1', 'Tiny code']) {
      expect(await inkedShare(firstRow(page.getByRole('img', { name: `Reconstructions by ${run}` })))).toBeGreaterThan(0.05);
      expect(await inkedShare(page.getByRole('img', { name: new RegExp(`^Latent space of ${run}`) }))).toBeGreaterThan(0.01);
    }
    await page.getByRole('region', { name: 'Your runs' }).screenshot({ path: `${SHOTS}/history-compare.png` });

    await page.getByRole('button', { name: 'Delete Vanilla, code 8, BCE, seed 1' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => table.getByRole('row').count()).toBe(3);

    await page.getByRole('button', { name: 'Delete all runs…' }).click();
    await page.getByRole('button', { name: 'Keep them' }).click();
    expect(await rows.count()).toBe(2);
    await page.getByRole('button', { name: 'Delete all runs…' }).click();
    await page.getByRole('button', { name: 'Yes, delete all' }).click();
    await page.getByText(/^No runs yet/).waitFor();
    await page.reload();
    await page.getByText(/^No runs yet/).waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a run stopped by a reload mid-training is kept, as stopped', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=vanilla&code=4&epochs=50');
    await waitReady(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitForStatus(page, (s) => s.step > 200, 60_000);
    await page.reload();
    await waitReady(page);
    const row = keptRuns(page).first();
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toMatch(/stopped[\s\S]*Vanilla[\s\S]*\b4\b[\s\S]*of 50/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the five types compared', () => {
  it('trains the types one after another with a progress bar, and can be stopped', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=deep');
    await waitReady(page);
    await page.getByRole('button', { name: 'Show the runs kept in this browser' }).click();
    await page.getByRole('combobox', { name: 'Code size' }).selectOption('8');
    await page.getByRole('button', { name: 'Compare the five types' }).click();
    const bar = page.getByRole('progressbar', { name: /Training the five types at code size 8, 1 epoch each: type 1 of 5/ });
    await bar.waitFor();
    // The page shows the type in training, with its own defaults at the chosen code size.
    const url = new URL(page.url()).searchParams;
    expect([url.get('kind'), url.get('code'), url.get('epochs')]).toEqual(['vanilla', '8', '1']);
    // The vanilla run ends, and the deep one starts on its own.
    await page.getByRole('progressbar', { name: /type 2 of 5/ }).waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('kind')).toBe('deep');
    await waitForStatus(page, (_, text) => /training$/.test(text), 30_000);
    expect(Number(await page.getByRole('progressbar').getAttribute('value'))).toBeGreaterThanOrEqual(0.2);
    await page.getByRole('button', { name: 'Stop the comparison' }).click();
    await page.getByText(/^Stopped at the deep type/).waitFor();
    await waitForStatus(page, (_, text) => /paused$/.test(text), 10_000);
    // Both runs are kept: the finished vanilla one and the stopped deep one.
    await expect.poll(() => keptRuns(page).count(), { timeout: 10_000 }).toBe(2);
    expect(await statusText(page)).toMatch(/paused$/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
