/**
 * The lessons, walked end to end in the built page as a learner would: each
 * step's experiment is set up, the test does what the step asks (slides,
 * chooses, presses Train, opens a tab, draws on the pad) through roles and
 * labels, waits for the step to be done, checks its explanation and goes on
 * with Next step, from the first lesson to the last. Then: the list of
 * lessons, an unknown lesson's message, and leaving a lesson (its button and
 * Escape) keeping the settings and the run as they are.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Condition } from '../../src/lessons/lesson-conditions';
import { LESSONS } from '../../src/lessons/lesson-catalog';
import type { LessonStep } from '../../src/lessons/lesson-schema';
import { textParts } from '../../src/lessons/lesson-text';
import { KIND_LABELS, type AutoencoderKind } from '../../src/model/config';
import { CONTROL_LABELS } from '../../src/state/view-params';
import { SHOTS, launch, openPlayground, waitReady } from './browser';

/** The question tabs' names on the page. */
const TAB_NAMES: Record<string, string> = {
  interpolate: 'Interpolate',
  denoise: 'Denoising lab',
  bottleneck: 'Bottleneck vs PCA',
  generate: 'Generate',
  retrieve: 'Retrieve',
  cluster: 'Cluster',
  anomaly: 'Anomalies',
};

/** The value the learner is asked to choose, for a condition that only bounds it (the task names it). */
const ASKED: Record<string, string> = { l1: '0.03' };

const plain = (text: string) =>
  textParts(text)
    .map((p) => p.text)
    .join('');

/** The conditions of a step, flattened (the lessons use "all" only). */
function partsOf(condition: Condition | undefined): Condition[] {
  if (!condition) return [];
  return 'all' in condition ? condition.all.flatMap(partsOf) : [condition];
}

const panel = (page: Page) => page.getByRole('region', { name: /step \d+ of \d+|Lesson finished|No lesson here/ });

/** Sets a control as the step asks: a slider, a choice or the architecture. */
async function setSetting(page: Page, param: string, value: string): Promise<void> {
  const settings = page.getByRole('complementary', { name: 'Settings' });
  if (param === 'kind') {
    await settings.getByRole('radio', { name: KIND_LABELS[value as AutoencoderKind], exact: true }).check();
    return;
  }
  const label = CONTROL_LABELS[param as keyof typeof CONTROL_LABELS];
  const slider = settings.getByRole('slider', { name: new RegExp(`^${label}`) });
  if ((await slider.count()) > 0) {
    await slider.fill(value);
    return;
  }
  const choice = settings.getByRole('combobox', { name: new RegExp(`^${label}( |$)`) });
  await choice.selectOption(value);
}

/** Draws a five-pointed star (nothing like a digit) on the pad with the mouse. */
async function drawStar(page: Page): Promise<void> {
  const clear = page.getByRole('button', { name: 'Clear drawing' });
  if (await clear.isEnabled().catch(() => false)) await clear.click();
  const pad = page.getByRole('img', { name: /^Drawing pad/ });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = (i: number) => {
    const a = -Math.PI / 2 + (i * 4 * Math.PI) / 5;
    return [box.x + box.width * (0.5 + 0.38 * Math.cos(a)), box.y + box.height * (0.5 + 0.38 * Math.sin(a))] as const;
  };
  await page.mouse.move(...at(0));
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(...at(i), { steps: 6 });
  await page.mouse.up();
}

/** Does what the step asks: its settings first, then its tab, its drawing, its training. */
async function doStep(page: Page, step: LessonStep): Promise<void> {
  const parts = partsOf(step.done);
  for (const c of parts) {
    if ('setting' in c) {
      const value = 'is' in c ? String(c.is) : (ASKED[c.setting] ?? String('atLeast' in c ? c.atLeast : c.atMost));
      await setSetting(page, c.setting, value);
    }
  }
  for (const c of parts) {
    if ('tab' in c) await page.getByRole('tab', { name: TAB_NAMES[c.tab] }).click();
    if ('drawing' in c) await drawStar(page);
  }
  if (parts.some((c) => 'trained' in c)) {
    const resume = page.getByRole('button', { name: 'Resume', exact: true });
    const train = page.getByRole('button', { name: 'Train', exact: true });
    if (await resume.isVisible()) await resume.click();
    else if (await train.isEnabled()) await train.click();
  }
}

/** The settings part of the page's URL (the view's lesson and step left out). */
const settingsOf = (page: Page) => {
  const params = new URLSearchParams(new URL(page.url()).search);
  for (const name of ['lesson', 'step', 'presenter', 'hide', 'only']) params.delete(name);
  return params.toString();
};

describe('lessons', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch();
    const probe = await openPlayground(browser, `?lesson=${LESSONS.lessons[0].id}`);
    ({ page, errors } = probe);
    await page.setViewportSize({ width: 1366, height: 768 });
    await waitReady(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('walks every lesson, step by step, from the first to the last', async () => {
    for (const [index, lesson] of LESSONS.lessons.entries()) {
      expect(new URL(page.url()).searchParams.get('lesson')).toBe(lesson.id);
      for (const [i, step] of lesson.steps.entries()) {
        const region = panel(page);
        await expect
          .poll(() => region.getByRole('heading').textContent())
          .toContain(`step ${i + 1} of ${lesson.steps.length}: ${step.title}`);
        await expect.poll(() => region.textContent()).toContain(plain(step.task));
        if (step.point) await expect.poll(() => page.locator('[data-lesson-highlight]').count(), { timeout: 5000 }).toBe(1);
        // The step's experiment is set up (in the link) before the learner acts.
        for (const [name, value] of new URLSearchParams(step.settings ?? '')) {
          await expect.poll(() => new URL(page.url()).searchParams.get(name)).toBe(value);
        }
        if (step.settings && partsOf(step.done).some((c) => 'trained' in c)) {
          // A new experiment to train: the run on screen was cleared, so Train (not Resume) starts it, and nothing counts yet.
          await page.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: 5_000 });
          expect(await region.getByText('✓ Done.').count()).toBe(0);
        }
        await doStep(page, step);
        // Long enough for the slowest step (the convolutional kind's 150 steps) on a busy machine.
        await region.getByText('✓ Done.').waitFor({ timeout: 120_000 });
        await expect.poll(() => region.getByLabel('What you see').textContent()).toBe(plain(step.explain));
        if (index === 0 && i === 0) await page.screenshot({ path: `${SHOTS}/lesson-step-done.png` });
        await region.getByRole('button', { name: i + 1 < lesson.steps.length ? 'Next step' : 'Finish the lesson' }).click();
      }
      const finished = panel(page);
      await expect.poll(() => finished.getByRole('heading').textContent()).toBe(`Lesson finished: ${lesson.title}`);
      const next = LESSONS.lessons[index + 1];
      if (next) await finished.getByRole('button', { name: `Next lesson: ${next.title}` }).click();
    }
    expect(errors).toEqual([]);
  }, 360_000);

  it('leaves a lesson with its button and with Escape, keeping the settings and the run', async () => {
    const before = settingsOf(page);
    const status = await page.getByRole('status').first().textContent();
    await panel(page).getByRole('button', { name: 'Leave the lesson' }).click();
    await expect.poll(() => panel(page).count()).toBe(0);
    expect(settingsOf(page)).toBe(before);
    expect(new URL(page.url()).searchParams.has('lesson')).toBe(false);
    expect(await page.getByRole('status').first().textContent()).toBe(status);

    // The list names every lesson; one opens in place, and Escape closes it again.
    const menu = page.getByRole('navigation', { name: 'Lessons' });
    await menu.getByText(`Lessons (${LESSONS.lessons.length})`).click();
    for (const lesson of LESSONS.lessons) await menu.getByRole('link', { name: lesson.title }).waitFor();
    const chosen = LESSONS.lessons[4];
    await menu.getByRole('link', { name: chosen.title }).click();
    await expect.poll(() => panel(page).getByRole('heading').textContent()).toContain(`${chosen.title} · step 1 of`);
    const set = settingsOf(page);
    await page.getByRole('heading', { name: 'Loss curve' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).count()).toBe(0);
    expect(settingsOf(page)).toBe(set);
    await expect.poll(() => page.locator('[data-lesson-highlight]').count()).toBe(0);
  });

  it('offers the first lesson to a newcomer, and says so when a link names no lesson', async () => {
    const start = page.getByRole('button', { name: `Start the first lesson: ${LESSONS.lessons[0].title}` });
    await start.waitFor();
    await page.goto(new URL('?lesson=no-such-lesson', page.url()).href);
    await page.getByText('There is no lesson called “no-such-lesson”.').waitFor();
    await waitReady(page);
    await page.getByRole('button', { name: 'See the lessons' }).click();
    await page.getByRole('link', { name: LESSONS.lessons[0].title }).waitFor();
    expect(errors).toEqual([]);
  });
});
