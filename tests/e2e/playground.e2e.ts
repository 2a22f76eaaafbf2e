/**
 * Training in the built playground, in headless Chromium, driven through
 * accessible names: each kind, a whole run, the backends, the run controls,
 * the URL, settings changed mid-run and a diverging loss. Screenshots land in
 * test-results/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SHOTS,
  backendName,
  expectSteady,
  latentPoints,
  launch,
  openPlayground,
  parseStatus,
  statusText,
  waitForStatus,
  waitReady,
} from './browser';
import { inkedShare } from './canvas';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function status(page: Page) {
  return parseStatus(await statusText(page));
}

const step = (page: Page) => async () => (await status(page)).step;

const KINDS = ['Vanilla', 'Deep', 'Convolutional', 'Denoising', 'Variational'] as const;
const KIND_PARAM = { Vanilla: 'vanilla', Deep: 'deep', Convolutional: 'conv', Denoising: 'denoising', Variational: 'vae' } as const;

describe('each kind trains', () => {
  for (const kind of KINDS) {
    it(`${kind}: the loss falls and reconstructions and latent points are drawn`, async () => {
      const { page, errors } = await openPlayground(browser);
      await waitReady(page);
      await page.getByRole('radio', { name: kind, exact: true }).check();
      expect(new URL(page.url()).searchParams.get('kind')).toBe(KIND_PARAM[kind]);
      await page.getByRole('button', { name: 'Train' }).click();
      const first = await waitForStatus(page, (s) => s.loss !== null, 60_000);
      // The loss falls by a fifth within a minute (the conv kind takes longest: about 20 s here).
      const last = await waitForStatus(page, (s) => s.step > first.step && s.loss !== null && s.loss < first.loss! * 0.8, 60_000);
      const recon = page.getByRole('img', { name: /^Reconstructions at step/ });
      const latent = page.getByRole('img', { name: /^Latent space at step/ });
      await recon.waitFor();
      await latent.waitFor();
      expect(await inkedShare(recon)).toBeGreaterThan(0.05);
      expect(await inkedShare(latentPoints(page))).toBeGreaterThan(0.01);
      const loss = page.getByRole('img', { name: /^Loss curve/ });
      expect(await loss.getAttribute('aria-label')).toMatch(/latest training loss \d/);
      await page.screenshot({ path: `${SHOTS}/kind-${kind.toLowerCase()}.png`, fullPage: true });
      console.log(`${kind}: loss ${first.loss} at step ${first.step} → ${last.loss} at step ${last.step} (${await backendName(page)})`);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});

describe('a whole run', () => {
  it('ends its epoch with a test loss, then finishes and says so', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=vanilla&epochs=1');
    await waitReady(page);
    await page.getByRole('button', { name: 'Train' }).click();
    await waitForStatus(page, (_, text) => / · done$/.test(text), 90_000);
    // The live region announces the end with the test loss.
    await page.getByText(/^Training finished at step 468/).waitFor({ state: 'attached' });
    const said = (await page.getByText(/^Training finished at step 468/).textContent()) ?? '';
    const test = Number(/test loss (\d+\.\d+)/.exec(said)?.[1]);
    // One epoch of the vanilla defaults lands near 0.11 BCE per pixel; untrained it is 0.69.
    expect(test).toBeGreaterThan(0.05);
    expect(test).toBeLessThan(0.2);
    await expect(page.getByText(/^Test loss after epoch 1:/).count()).resolves.toBe(1);
    expect(await page.getByRole('img', { name: /^Loss curve/ }).getAttribute('aria-label')).toMatch(/latest test loss 0\.\d{4}/);
    await page.screenshot({ path: `${SHOTS}/finished.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('backends', () => {
  it('the WebGL backend (loaded on demand) trains when chosen, and the status names it', async () => {
    const { page, errors } = await openPlayground(browser, '?backend=webgl');
    await waitReady(page);
    expect(await backendName(page)).toBe('webgl');
    expect(await page.getByText(/^chosen in the settings/).count()).toBe(1);
    await page.getByRole('button', { name: 'Train' }).click();
    const first = await waitForStatus(page, (s) => s.loss !== null, 60_000);
    const later = await waitForStatus(page, (s) => s.step > first.step + 20, 60_000);
    expect(later.loss!).toBeLessThan(first.loss!);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('controls', () => {
  it('Pause stops the step counter; Step trains one batch; Resume goes on', async () => {
    const { page } = await openPlayground(browser, '?kind=deep');
    await waitReady(page);
    await page.getByRole('button', { name: 'Train' }).click();
    await waitForStatus(page, (s) => s.step > 5, 30_000);
    await page.getByRole('button', { name: 'Pause' }).click();
    await waitForStatus(page, (_, text) => text.includes('paused'), 5_000);
    const paused = await status(page);
    await expectSteady(step(page), 1500);
    expect((await status(page)).step).toBe(paused.step);
    await page.getByRole('button', { name: 'Step' }).click();
    await waitForStatus(page, (s) => s.step === paused.step + 1, 5_000);
    await expectSteady(step(page), 500);
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitForStatus(page, (s) => s.step > paused.step + 5, 10_000);
    await page.getByRole('button', { name: 'Reset' }).click();
    await waitForStatus(page, (_, text) => text === 'ready to train', 5_000);
    // And train again after a reset, without reloading.
    await page.getByRole('button', { name: 'Train' }).click();
    await waitForStatus(page, (s) => s.step > 3, 30_000);
    await page.context().close();
  });

  it('a reload restores the settings from the URL, and Back undoes a change', async () => {
    const { page } = await openPlayground(browser);
    await waitReady(page);
    // Changes within a second share one history entry: the fake clock skips that second.
    await page.clock.install();
    await page.getByRole('radio', { name: 'Deep', exact: true }).check();
    await page.clock.fastForward(1100);
    const slider = page.getByRole('slider', { name: /Bottleneck size/ });
    await slider.fill('8');
    await page.getByLabel('Seed').fill('42');
    await page.getByLabel('Seed').press('Enter');
    expect(new URL(page.url()).searchParams.get('code')).toBe('8');
    expect(new URL(page.url()).searchParams.get('seed')).toBe('42');
    await page.reload();
    await page.getByRole('radio', { name: 'Deep', exact: true }).waitFor();
    expect(await page.getByRole('radio', { name: 'Deep', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('slider', { name: /Bottleneck size/ }).inputValue()).toBe('8');
    expect(await page.getByLabel('Seed').inputValue()).toBe('42');
    // Back returns to the entry before the slider and seed changes.
    await page.goBack();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('code') === '32');
    expect(await page.getByRole('slider', { name: /Bottleneck size/ }).inputValue()).toBe('32');
    expect(await page.getByLabel('Seed').inputValue()).toBe('1');
    expect(await page.getByRole('radio', { name: 'Deep', exact: true }).isChecked()).toBe(true);
    await page.goBack();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('kind') === 'vanilla');
    expect(await page.getByRole('radio', { name: 'Vanilla', exact: true }).isChecked()).toBe(true);
    await page.context().close();
  });

  it('an invalid URL value falls back to its default and says so', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=deep&code=999&lr=abc');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('code=999');
    expect(text).toContain('lr=abc');
    expect(await page.getByRole('radio', { name: 'Deep', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('slider', { name: /Bottleneck size/ }).inputValue()).toBe('32');
    expect(new URL(page.url()).searchParams.get('code')).toBe('32');
    await page.screenshot({ path: `${SHOTS}/invalid-url.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('changing settings during a run', () => {
  it('a model setting pauses the run and keeps its views until Train; Back returns to it', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=deep');
    await waitReady(page);
    await page.getByRole('button', { name: 'Train' }).click();
    await waitForStatus(page, (s) => s.step > 10, 30_000);
    await page.getByRole('slider', { name: /Bottleneck size/ }).fill('4');
    await waitForStatus(page, (_, text) => text.includes('paused'), 5_000);
    expect(await page.getByText(/The settings changed/).count()).toBe(1);
    // The old run's views stay on screen.
    expect(await inkedShare(page.getByRole('img', { name: /^Reconstructions at step/ }))).toBeGreaterThan(0.05);
    const old = await status(page);
    await expectSteady(step(page), 800);
    await page.screenshot({ path: `${SHOTS}/settings-changed.png`, fullPage: true });
    // Back to the run's settings: it can be resumed.
    await page.goBack();
    await page.getByRole('button', { name: 'Resume' }).waitFor({ timeout: 5_000 });
    expect(await page.getByText(/The settings changed/).count()).toBe(0);
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitForStatus(page, (s) => s.step > old.step + 3, 10_000);
    // Forward again, then Train starts a new model with code size 4.
    await page.goForward();
    await page.getByRole('button', { name: 'Train' }).click();
    await waitForStatus(page, (s, text) => s.step > 3 && text.includes('training'), 30_000);
    expect(await page.getByRole('img', { name: /code of 4/ }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the keyboard keeps focus on the run buttons: Train, then Space pauses, Space resumes', async () => {
    const { page } = await openPlayground(browser);
    await waitReady(page);
    await page.getByRole('button', { name: 'Train' }).focus();
    await page.keyboard.press('Enter');
    await waitForStatus(page, (s) => s.step > 3, 30_000);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Pause');
    await page.keyboard.press('Space');
    await waitForStatus(page, (_, text) => text.includes('paused'), 5_000);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Resume');
    await page.keyboard.press('Space');
    await waitForStatus(page, (_, text) => text.includes('training'), 5_000);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Pause');
    await page.context().close();
  });
});

describe('bad input', () => {
  it('a diverging loss stops training with advice, keeps the last finite weights, and a smaller rate trains', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=vae&lr=1');
    await waitReady(page);
    await page.getByRole('button', { name: 'Train' }).click();
    await waitForStatus(page, (_, text) => text.includes('diverged'), 30_000);
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toMatch(/diverged.*learning rate, e\.g\. to 0\.1/);
    // The views show the restored weights, not a black image.
    expect(await inkedShare(page.getByRole('img', { name: /^Reconstructions at step/ }))).toBeGreaterThan(0.05);
    const stopped = await status(page);
    await expectSteady(step(page), 1000);
    await page.screenshot({ path: `${SHOTS}/diverged.png`, fullPage: true });
    // As the message says: a smaller rate, then Resume from the restored weights.
    await page.getByLabel('Learning rate').selectOption('0.001');
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitForStatus(page, (s, text) => s.step > stopped.step + 20 && text.includes('training'), 30_000);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
