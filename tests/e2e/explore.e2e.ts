/**
 * Asking a trained model questions, in headless Chromium, through accessible
 * names: the latent explorer (hover, keyboard, UMAP, decoded grid, prior),
 * drawing, interpolation, the denoising lab, bottleneck vs PCA and the sweep,
 * generation, retrieval, clustering and anomalies. Each test checks what is
 * drawn or computed, not only that something rendered. Screenshots of each
 * panel land in test-results/screenshots/.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, inkedShare, launch, openPlayground, statusText, waitReady, type PageProbe } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** Trains the settings in `query` to the end of their epochs. */
async function trainedPage(query: string): Promise<PageProbe> {
  const probe = await openPlayground(browser, query);
  await waitReady(probe.page);
  await probe.page.getByRole('button', { name: 'Train' }).click();
  await probe.page.waitForFunction(() => /· done$/.test(document.querySelector('[role=status]')?.textContent ?? ''), undefined, {
    timeout: 150_000,
  });
  return probe;
}

/** The grey levels (0–255 ink) of the digit drawn at (x0, y0) with `scale` pixels per digit pixel on a canvas. */
async function digitAt(canvas: Locator, x0: number, y0: number, scale: number): Promise<number[]> {
  return canvas.evaluate(
    (el, [x, y, s]) => {
      const c = el as HTMLCanvasElement;
      const ctx = c.getContext('2d')!;
      const { data } = ctx.getImageData(x, y, 28 * s, 28 * s);
      const out: number[] = [];
      for (let r = 0; r < 28; r++) {
        for (let col = 0; col < 28; col++) {
          const o = ((r * s + Math.floor(s / 2)) * 28 * s + col * s + Math.floor(s / 2)) * 4;
          out.push(255 - data[o]);
        }
      }
      return out;
    },
    [x0, y0, scale] as const,
  );
}

/** Pixels of a whole canvas, for before/after comparisons. */
async function pixels(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
  });
}

const differs = (a: number[], b: number[]) => a.some((v, i) => Math.abs(v - b[i]) > 8);

async function openTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tab', { name }).click();
  return page.getByRole('tabpanel');
}

describe('a trained vanilla autoencoder (code 32)', () => {
  let probe: PageProbe;
  let page: Page;

  beforeAll(async () => {
    probe = await trainedPage('?kind=vanilla&code=32&epochs=2');
    page = probe.page;
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
  });

  it('decodes the point under the pointer, and a different point when it moves; shows a hovered test digit', async () => {
    const latent = page.getByTestId('latent-canvas');
    await latent.scrollIntoViewIfNeeded();
    const box = (await latent.boundingBox())!;
    const decoded = page.getByTestId('decoded-point');
    await page.mouse.move(box.x + 120, box.y + 120);
    await expect.poll(() => page.getByTestId('decode-ms').getAttribute('data-ms')).not.toBe('');
    await page.waitForTimeout(200);
    const first = await pixels(decoded);
    await page.mouse.move(box.x + 300, box.y + 320);
    await expect.poll(async () => differs(first, await pixels(decoded)), { timeout: 5000 }).toBe(true);
    expect(await inkedShare(page, '[data-testid="decoded-point"]')).toBeGreaterThan(0.02);

    // A test digit under the pointer: find one by scanning a line until its image shows.
    let found = false;
    for (let x = 40; x < 400 && !found; x += 6) {
      await page.mouse.move(box.x + x, box.y + 210);
      await page.waitForTimeout(40);
      found = await page.getByTestId('hover-reconstruction').isVisible();
    }
    expect(found).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: /^Test digit #\d+: an? \d$/ }).count()).toBe(1);
    expect(await inkedShare(page, '[data-testid="hover-reconstruction"]')).toBeGreaterThan(0.02);
    await page.locator('.latent-explorer').screenshot({ path: `${SHOTS}/explore-latent.png` });
    expect(probe.errors).toEqual([]);
  });

  it('moves the decoded point with the arrow keys, and picks the nearest digit with Enter (interpolation end, or retrieval query)', async () => {
    const latent = page.getByRole('img', { name: /^Latent space at step \d+: .*arrow keys/ });
    await latent.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('decode-ms').textContent()).toMatch(/decoded in \d+ ms/);
    const shown = await page.getByTestId('decode-ms').textContent();
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => page.getByTestId('decode-ms').textContent()).not.toBe(shown);
    // On the interpolation tab (open by default), Enter makes the nearest digit the new end “To”.
    const to = page.getByRole('combobox', { name: 'To' });
    const before = await to.inputValue();
    await page.keyboard.press('Enter');
    await expect.poll(() => to.inputValue()).not.toBe(before);
    expect(await page.getByRole('combobox', { name: 'From' }).inputValue()).toBe(before);
    // On another tab, Enter picks the retrieval query: the retrieval tab opens with it.
    await page.getByRole('tab', { name: 'Generate' }).click();
    await latent.focus();
    // (The pointer left the plot for the tab: the cursor starts again from the middle.)
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('tab', { name: 'Retrieve' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByTestId('retrieval-summary').textContent(), { timeout: 20_000 }).toMatch(/^Test digit #\d+ is an? \d/);
  });

  it('lays the codes out with UMAP on request, and still decodes what is pointed at', async () => {
    await page.getByRole('radio', { name: 'UMAP (neighbourhoods)' }).check();
    await expect.poll(() => page.getByText(/^UMAP laid out from the codes of step \d+/).count(), { timeout: 60_000 }).toBe(1);
    const latent = page.getByRole('img', { name: /laid out in 2-D by UMAP/ });
    await latent.waitFor();
    const box = (await latent.boundingBox())!;
    await page.mouse.move(box.x + 200, box.y + 200);
    const decoded = page.getByTestId('decoded-point');
    const first = await pixels(decoded);
    await page.mouse.move(box.x + 90, box.y + 330);
    await expect.poll(async () => differs(first, await pixels(decoded)), { timeout: 5000 }).toBe(true);
    await page.locator('.latent-explorer').screenshot({ path: `${SHOTS}/explore-umap.png` });
    await page.getByRole('radio', { name: 'PCA (linear)' }).check();
  });

  it('encodes a drawing: its reconstruction, its code, and a star in the latent space', async () => {
    const points = page.getByTestId('latent-points');
    const before = await pixels(points);
    await page.getByRole('button', { name: 'Draw an example' }).click();
    await expect.poll(() => inkedShare(page, '[data-testid="drawing-reconstruction"]')).toBeGreaterThan(0.03);
    await expect
      .poll(() => page.getByTestId('drawing-code').textContent())
      .toMatch(/Its code \(32 numbers, first 16 shown\): (−?\d+\.\d\d, ){15}/);
    await expect.poll(async () => differs(before, await pixels(points))).toBe(true);
    await page.locator('.latent-and-draw').screenshot({ path: `${SHOTS}/explore-draw.png` });
    await page.getByRole('button', { name: 'Clear drawing' }).click();
    await expect.poll(() => page.getByRole('img', { name: 'No drawing yet' }).count()).toBe(1);
  });

  it('interpolates: the ends of the walk are the reconstructions of the chosen digits', async () => {
    const panel = await openTab(page, 'Interpolate');
    // From the first fixed digit (a 0) to the last (a 9).
    await panel.getByRole('combobox', { name: 'From' }).selectOption({ index: 0 });
    await panel.getByRole('combobox', { name: 'To' }).selectOption({ index: 19 });
    const row = panel.getByTestId('interpolation-row').locator('canvas');
    await row.waitFor();
    // From the first fixed digit (a 0) to the last (a 9), both shown in the reconstruction grid.
    const recon = page.getByRole('img', { name: /^Reconstructions at step/ });
    await expect
      .poll(async () => (await panel.getByRole('img', { name: /decodings on the straight line/ }).getAttribute('aria-label')) ?? '')
      .toMatch(/a 0\).*a 9\)/);
    const steps = 10;
    const start = await digitAt(row, 0, 0, 2);
    const end = await digitAt(row, (steps - 1) * (56 + 6), 0, 2);
    // Reconstruction grid: output row of block 0 (digit 0) and of block 1 (digit 19).
    const reconStart = await digitAt(recon, 0, 60, 2);
    const reconEnd = await digitAt(recon, 9 * 60, 2 * 60 + 8 + 60, 2);
    const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
    expect(maxDiff(start, reconStart)).toBeLessThanOrEqual(2);
    expect(maxDiff(end, reconEnd)).toBeLessThanOrEqual(2);
    expect(maxDiff(start, end)).toBeGreaterThan(100);
    // The walk slider decodes the point at t.
    const walk = panel.getByTestId('interpolation-walk');
    const atHalf = await pixels(walk);
    await panel.getByRole('slider', { name: /Walk the line/ }).fill('0');
    await expect.poll(async () => differs(atHalf, await pixels(walk))).toBe(true);
    await panel.screenshot({ path: `${SHOTS}/explore-interpolate.png` });
  });

  it('denoising lab: the test noise chosen now, its errors against the clean digits', async () => {
    const panel = await openTab(page, 'Denoising lab');
    const noisyMse = panel.getByTestId('noisy-mse');
    await noisyMse.waitFor({ timeout: 20_000 });
    const level = panel.getByRole('slider', { name: 'Test noise level' });
    await level.fill('0');
    await expect.poll(() => noisyMse.textContent()).toBe('0.0000');
    await panel.getByRole('radio', { name: 'Salt and pepper' }).check();
    await level.fill('0.3');
    await expect.poll(async () => Number(await noisyMse.textContent())).toBeGreaterThan(0.05);
    // Salt and pepper at 30 %: about 0.3 × the mean squared distance of a pixel to 0 or 1.
    const sp = Number(await noisyMse.textContent());
    const out = Number(await panel.getByTestId('output-mse').textContent());
    expect(out).toBeGreaterThan(0);
    expect(out).toBeLessThan(sp);
    await panel.getByRole('radio', { name: 'Masking' }).check();
    await expect.poll(async () => Number(await noisyMse.textContent())).not.toBe(sp);
    expect(await inkedShare(page, '[data-testid="denoise-noisy"] .digit-strip-row:first-child canvas')).toBeGreaterThan(0.05);
    await panel.screenshot({ path: `${SHOTS}/explore-denoise.png` });
  });

  it('bottleneck: PCA with 32 components, fitted on the training set, has the published test error', async () => {
    const panel = await openTab(page, 'Bottleneck vs PCA');
    const pcaMse = panel.getByTestId('pca-mse');
    await pcaMse.waitFor({ timeout: 60_000 });
    const mse = Number(await pcaMse.getAttribute('data-value'));
    console.log(`PCA k = 32 test MSE ${mse}, autoencoder ${await panel.getByTestId('ae-mse').getAttribute('data-value')}`);
    expect(Math.abs(mse - 0.0173) / 0.0173).toBeLessThan(0.1);
    expect(Number(await panel.getByTestId('pca-bce').getAttribute('data-value'))).toBeGreaterThan(0.057);
    expect(await inkedShare(page, '[data-testid="bottleneck-pca"] .digit-strip-row:first-child canvas')).toBeGreaterThan(0.05);
  });

  it('bottleneck sweep: one model per code size, each beside PCA, error falling as the code widens', async () => {
    const panel = await openTab(page, 'Bottleneck vs PCA');
    await panel.getByRole('combobox', { name: 'Train on' }).selectOption('10000');
    await panel.getByRole('button', { name: 'Run sweep' }).click();
    await expect
      .poll(() => panel.getByTestId('sweep-status').textContent(), { timeout: 150_000, interval: 1000 })
      .toMatch(/^Sweep done: 7 sizes/);
    await panel.getByText('Numbers', { exact: true }).click();
    const rows = await panel
      .locator('details table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent ?? '')));
    expect(rows.map((r) => Number(r[0]))).toEqual([1, 2, 4, 8, 16, 32, 64]);
    const ae = rows.map((r) => Number(r[1]));
    const pca = rows.map((r) => Number(r[2]));
    expect(ae.every((v) => v > 0.057 && v < 0.5)).toBe(true);
    for (let i = 1; i < pca.length; i++) expect(pca[i]).toBeLessThan(pca[i - 1]);
    expect(ae[6]).toBeLessThan(ae[0]);
    console.log(`sweep (BCE): autoencoder ${ae.join(' ')}; PCA ${pca.join(' ')}`);
    await panel.screenshot({ path: `${SHOTS}/explore-bottleneck.png` });
  }, 200_000);

  it('generates new digits from a Gaussian fitted to the codes, and new ones on request', async () => {
    const panel = await openTab(page, 'Generate');
    const strip = panel.getByTestId('generated').locator('canvas');
    await strip.first().waitFor({ timeout: 20_000 });
    expect(await inkedShare(page, '[data-testid="generated"] .digit-strip-row:first-child canvas')).toBeGreaterThan(0.05);
    const before = await pixels(strip.first());
    await panel.getByRole('button', { name: 'New samples' }).click();
    await expect.poll(async () => differs(before, await pixels(strip.first()))).toBe(true);
    await panel.screenshot({ path: `${SHOTS}/explore-generate.png` });
  });

  it('retrieval: the nearest codes share the query’s label far more often than chance', async () => {
    const panel = await openTab(page, 'Retrieve');
    await panel.getByRole('spinbutton', { name: /Query: test digit/ }).fill('0');
    await expect.poll(() => panel.getByTestId('retrieval-summary').textContent(), { timeout: 20_000 }).toMatch(/^Test digit #0 is a 7/);
    const precision = panel.getByTestId('retrieval-precision');
    const p = Number(await precision.getAttribute('data-precision'));
    const chance = Number(await precision.getAttribute('data-chance'));
    console.log(`retrieval precision@8 ${p} (chance ${chance})`);
    expect(chance).toBeGreaterThan(0.08);
    expect(chance).toBeLessThan(0.12);
    expect(p).toBeGreaterThan(3 * chance);
    const neighbours = await panel.getByTestId('neighbours').getAttribute('aria-label');
    expect(neighbours?.match(/#\d+, an? \d/g)).toHaveLength(8);
    await panel.screenshot({ path: `${SHOTS}/explore-retrieve.png` });
  });

  it('clustering: k-means purity on codes and on raw pixels', async () => {
    const panel = await openTab(page, 'Cluster');
    const codes = panel.getByTestId('purity-codes');
    await codes.waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.getByTestId('purity-pixels').textContent(), { timeout: 30_000 }).toMatch(/%$/);
    const onCodes = parseFloat((await codes.textContent()) ?? '');
    const onPixels = parseFloat((await panel.getByTestId('purity-pixels').textContent()) ?? '');
    console.log(`k-means purity: codes ${onCodes} %, pixels ${onPixels} %`);
    // Ten clusters of ten balanced digits: chance is about 11 %; both are far above.
    expect(onCodes).toBeGreaterThan(35);
    expect(onPixels).toBeGreaterThan(35);
    expect(await panel.locator('.clusters li').count()).toBeGreaterThanOrEqual(8);
    await panel.screenshot({ path: `${SHOTS}/explore-cluster.png` });
  });

  it('anomalies: a histogram of all 10,000 errors, error by digit, and the worst digits', async () => {
    const panel = await openTab(page, 'Anomalies');
    const hist = panel.getByRole('figure', { name: /^Histogram of test BCE per pixel over 10,000 images/ });
    await hist.waitFor({ timeout: 30_000 });
    const worst = panel.getByTestId('worst-digits');
    const label = (await worst.getAttribute('aria-label')) ?? '';
    const errors = [...label.matchAll(/error (\d\.\d+)/g)].map((m) => Number(m[1]));
    expect(errors).toHaveLength(12);
    // Worst first, and all in the histogram's top 1 %.
    for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThanOrEqual(errors[i - 1]);
    const cut = Number(/worst 1 % above (\d\.\d+)/.exec((await hist.getAttribute('aria-label')) ?? '')?.[1]);
    expect(errors.at(-1)!).toBeGreaterThanOrEqual(cut);
    await expect.poll(() => panel.getByRole('figure', { name: /per digit/ }).count()).toBeGreaterThan(0);
    await panel.screenshot({ path: `${SHOTS}/explore-anomalies.png` });
  });

  it('the tabs follow the arrow keys', async () => {
    await page.getByRole('tab', { name: 'Interpolate' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: 'Denoising lab' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Denoising lab');
    await page.keyboard.press('End');
    await expect.poll(() => page.getByRole('tab', { name: 'Anomalies' }).getAttribute('aria-selected')).toBe('true');
    expect(probe.errors).toEqual([]);
    expect(probe.foreign).toEqual([]);
  });
});

describe('a trained variational autoencoder (code 2)', () => {
  it('maps its latent plane as a decoded grid, draws the prior, and samples from it', async () => {
    const { page, errors } = await trainedPage('?kind=vae&code=2&epochs=1');
    const grid = page.getByRole('img', { name: /^Decoded grid at step \d+: 12 × 12 codes from \([-−]3\.0, [-−]3\.0\) to \(3\.0, 3\.0\)/ });
    await grid.waitFor({ timeout: 20_000 });
    expect(await inkedShare(page, '[data-testid="manifold-canvas"]')).toBeGreaterThan(0.05);
    await page.getByRole('slider', { name: /Grid size/ }).fill('6');
    await page.getByRole('img', { name: /^Decoded grid at step \d+: 6 × 6 codes/ }).waitFor();
    // The prior's contours are drawn over the points; unticking removes them.
    const points = page.getByTestId('latent-points');
    const withPrior = await pixels(points);
    await page.getByRole('checkbox', { name: /Prior N\(0, I\) contours/ }).uncheck();
    await expect.poll(async () => differs(withPrior, await pixels(points))).toBe(true);
    await page.getByRole('checkbox', { name: /Prior N\(0, I\) contours/ }).check();
    await page.locator('.latent-explorer').screenshot({ path: `${SHOTS}/explore-vae-grid.png` });
    const panel = await openTab(page, 'Generate');
    expect(await panel.getByRole('radio', { name: /the prior N\(0, I\) \(what the VAE was trained towards\)/ }).isChecked()).toBe(true);
    await panel.getByTestId('generated').waitFor({ timeout: 20_000 });
    expect(await inkedShare(page, '[data-testid="generated"] .digit-strip-row:first-child canvas')).toBeGreaterThan(0.05);
    await panel.screenshot({ path: `${SHOTS}/explore-vae-generate.png` });
    expect(errors).toEqual([]);
    expect(await statusText(page)).toMatch(/done$/);
    await page.context().close();
  }, 180_000);
});
