/**
 * Asking a trained model questions, in headless Chromium, through accessible
 * names: the latent explorer (hover, keyboard, UMAP),
 * drawing, interpolation, the denoising lab, bottleneck vs PCA and the sweep,
 * generation, retrieval, clustering and anomalies (the VAE's decoded grid is in
 * explore-vae.e2e.ts). Each test checks what is
 * drawn or computed, not only that something rendered. Screenshots of each
 * panel land in test-results/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, cellOf, latentPoints, launch, openTab, trainedPage, type PageProbe } from './browser';
import { differs, digitAt, firstRow, inkedShare, pixels } from './canvas';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** The latent-space section: the explorer and the drawing pad. */
const latentRegion = (page: Page) => page.getByRole('region', { name: 'Latent space' });

describe('a trained vanilla autoencoder (code 32)', () => {
  let probe: PageProbe;
  let page: Page;

  beforeAll(async () => {
    probe = await trainedPage(browser, '?kind=vanilla&code=32&epochs=2');
    page = probe.page;
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
  });

  it('decodes the point under the pointer, and a different point when it moves; shows a hovered test digit', async () => {
    const latent = page.getByRole('img', { name: /^Latent space at step/ });
    await latent.scrollIntoViewIfNeeded();
    const box = (await latent.boundingBox())!;
    const decoded = page.getByRole('img', { name: /^(Decoded digit at|No point decoded)/ });
    await page.mouse.move(box.x + 120, box.y + 120);
    await page.getByText(/, decoded in \d+ ms$/).waitFor();
    const first = await pixels(decoded);
    await page.mouse.move(box.x + 300, box.y + 320);
    await expect.poll(async () => differs(first, await pixels(decoded)), { timeout: 5000 }).toBe(true);
    expect(await inkedShare(decoded)).toBeGreaterThan(0.02);

    // A test digit under the pointer: find one by scanning a line until its image shows.
    const hovered = page.getByRole('img', { name: /^Reconstruction of test digit \d+/ });
    let found = false;
    for (let x = 40; x < 400 && !found; x += 6) {
      await page.mouse.move(box.x + x, box.y + 210);
      found = await hovered.waitFor({ timeout: 100 }).then(
        () => true,
        () => false,
      );
    }
    expect(found).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: /^Test digit #\d+: an? \d$/ }).count()).toBe(1);
    expect(await inkedShare(hovered)).toBeGreaterThan(0.02);
    await latentRegion(page).screenshot({ path: `${SHOTS}/explore-latent.png` });
    expect(probe.errors).toEqual([]);
  });

  it('moves the decoded point with the arrow keys, and picks the nearest digit with Enter (interpolation end, or retrieval query)', async () => {
    const latent = page.getByRole('img', { name: /^Latent space at step \d+: .*arrow keys/ });
    await latent.focus();
    await page.keyboard.press('ArrowRight');
    const decodedAt = page.getByText(/, decoded in \d+ ms$/);
    await decodedAt.waitFor();
    const shown = await decodedAt.textContent();
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => decodedAt.textContent()).not.toBe(shown);
    // On the interpolation tab (open by default), Enter makes the nearest digit the new end “To”.
    const to = page.getByRole('combobox', { name: 'To' });
    const before = await to.inputValue();
    await page.keyboard.press('Enter');
    await expect.poll(() => to.inputValue()).not.toBe(before);
    expect(await page.getByRole('combobox', { name: 'From' }).inputValue()).toBe(before);
    // On another tab, Enter picks the retrieval query: the retrieval tab opens with it.
    await page.getByRole('tab', { name: 'Generate' }).click();
    // The panel opens as a transition: pick once it is on screen, as a person would.
    await expect.poll(() => page.getByRole('tab', { name: 'Generate' }).getAttribute('aria-selected')).toBe('true');
    await latent.focus();
    // (The pointer left the plot for the tab: the cursor starts again from the middle.)
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('tab', { name: 'Retrieve' }).getAttribute('aria-selected')).toBe('true');
    await page.getByText(/^Test digit #\d+ is an? \d/).waitFor({ timeout: 20_000 });
  });

  it('lays the codes out with UMAP on request, and still decodes what is pointed at', async () => {
    await page.getByRole('radio', { name: 'UMAP (neighbourhoods)' }).check();
    await expect.poll(() => page.getByText(/^UMAP laid out from the codes of step \d+/).count(), { timeout: 60_000 }).toBe(1);
    const latent = page.getByRole('img', { name: /laid out in 2-D by UMAP/ });
    await latent.waitFor();
    const box = (await latent.boundingBox())!;
    await page.mouse.move(box.x + 200, box.y + 200);
    const decoded = page.getByRole('img', { name: /^Decoded digit at/ });
    const first = await pixels(decoded);
    await page.mouse.move(box.x + 90, box.y + 330);
    await expect.poll(async () => differs(first, await pixels(decoded)), { timeout: 5000 }).toBe(true);
    await latentRegion(page).screenshot({ path: `${SHOTS}/explore-umap.png` });
    await page.getByRole('radio', { name: 'PCA (linear)' }).check();
  });

  it('encodes a drawing: its reconstruction, its code, and a star in the latent space', async () => {
    const points = latentPoints(page);
    const before = await pixels(points);
    await page.getByRole('button', { name: 'Draw an example' }).click();
    const reconstruction = page.getByRole('img', { name: 'Reconstruction of your drawing' });
    await expect.poll(() => inkedShare(reconstruction)).toBeGreaterThan(0.03);
    await expect
      .poll(() => page.getByText(/^Its code \(/).textContent())
      .toMatch(/Its code \(32 numbers, first 16 shown\): (−?\d+\.\d\d, ){15}/);
    await expect.poll(async () => differs(before, await pixels(points))).toBe(true);
    await latentRegion(page).screenshot({ path: `${SHOTS}/explore-draw.png` });
    await page.getByRole('button', { name: 'Clear drawing' }).click();
    await expect.poll(() => page.getByRole('img', { name: 'No drawing yet' }).count()).toBe(1);
  });

  it('interpolates: the ends of the walk are the reconstructions of the chosen digits', async () => {
    const panel = await openTab(page, 'Interpolate');
    // From the first fixed digit (a 0) to the last (a 9).
    await panel.getByRole('combobox', { name: 'From' }).selectOption({ index: 0 });
    await panel.getByRole('combobox', { name: 'To' }).selectOption({ index: 19 });
    const row = firstRow(panel.getByRole('img', { name: /decodings on the straight line/ }));
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
    const walk = panel.getByRole('img', { name: /^Decoded at t = / });
    const atHalf = await pixels(walk);
    await panel.getByRole('slider', { name: /Walk the line/ }).fill('0');
    await expect.poll(async () => differs(atHalf, await pixels(walk))).toBe(true);
    await panel.screenshot({ path: `${SHOTS}/explore-interpolate.png` });
  });

  it('denoising lab: the test noise chosen now, its errors against the clean digits', async () => {
    const panel = await openTab(page, 'Denoising lab');
    const errors = panel.getByRole('table', { name: 'Errors against the clean digits' });
    const noisyMse = cellOf(errors, 'noisy input');
    await noisyMse.waitFor({ timeout: 20_000 });
    const level = panel.getByRole('slider', { name: 'Test noise level' });
    await level.fill('0');
    await expect.poll(() => noisyMse.textContent()).toBe('0.0000');
    await panel.getByRole('radio', { name: 'Salt and pepper' }).check();
    await level.fill('0.3');
    await expect.poll(async () => Number(await noisyMse.textContent())).toBeGreaterThan(0.05);
    // Salt and pepper at 30 %: about 0.3 × the mean squared distance of a pixel to 0 or 1.
    const sp = Number(await noisyMse.textContent());
    const out = Number(await cellOf(errors, 'reconstruction').textContent());
    expect(out).toBeGreaterThan(0);
    expect(out).toBeLessThan(sp);
    await panel.getByRole('radio', { name: 'Masking' }).check();
    await expect.poll(async () => Number(await noisyMse.textContent())).not.toBe(sp);
    expect(await inkedShare(firstRow(panel.getByRole('img', { name: /test digits with Masking noise$/ })))).toBeGreaterThan(0.05);
    await panel.screenshot({ path: `${SHOTS}/explore-denoise.png` });
  });

  it('bottleneck: PCA with 32 components, fitted on the training set, has the published test error', async () => {
    const panel = await openTab(page, 'Bottleneck vs PCA');
    const table = panel.getByRole('table', { name: 'Test errors at code size 32' });
    await table.waitFor({ timeout: 60_000 });
    // Columns: BCE, then MSE per pixel.
    const pca = table.getByRole('row', { name: /^PCA, 32 components/ }).getByRole('cell');
    const ae = table.getByRole('row', { name: /^autoencoder/ }).getByRole('cell');
    const mse = Number(await pca.nth(1).textContent());
    console.log(`PCA k = 32 test MSE ${mse}, autoencoder ${await ae.nth(1).textContent()}`);
    expect(Math.abs(mse - 0.0173) / 0.0173).toBeLessThan(0.1);
    expect(Number(await pca.nth(0).textContent())).toBeGreaterThan(0.057);
    expect(await inkedShare(firstRow(panel.getByRole('img', { name: /^PCA's reconstructions with 32 components/ })))).toBeGreaterThan(0.05);
  });

  it('bottleneck sweep: one model per code size, each beside PCA, error falling as the code widens', async () => {
    const panel = await openTab(page, 'Bottleneck vs PCA');
    await panel.getByRole('combobox', { name: 'Train on' }).selectOption('10000');
    await panel.getByRole('button', { name: 'Run sweep' }).click();
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 150_000, interval: 1000 }).toMatch(/^Sweep done: 7 sizes/);
    await panel.getByText('Numbers', { exact: true }).click();
    const rows = await panel
      .getByRole('table', { name: /^Test BCE per pixel for each code size k/ })
      .getByRole('row')
      .filter({ has: page.getByRole('cell') })
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
    const strip = firstRow(panel.getByRole('img', { name: /^\d+ new digits decoded from codes/ }));
    await strip.waitFor({ timeout: 20_000 });
    expect(await inkedShare(strip)).toBeGreaterThan(0.05);
    const before = await pixels(strip);
    await panel.getByRole('button', { name: 'New samples' }).click();
    await expect.poll(async () => differs(before, await pixels(strip))).toBe(true);
    await panel.screenshot({ path: `${SHOTS}/explore-generate.png` });
  });

  it('retrieval: the nearest codes share the query’s label far more often than chance', async () => {
    const panel = await openTab(page, 'Retrieve');
    await panel.getByRole('spinbutton', { name: /Query: test digit/ }).fill('0');
    await panel.getByText(/^Test digit #0 is a 7/).waitFor({ timeout: 20_000 });
    const overall = (await panel.getByText(/^Over [\d,]+ queries/).textContent()) ?? '';
    const [p, chance] = [/([\d.]+)% of the 8 nearest/, /random picks: ([\d.]+)%/].map((re) => Number(re.exec(overall)?.[1]) / 100);
    console.log(`retrieval precision@8 ${p} (chance ${chance})`);
    expect(chance).toBeGreaterThan(0.08);
    expect(chance).toBeLessThan(0.12);
    expect(p).toBeGreaterThan(3 * chance);
    const neighbours = await panel.getByRole('img', { name: /^Its 8 nearest neighbours/ }).getAttribute('aria-label');
    expect(neighbours?.match(/#\d+, an? \d/g)).toHaveLength(8);
    await panel.screenshot({ path: `${SHOTS}/explore-retrieve.png` });
  });

  it('clustering: k-means purity on codes and on raw pixels', async () => {
    const panel = await openTab(page, 'Cluster');
    const table = panel.getByRole('table', { name: 'Cluster purity' });
    const codes = cellOf(table, /^the 32-number codes/);
    const rawPixels = cellOf(table, 'the raw 784 pixels');
    await codes.waitFor({ timeout: 30_000 });
    await expect.poll(() => rawPixels.textContent(), { timeout: 30_000 }).toMatch(/%$/);
    const onCodes = parseFloat((await codes.textContent()) ?? '');
    const onPixels = parseFloat((await rawPixels.textContent()) ?? '');
    console.log(`k-means purity: codes ${onCodes} %, pixels ${onPixels} %`);
    // Ten clusters of ten balanced digits: chance is about 11 %; both are far above.
    expect(onCodes).toBeGreaterThan(35);
    expect(onPixels).toBeGreaterThan(35);
    expect(await panel.getByRole('list', { name: 'The clusters' }).getByRole('listitem').count()).toBeGreaterThanOrEqual(8);
    await panel.screenshot({ path: `${SHOTS}/explore-cluster.png` });
  });

  it('anomalies: a histogram of all 10,000 errors, error by digit, and the worst digits', async () => {
    const panel = await openTab(page, 'Anomalies');
    const hist = panel.getByRole('figure', { name: /^Histogram of test BCE per pixel over 10,000 images/ });
    await hist.waitFor({ timeout: 30_000 });
    const worst = panel.getByRole('img', { name: /^The 12 worst reconstructed test digits/ });
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
