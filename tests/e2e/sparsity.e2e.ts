/**
 * The sparse autoencoder from a link: the L1 penalty set by `l1=`, its curve
 * in the loss chart's key, and the code's sparsity read out beside the
 * reconstructions, with the penalty on and off.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, launch, openPlayground, trainToEnd } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const readout = (page: Page) => page.getByRole('group', { name: 'How sparse the code is' });
const chartKey = (page: Page) => page.locator('.chart-key');

/** The share of near-zero units and the mean activation the readout gives. */
async function figures(page: Page): Promise<{ nearZero: number; mean: number }> {
  const text = (await readout(page).textContent()) ?? '';
  const match = /(\d+) % of the code’s 32 units are near zero for a typical digit; mean activation (\d+\.\d+)/.exec(text);
  expect(match, text).not.toBeNull();
  return { nearZero: Number(match![1]), mean: Number(match![2]) };
}

describe('sparse autoencoder', () => {
  it('l1= sets the penalty; its curve is drawn and the code is sparser than without it', async () => {
    const { page, errors } = await openPlayground(browser);
    await trainToEnd(page, '?kind=vanilla&l1=0.03&epochs=1');
    expect(await page.getByLabel('Sparsity penalty (L1 on the code)').inputValue()).toBe('0.03');
    await expect.poll(() => chartKey(page).textContent()).toContain('L1: the code’s mean |value| (right axis)');
    expect(await readout(page).textContent()).toContain('The L1 penalty (λ = 0.03) pushes it down.');
    const on = await figures(page);
    await page.screenshot({ path: `${SHOTS}/sparse-vanilla.png`, fullPage: true });

    // The same model without the penalty: the readout is still there, the penalty's curve is not.
    await trainToEnd(page, '?kind=vanilla&l1=0&epochs=1');
    expect(await readout(page).textContent()).toContain('The L1 penalty is off');
    expect(await chartKey(page).textContent()).not.toContain('L1');
    const off = await figures(page);
    expect(on.nearZero).toBeGreaterThan(off.nearZero);
    expect(on.mean).toBeLessThan(off.mean);

    // A kind that takes no L1 penalty shows the control disabled, and no readout.
    await page.goto(new URL('?kind=vae', page.url()).href);
    expect(await page.getByLabel('Sparsity penalty (L1 on the code)').isDisabled()).toBe(true);
    expect(await readout(page).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
