/**
 * For a class, in headless Chromium at a projector's 1280×720: presenter
 * mode (switch and link), every keyboard shortcut, the link builder that
 * hides controls, and every control within reach. Screenshots land in
 * test-results/screenshots/.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, expectSteady, launch, openPlayground, parseStatus, statusText, waitForStatus, waitReady } from './browser';

const PROJECTOR = { width: 1280, height: 720 };
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const rootFontSize = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
const step = (page: Page) => async () => parseStatus(await statusText(page)).step;

/** Whether the control is on screen and is what a click at its centre would reach. */
async function reachable(control: Locator): Promise<boolean> {
  await control.scrollIntoViewIfNeeded();
  const box = await control.boundingBox();
  if (!box) return false;
  const inside = box.y >= 0 && box.y + box.height <= PROJECTOR.height && box.x >= 0 && box.x + box.width <= PROJECTOR.width;
  const hit = await control.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return top !== null && (top === el || el.contains(top) || (top as HTMLLabelElement).control === el);
  });
  return inside && hit;
}

describe('presenter mode', () => {
  it('is one switch, kept in the URL, and a link opens on it; large type at 1280×720', async () => {
    const { page, errors } = await openPlayground(browser, '', PROJECTOR);
    await waitReady(page);
    expect(await rootFontSize(page)).toBe('16px');
    const toggle = page.getByRole('button', { name: 'Presenter mode' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await rootFontSize(page)).toBe('20px');
    expect(new URL(page.url()).searchParams.get('presenter')).toBe('1');
    // A setting changed afterwards keeps the flag in the URL.
    await page.getByRole('slider', { name: 'Bottleneck size' }).fill('8');
    await expect.poll(() => new URL(page.url()).searchParams.get('code')).toBe('8');
    expect(new URL(page.url()).searchParams.get('presenter')).toBe('1');
    await toggle.click();
    expect(await rootFontSize(page)).toBe('16px');
    expect(new URL(page.url()).searchParams.get('presenter')).toBeNull();

    const link = await openPlayground(browser, '?presenter=1&kind=deep', PROJECTOR);
    await waitReady(link.page);
    expect(await rootFontSize(link.page)).toBe('20px');
    await link.page.getByRole('button', { name: 'Train', exact: true }).click();
    await link.page.getByRole('img', { name: /^Reconstructions at step [1-9]/ }).waitFor({ timeout: 30_000 });
    // The reconstructions come first in presenter mode: on screen without scrolling.
    const grid = await link.page.getByRole('img', { name: /^Reconstructions at step/ }).boundingBox();
    expect(grid!.y).toBeLessThan(PROJECTOR.height - 100);
    await link.page.screenshot({ path: `${SHOTS}/presenter-1280x720.png` });
    expect([...errors, ...link.errors]).toEqual([]);
    await page.context().close();
    await link.page.context().close();
  });
});

describe('keyboard shortcuts', () => {
  it('? lists them; T, P, S and R train, pause, resume, step and reset; keys typed in a field are left alone', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=vanilla&epochs=5', PROJECTOR);
    await waitReady(page);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const rows = await dialog.getByRole('row').allInnerTexts();
    const listed = rows.map((r) => r.replace(/\s+/g, ' ').trim());
    for (const [key, does] of [
      ['T', 'Train'],
      ['P', 'Pause'],
      ['S', 'Step'],
      ['R', 'Reset'],
      ['N', 'Next step of the open lesson'],
      ['?', 'Show'],
    ]) {
      expect(
        listed.filter((r) => r.startsWith(`${key} ${does}`)),
        key,
      ).toHaveLength(1);
    }
    await page.screenshot({ path: `${SHOTS}/shortcuts.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Typing a seed is not a shortcut: T in a text field does not train.
    const seed = page.getByRole('textbox', { name: 'Seed' });
    await seed.click();
    await seed.press('t');
    await expectSteady(() => statusText(page), 500);
    expect(await statusText(page)).toBe('ready to train');
    await seed.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });

    await page.keyboard.press('t');
    await waitForStatus(page, (s, text) => text.endsWith('training') && s.step > 0, 30_000);
    await page.keyboard.press('p');
    await waitForStatus(page, (_, text) => text.endsWith('paused'), 5_000);
    const paused = await step(page)();
    await expectSteady(step(page), 500);
    await page.keyboard.press('s');
    await waitForStatus(page, (s) => s.step === paused + 1, 5_000);
    // P again resumes, T too when paused.
    await page.keyboard.press('p');
    await waitForStatus(page, (s, text) => text.endsWith('training') && s.step > paused + 3, 10_000);
    await page.keyboard.press('p');
    await waitForStatus(page, (_, text) => text.endsWith('paused'), 5_000);
    await page.keyboard.press('t');
    await waitForStatus(page, (_, text) => text.endsWith('training'), 5_000);
    await page.keyboard.press('r');
    await waitForStatus(page, (_, text) => text === 'ready to train', 10_000);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the next-lesson-step shortcut', () => {
  it('N moves to the next step once the step is done, and not before', async () => {
    const { page, errors } = await openPlayground(browser, '?lesson=what-is-an-autoencoder', PROJECTOR);
    await waitReady(page);
    await page.getByRole('heading', { name: /step 1 of \d+: Meet the model$/ }).waitFor();
    await page.keyboard.press('n');
    await expectSteady(() => Promise.resolve(new URL(page.url()).searchParams.get('step')), 300);
    expect(new URL(page.url()).searchParams.get('step')).toBeNull();
    await page.keyboard.press('t');
    // The step asks for 150 steps of training; then N moves on.
    await waitForStatus(page, (st) => st.step >= 150, 30_000);
    await expect
      .poll(
        async () => {
          await page.keyboard.press('n');
          return new URL(page.url()).searchParams.get('step');
        },
        { timeout: 10_000 },
      )
      .toBe('1');
    await page.getByRole('heading', { name: /step 2 of \d+: The image is its own target$/ }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('a link for a class', () => {
  it('hides the controls left unticked; the link opens with only those shown, and Show every control brings them back', async () => {
    const { page, errors } = await openPlayground(browser, '?kind=vanilla&code=4', PROJECTOR);
    await waitReady(page);
    await page.getByRole('button', { name: 'Link for a class' }).click();
    const dialog = page.getByRole('dialog', { name: 'A link for your class' });
    await dialog.getByRole('button', { name: 'Only the bottleneck slider' }).click();
    await dialog.getByRole('checkbox', { name: /^Presenter mode/ }).check();
    const link = await dialog.getByRole('textbox', { name: 'The link' }).inputValue();
    await page.screenshot({ path: `${SHOTS}/link-builder.png` });
    const params = new URL(link).searchParams;
    expect(params.get('only')).toBe('code');
    expect(params.get('presenter')).toBe('1');
    expect(params.get('code')).toBe('4');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const student = await openPlayground(browser, new URL(link).search, PROJECTOR);
    const s = student.page;
    await waitReady(s);
    const settings = s.getByRole('complementary', { name: 'Settings' });
    expect(await settings.getByRole('slider', { name: 'Bottleneck size' }).count()).toBe(1);
    for (const gone of ['Learning rate', 'Loss', 'Batch size', 'Data', 'Backend']) {
      expect(await settings.getByRole('combobox', { name: gone }).count(), gone).toBe(0);
    }
    expect(await settings.getByRole('radio').count()).toBe(0);
    // The run buttons stay: a student can still train.
    expect(await s.getByRole('button', { name: 'Train', exact: true }).isEnabled()).toBe(true);
    await s.screenshot({ path: `${SHOTS}/only-bottleneck.png` });
    await settings.getByRole('button', { name: 'Show every control' }).click();
    expect(await settings.getByRole('combobox', { name: 'Learning rate' }).count()).toBe(1);
    expect(new URL(s.url()).searchParams.get('only')).toBeNull();
    expect([...errors, ...student.errors]).toEqual([]);
    await page.context().close();
    await s.context().close();
  });
});

describe('the first minute', () => {
  it('at 1366×768, the first words say what to press, and Train shows reconstructions above the fold and the way to the questions', async () => {
    const laptop = { width: 1366, height: 768 };
    const started = Date.now();
    const { page, errors } = await openPlayground(browser, '', laptop);
    await waitReady(page);
    const first = page.locator('header p').first();
    expect(await page.locator('.next-step').textContent()).toMatch(/^Start here: press Train\./);
    expect(await first.textContent()).not.toMatch(/backend/);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const grid = page.getByRole('img', { name: /^Reconstructions at step [1-9]/ });
    await grid.waitFor({ timeout: 30_000 });
    const box = (await grid.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(laptop.height);
    expect(Date.now() - started).toBeLessThan(60_000);
    // The way on to the questions is signposted next to the payoff.
    const next = page.getByRole('link', { name: 'ask the model questions' });
    await next.click();
    await expect
      .poll(async () => (await page.getByRole('heading', { name: 'Ask the model' }).boundingBox())?.y ?? -1)
      .toBeLessThan(laptop.height);
    expect(await page.locator('.next-step').textContent()).toMatch(/^Training:/);
    await page.screenshot({ path: `${SHOTS}/first-minute-1366x768.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('at 1280×720', () => {
  it('every control of every kind is within reach', async () => {
    for (const query of ['?kind=vanilla', '?kind=denoising', '?kind=vae', '?kind=conv', '?presenter=1&kind=denoising']) {
      const { page, errors } = await openPlayground(browser, query, PROJECTOR);
      await waitReady(page);
      const settings = page.getByRole('complementary', { name: 'Settings' });
      // Every control that can be used (a disabled one says why beside it).
      const controls = settings.locator('input:not(:disabled), select:not(:disabled), button:not(:disabled)');
      const n = await controls.count();
      expect(n).toBeGreaterThan(10);
      const out: string[] = [];
      for (let i = 0; i < n; i++) {
        const c = controls.nth(i);
        if (!(await reachable(c))) out.push((await c.getAttribute('aria-label')) ?? (await c.evaluate((el) => el.outerHTML.slice(0, 80))));
      }
      expect(out, query).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});

describe('accessibility', () => {
  /** WCAG 2 A and AA violations on the page as it is, one line each. */
  const violations = async (page: Page) =>
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );

  it('has no WCAG A or AA violation in presenter mode, trained, with the shortcuts, the link builder and a lesson open', async () => {
    const { page, errors } = await openPlayground(browser, '?presenter=1&lesson=the-bottleneck', PROJECTOR);
    await waitReady(page);
    expect(await violations(page), 'lesson open').toEqual([]);
    await page.keyboard.press('t');
    await waitForStatus(page, (st) => st.step > 50, 30_000);
    await page.keyboard.press('p');
    await waitForStatus(page, (_, text) => text.endsWith('paused'), 5_000);
    expect(await violations(page), 'trained').toEqual([]);
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await violations(page), 'shortcuts').toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Link for a class' }).click();
    await page.getByRole('dialog', { name: 'A link for your class' }).waitFor();
    expect(await violations(page), 'link builder').toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
