/**
 * The built playground in headless Chromium, driven the way a person would:
 * through accessible names. Screenshots land in test-results/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, inkedShare, launch, openPlayground, parseStatus, statusText, waitReady } from './browser';

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

/** Polls the status line until `predicate` holds (or fails after `ms`). */
async function waitForStatus(page: Page, predicate: (s: ReturnType<typeof parseStatus>, text: string) => boolean, ms: number) {
  const end = Date.now() + ms;
  let text = '';
  while (Date.now() < end) {
    text = await statusText(page);
    if (predicate(parseStatus(text), text)) return parseStatus(text);
    await page.waitForTimeout(100);
  }
  throw new Error(`status never matched within ${ms} ms; last: ${text}`);
}

describe('loading', () => {
  it('shows progress, loads MNIST with no console error and asks no other origin', async () => {
    const { page, errors, foreign, requests } = await openPlayground(browser);
    await waitReady(page);
    // The listener sees the worker's requests too (the data and the .wasm binary).
    // The digits are downloaded once: the page's preload is the response the worker reads.
    expect(requests.filter((u) => u.endsWith('/data/mnist.bin'))).toHaveLength(1);
    expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    const s = await status(page);
    expect(s.backend).toMatch(/^(wasm|webgl|webgpu|cpu)$/);
    expect(await statusText(page)).toContain('ready: press Train');
    // Beside the bottleneck slider (k = 32): the code's weight in bits.
    expect(await page.getByTestId('code-bits').textContent()).toMatch(/1,024 as float32, 512 as float16,\s+against 6,272/);
    // Without a GPU here, the automatic choice must not be software WebGL.
    expect(await page.getByText(/^auto: /).textContent()).toMatch(/auto:/);
    await page.screenshot({ path: `${SHOTS}/ready.png`, fullPage: true });
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('shows download progress on a slow connection', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // About 4 MB/s: the 11 MB asset takes a few seconds.
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: 4e6,
      uploadThroughput: 4e6,
    });
    const { baseUrl } = await import('./browser');
    await page.goto(baseUrl());
    const bar = page.getByRole('progressbar', { name: 'Loading MNIST' });
    await bar.waitFor({ timeout: 10_000 });
    const readValue = () => bar.evaluate((el) => (el as HTMLProgressElement).value);
    await page.waitForFunction(() => ((document.querySelector('progress') as HTMLProgressElement | null)?.value ?? 0) > 0);
    const early = await readValue();
    await page.waitForTimeout(700);
    const later = await readValue();
    expect(later).toBeGreaterThan(early);
    expect(await bar.evaluate((el) => (el as HTMLProgressElement).max)).toBeGreaterThan(10e6);
    await page.screenshot({ path: `${SHOTS}/loading.png` });
    await waitReady(page);
    expect(await page.getByRole('progressbar').count()).toBe(0);
    await context.close();
  });

  it('reports a failed download and recovers with Retry', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let fail = true;
    await context.route('**/data/mnist.bin', (route) => (fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
    const { baseUrl } = await import('./browser');
    await page.goto(baseUrl());
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/503/);
    await page.screenshot({ path: `${SHOTS}/load-error.png` });
    fail = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await waitReady(page);
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
  });
});

const KINDS = [
  { name: 'Vanilla', query: '', seconds: 8 },
  { name: 'Deep', query: '', seconds: 10 },
  { name: 'Convolutional', query: '', seconds: 20 },
  { name: 'Denoising', query: '', seconds: 10 },
  { name: 'Variational', query: '', seconds: 10 },
] as const;

describe('each kind trains', () => {
  for (const kind of KINDS) {
    it(`${kind.name}: the loss falls and reconstructions and latent points are drawn`, async () => {
      const { page, errors } = await openPlayground(browser, kind.query);
      await waitReady(page);
      await page.getByRole('radio', { name: kind.name, exact: true }).check();
      expect(new URL(page.url()).searchParams.get('kind')).toBe(
        { Vanilla: 'vanilla', Deep: 'deep', Convolutional: 'conv', Denoising: 'denoising', Variational: 'vae' }[kind.name],
      );
      await page.getByRole('button', { name: 'Train' }).click();
      const first = await waitForStatus(page, (s) => s.loss !== null, 60_000);
      await page.waitForTimeout(kind.seconds * 1000);
      const last = await status(page);
      expect(last.step).toBeGreaterThan(first.step);
      expect(last.loss).not.toBeNull();
      expect(last.loss!).toBeLessThan(first.loss! * 0.8);
      const recon = page.getByRole('img', { name: /^Reconstructions at step/ });
      const latent = page.getByRole('img', { name: /^Latent space at step/ });
      await recon.waitFor();
      await latent.waitFor();
      expect(await inkedShare(page, 'canvas[aria-label^="Reconstructions"]')).toBeGreaterThan(0.05);
      expect(await inkedShare(page, '[data-testid="latent-points"]')).toBeGreaterThan(0.01);
      const loss = page.getByRole('img', { name: /^Loss curve/ });
      expect(await loss.getAttribute('aria-label')).toMatch(/latest training loss \d/);
      await page.screenshot({ path: `${SHOTS}/kind-${kind.name.toLowerCase()}.png`, fullPage: true });
      console.log(`${kind.name}: loss ${first.loss} at step ${first.step} → ${last.loss} at step ${last.step} (${last.backend})`);
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
    expect((await status(page)).backend).toBe('webgl');
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
    await page.waitForTimeout(1500);
    expect((await status(page)).step).toBe(paused.step);
    await page.getByRole('button', { name: 'Step' }).click();
    await waitForStatus(page, (s) => s.step === paused.step + 1, 5_000);
    await page.waitForTimeout(500);
    expect((await status(page)).step).toBe(paused.step + 1);
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitForStatus(page, (s) => s.step > paused.step + 5, 10_000);
    await page.getByRole('button', { name: 'Reset' }).click();
    await waitForStatus(page, (_, text) => text.includes('ready: press Train'), 5_000);
    // And train again after a reset, without reloading.
    await page.getByRole('button', { name: 'Train' }).click();
    await waitForStatus(page, (s) => s.step > 3, 30_000);
    await page.context().close();
  });

  it('a reload restores the settings from the URL, and Back undoes a change', async () => {
    const { page } = await openPlayground(browser);
    await waitReady(page);
    await page.getByRole('radio', { name: 'Deep', exact: true }).check();
    await page.waitForTimeout(1100); // a new history entry per second at most
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
    expect(await inkedShare(page, 'canvas[aria-label^="Reconstructions"]')).toBeGreaterThan(0.05);
    const old = await status(page);
    await page.waitForTimeout(800);
    expect((await status(page)).step).toBe(old.step);
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
    expect(await inkedShare(page, 'canvas[aria-label^="Reconstructions"]')).toBeGreaterThan(0.05);
    const stopped = await status(page);
    await page.waitForTimeout(1000);
    expect((await status(page)).step).toBe(stopped.step);
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
