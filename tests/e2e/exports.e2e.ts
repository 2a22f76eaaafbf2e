/**
 * What is seen, exported: the loss curves as CSV, and the reconstructions,
 * the latent view and a comparison as PNG pictures, in headless Chromium.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, launch, openPlayground, trainToEnd } from './browser';
import { pngInkedShare } from './canvas';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** Clicks `button` and returns the file it downloads: its name and bytes. */
async function downloaded(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()])) as [
    Download,
    void,
  ];
  const path = `${SHOTS}/${download.suggestedFilename()}`;
  await download.saveAs(path);
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

describe('exports', () => {
  it('loss curves as CSV; reconstructions, latent view and a comparison as PNG', async () => {
    const { page, errors } = await openPlayground(browser);
    await trainToEnd(page, '?kind=vanilla&code=2&epochs=1');

    const csv = await downloaded(page, 'Download the loss curves (CSV)');
    expect(csv.name).toBe('loss-curves-vanilla-code-2.csv');
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('split,step,epoch,seconds,loss,reconstruction,kl,l1');
    expect(lines.filter((l) => l.startsWith('train,'))).toHaveLength(468);
    expect(lines.filter((l) => l.startsWith('test,'))).toEqual([expect.stringMatching(/^test,468,1,[\d.]+,0\.\d+,0\.\d+,,$/)]);

    const recon = await downloaded(page, 'Save the reconstructions as a PNG picture');
    expect(recon.name).toBe('reconstructions-step-468.png');
    const reconImage = await pngInkedShare(page, recon.bytes);
    expect(reconImage.width).toBeGreaterThan(500);
    expect(reconImage.share).toBeGreaterThan(0.1);

    const latent = await downloaded(page, 'Save the latent space as a PNG picture');
    expect(latent.name).toBe('latent-space-step-468.png');
    const latentImage = await pngInkedShare(page, latent.bytes);
    expect(latentImage.width).toBeGreaterThan(400);
    expect(latentImage.share).toBeGreaterThan(0.02);

    await trainToEnd(page, '?kind=vanilla&code=8&epochs=1');
    for (const box of await page.getByRole('checkbox', { name: /^Compare / }).all()) await box.check();
    await page.getByRole('table', { name: 'Test figures of the compared runs' }).waitFor();
    const compare = await downloaded(page, 'Save the comparison as a PNG picture');
    const compareImage = await pngInkedShare(page, compare.bytes);
    expect(compareImage.height).toBeGreaterThan(600);
    expect(compareImage.share).toBeGreaterThan(0.03);
    const curves = await downloaded(page, 'Download the test curves (CSV)');
    const rows = curves.bytes.toString('utf8').trim().split('\n');
    expect(rows[0]).toBe('run,epoch,seconds,test loss');
    expect(rows.slice(1).sort()).toEqual([
      expect.stringMatching(/^"Vanilla, code 2, BCE, seed 1",1,[\d.]+,0\.\d+$/),
      expect.stringMatching(/^"Vanilla, code 8, BCE, seed 1",1,[\d.]+,0\.\d+$/),
    ]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
