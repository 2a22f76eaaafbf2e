/**
 * The second dataset in headless Chromium: chosen in the controls (and so in
 * the link), Fashion-MNIST loads, trains with falling loss and names its
 * classes in the legend; a page that never chooses it downloads none of it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, launch, openPlayground, waitForStatus, waitReady } from './browser';
import { inkedShare } from './canvas';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('Fashion-MNIST', () => {
  it('is chosen in the controls, loads, trains with falling loss and names its classes', async () => {
    const { page, errors, requests } = await openPlayground(browser, '?kind=vanilla&epochs=1');
    await waitReady(page);
    expect(requests.some((r) => r.endsWith('/data/fashion.bin'))).toBe(false);
    await page.getByLabel('Data').selectOption('fashion');
    expect(new URL(page.url()).searchParams.get('dataset')).toBe('fashion');
    await page.getByRole('progressbar', { name: 'Loading Fashion-MNIST' }).waitFor();
    await waitReady(page);
    expect(requests.filter((r) => r.endsWith('/data/fashion.bin'))).toHaveLength(1);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const first = await waitForStatus(page, (s) => s.loss !== null, 30_000);
    const later = await waitForStatus(page, (s) => s.loss !== null && s.loss < first.loss! * 0.8, 60_000);
    console.log(`Fashion-MNIST: loss ${first.loss} at step ${first.step} → ${later.loss} at step ${later.step}`);
    const legend = page.getByRole('list', { name: 'Class colours' });
    expect(await legend.getByRole('listitem').allTextContents()).toEqual([
      '0 T-shirt/top',
      '1 Trouser',
      '2 Pullover',
      '3 Dress',
      '4 Coat',
      '5 Sandal',
      '6 Shirt',
      '7 Sneaker',
      '8 Bag',
      '9 Ankle boot',
    ]);
    expect(await inkedShare(page.getByRole('img', { name: /^Reconstructions at step/ }))).toBeGreaterThan(0.1);
    await page.screenshot({ path: `${SHOTS}/fashion.png`, fullPage: false });
    // A link with the dataset opens on it.
    await waitForStatus(page, (_, text) => / · done$/.test(text), 60_000);
    await page.reload();
    await waitReady(page);
    expect(await page.getByLabel('Data').inputValue()).toBe('fashion');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
