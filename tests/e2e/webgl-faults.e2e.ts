/**
 * Two faults WebGL meets in a classroom, in the built playground on
 * SwiftShader's WebGL (headless Chromium, no GPU):
 *  - the graphics card's context is lost in the middle of a run: the run
 *    goes on on WASM from its last copy of the weights, and the page says so;
 *  - the GPU stores numbers in 16 bits (as many phones do): training stays
 *    finite.
 *
 * How the tests reach inside the training worker, with no hook in the
 * product: TF.js keeps its engine on the worker's global object
 * (`self._tfengine`, tfjs-core's own global, there in every build), and
 * Playwright's Worker.evaluate runs code in the worker's global scope. The
 * loss goes through the WebGL backend's own context
 * (engine → backend 'webgl' → gpgpu.gl → WEBGL_lose_context), as a real loss
 * would; 16-bit textures are TF.js's own flags, set on the engine's
 * environment before the WebGL backend starts (the page starts on WASM, the
 * flags are set, then WebGL is chosen in the settings). Nothing a link or a
 * page script can trigger was added for this.
 */
import type { Browser, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, backendName, launch, openPlayground, parseStatus, statusText, waitForStatus, waitReady } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** The training worker of `page` (WASM's thread workers and the analysis worker are others). */
async function trainingWorker(page: Page): Promise<Worker> {
  const find = () => page.workers().find((w) => w.url().includes('training'));
  await expect.poll(find, { timeout: 30_000 }).toBeTruthy();
  return find()!;
}

/** "Loss curve: 57 training batches, …" → 57. */
async function curvePoints(page: Page): Promise<number> {
  const label = (await page.getByRole('img', { name: /^Loss curve/ }).getAttribute('aria-label')) ?? '';
  return Number(/(\d+) training batches/.exec(label)?.[1] ?? 0);
}

/** TF.js's engine in the worker, as the tests use it (each evaluated function reads it afresh: closures do not travel). */
type Scope = {
  _tfengine: {
    findBackend(name: string): { gpgpu: { gl: WebGL2RenderingContext } } | null;
    ENV: { flags: Record<string, unknown>; getBool(flag: string): boolean };
    backendName: string;
    state: { numTensors: number };
  };
};

/** Pauses, and counts the tensors TF.js holds in the worker then (the model, its checkpoints and Adam's state). */
async function pausedTensors(page: Page, worker: Worker): Promise<number> {
  await page.getByRole('button', { name: 'Pause' }).click();
  await waitForStatus(page, (_, text) => text.endsWith('paused'), 10_000);
  // The views of the pause are published after it: let them settle.
  await page.waitForTimeout(1000);
  return worker.evaluate(() => (globalThis as unknown as Scope)._tfengine.state.numTensors);
}

describe('WebGL faults', () => {
  it('a lost WebGL context mid-run: training goes on with WASM from the last copy of the weights, and the page says so', async () => {
    const { page, errors } = await openPlayground(browser, '?backend=webgl');
    const worker = await trainingWorker(page);
    await waitReady(page);
    expect(await backendName(page)).toBe('webgl');
    await page.getByRole('button', { name: 'Train' }).click();
    // Past the first copies of the weights (one at the build, then every 2 s), and well below the untrained 0.69.
    await waitForStatus(page, (s) => s.step >= 20, 90_000);
    // The tensors a paused run holds on WebGL: the same number must be held on WASM after the move.
    const heldOnWebgl = await pausedTensors(page, worker);
    await page.getByRole('button', { name: 'Resume' }).click();
    const before = await waitForStatus(page, (s) => s.step >= 35 && s.loss !== null && s.loss < 0.4, 90_000);
    const pointsBefore = await curvePoints(page);

    const lost = await worker.evaluate(() => {
      const gl = (globalThis as unknown as Scope)._tfengine.findBackend('webgl')!.gpgpu.gl;
      gl.getExtension('WEBGL_lose_context')!.loseContext();
      return gl.isContextLost();
    });
    expect(lost).toBe(true);

    const notice = page.getByRole('alert').filter({ hasText: "The graphics card's context was lost at step" });
    await notice.waitFor({ timeout: 30_000 });
    const said = (await notice.textContent()) ?? '';
    expect(said).toMatch(/training goes on with WebAssembly/);
    const lostAt = Number(/lost at step (\d+)/.exec(said)?.[1]);
    const weightsOf = Number(/from the weights of step (\d+)/.exec(said)?.[1] ?? lostAt);
    expect(lostAt).toBeGreaterThanOrEqual(before.step);
    // At most about 2 s of steps are lost: the weights are copied that often.
    expect(weightsOf).toBeGreaterThan(0);
    expect(lostAt - weightsOf).toBeLessThan(60);
    await expect.poll(() => backendName(page), { timeout: 10_000 }).toBe('wasm');
    await page.locator('.backend-reason summary').click();
    await expect(page.getByText(/^the graphics card's context was lost, so WASM/).count()).resolves.toBe(1);

    // The same run goes on: the counter rises from where it was, the curve keeps its points, the loss stays trained.
    const after = await waitForStatus(page, (s) => s.step >= lostAt + 30, 60_000);
    expect((await statusText(page)).endsWith('training')).toBe(true);
    expect(await curvePoints(page)).toBeGreaterThan(pointsBefore);
    expect(Number.isFinite(after.loss)).toBe(true);
    expect(after.loss!).toBeLessThan(Math.max(0.4, before.loss! * 1.25));
    console.log(
      `context lost at step ${lostAt} (loss ${before.loss} at step ${before.step}); weights of step ${weightsOf}; ` +
        `on wasm: loss ${after.loss} at step ${after.step}`,
    );
    await page.screenshot({ path: `${SHOTS}/webgl-context-lost.png`, fullPage: false });

    // Nothing of the lost context's is left counted: no more than the run held on WebGL (the WebGL
    // backend holds a few of its own; the old model alone would add as many as the run holds).
    const heldOnWasm = await pausedTensors(page, worker);
    console.log(`tensors of the paused run: ${heldOnWebgl} on webgl, ${heldOnWasm} on wasm after the move`);
    expect(heldOnWasm).toBeLessThanOrEqual(heldOnWebgl);
    expect(heldOnWasm).toBeGreaterThan(heldOnWebgl / 2);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('WebGL with 16-bit float textures (as on many phones) trains without NaN', async () => {
    const { page, errors } = await openPlayground(browser, '?backend=wasm');
    const worker = await trainingWorker(page);
    await waitReady(page);
    // TF.js's flags, set before the WebGL backend exists (it loads on demand when chosen).
    await worker.evaluate(() => {
      const { flags } = (globalThis as unknown as Scope)._tfengine.ENV;
      flags.WEBGL_FORCE_F16_TEXTURES = true;
      flags.WEBGL_RENDER_FLOAT32_CAPABLE = false;
    });
    await page.getByLabel('Backend').selectOption('webgl');
    await expect.poll(() => backendName(page), { timeout: 30_000 }).toBe('webgl');
    await waitReady(page);
    expect(await worker.evaluate(() => (globalThis as unknown as Scope)._tfengine.ENV.getBool('WEBGL_RENDER_FLOAT32_ENABLED'))).toBe(false);

    await page.getByRole('button', { name: 'Train' }).click();
    const first = await waitForStatus(page, (s) => s.loss !== null, 60_000);
    const later = await waitForStatus(page, (s, text) => s.step >= 40 || /diverged|failed/.test(text), 90_000);
    const text = await statusText(page);
    expect(text).not.toMatch(/diverged|failed/);
    expect(Number.isFinite(later.loss)).toBe(true);
    expect(later.loss!).toBeLessThan(first.loss! * 0.8);
    console.log(`16-bit textures: loss ${first.loss} at step ${first.step} → ${later.loss} at step ${later.step}`);
    expect(parseStatus(text).step).toBeGreaterThanOrEqual(40);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
