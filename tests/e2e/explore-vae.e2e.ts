/**
 * A trained variational autoencoder with a 2-number code, in headless
 * Chromium: its latent plane mapped as a decoded grid, the prior's contours,
 * and digits sampled from the prior. Screenshots land in
 * test-results/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, latentPoints, launch, openTab, statusText, trainedPage } from './browser';
import { differs, firstRow, inkedShare, pixels } from './canvas';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('a trained variational autoencoder (code 2)', () => {
  it('maps its latent plane as a decoded grid, draws the prior, and samples from it', async () => {
    const { page, errors } = await trainedPage(browser, '?kind=vae&code=2&epochs=1');
    const grid = page.getByRole('img', { name: /^Decoded grid at step \d+: 12 × 12 codes from \([-−]3\.0, [-−]3\.0\) to \(3\.0, 3\.0\)/ });
    await grid.waitFor({ timeout: 20_000 });
    expect(await inkedShare(grid)).toBeGreaterThan(0.05);
    await page.getByRole('slider', { name: /Grid size/ }).fill('6');
    await page.getByRole('img', { name: /^Decoded grid at step \d+: 6 × 6 codes/ }).waitFor();
    // The prior's contours are drawn over the points; unticking removes them.
    const points = latentPoints(page);
    const withPrior = await pixels(points);
    await page.getByRole('checkbox', { name: /Prior N\(0, I\) contours/ }).uncheck();
    await expect.poll(async () => differs(withPrior, await pixels(points))).toBe(true);
    await page.getByRole('checkbox', { name: /Prior N\(0, I\) contours/ }).check();
    await page.getByRole('region', { name: 'Latent space' }).screenshot({ path: `${SHOTS}/explore-vae-grid.png` });
    const panel = await openTab(page, 'Generate');
    expect(await panel.getByRole('radio', { name: /the prior N\(0, I\) \(what the VAE was trained towards\)/ }).isChecked()).toBe(true);
    const strip = firstRow(panel.getByRole('img', { name: /^\d+ new digits decoded from codes drawn from the prior/ }));
    await strip.waitFor({ timeout: 20_000 });
    expect(await inkedShare(strip)).toBeGreaterThan(0.05);
    await panel.screenshot({ path: `${SHOTS}/explore-vae-generate.png` });
    expect(errors).toEqual([]);
    expect(await statusText(page)).toMatch(/done$/);
    await page.context().close();
  }, 180_000);
});
