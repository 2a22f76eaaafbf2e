// Section 7 of `npm run bench`: the page while each kind trains. For every
// kind: main-thread tasks over 50 ms from the click on Train until it has
// trained 12 s with every view on screen (reconstructions, loss curve,
// latent space), then the explorer's
// hover decode (pointer event → decoded digit on screen) while training
// goes on, with the tasks over 50 ms meanwhile, then the question tabs.
// Each figure is printed beside its target.
import { KINDS, fmt, longTasksSince, median, observeLongTasks, quantile, waitReady } from './common.mjs';

const TABS = ['Interpolate', 'Denoising lab', 'Bottleneck vs PCA', 'Generate', 'Retrieve', 'Cluster', 'Anomalies'];
/** The targets the figures are printed beside. */
export const TARGETS = { longTasks: 0, hoverP90Ms: 50 };

/** Moves the pointer over the latent plot `count` times, one every 60 ms; each sample is ms until a frame shows the new decode. */
function hoverSamples(page, count) {
  return page.evaluate(async (n) => {
    const target = [...document.querySelectorAll('canvas[role=img]')].find((c) => c.ariaLabel?.startsWith('Latent space at step'));
    // The line under the decoded digit: it names where, from which step and how fast each decode was.
    const readout = document.querySelector('.decoded-preview .hint');
    const rect = target.getBoundingClientRect();
    const out = [];
    for (let i = 0; i < n; i++) {
      // A path across the plot, like a hand moving over it.
      const x = rect.left + 40 + ((i * 37) % 340);
      const y = rect.top + 40 + ((i * 53) % 340);
      const before = readout.textContent;
      const t0 = performance.now();
      target.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true, pointerType: 'mouse' }));
      // Until a frame shows the new decode (or 2 s).
      while (readout.textContent === before && performance.now() - t0 < 2000) await new Promise((r) => requestAnimationFrame(r));
      out.push(readout.textContent === before ? null : performance.now() - t0);
      await new Promise((r) => setTimeout(r, 60));
    }
    return out;
  }, count);
}

const tasksText = (tasks) => `${tasks.length} (longest ${fmt(Math.max(0, ...tasks))} ms)`;
const mark = (ok) => (ok ? 'ok' : 'MISSED');

export async function explore(ctx, browser, appUrl) {
  const { quick, results, log } = ctx;
  log('\n## 7. Each kind training with every view on, and the explorer meanwhile (hover decode: pointer event → decoded digit on screen)');
  log(`targets: ${TARGETS.longTasks} main-thread tasks > 50 ms; hover decode p90 ≤ ${TARGETS.hoverP90Ms} ms`);
  const kinds = quick ? ['vanilla', 'conv'] : KINDS;
  const trainSeconds = quick ? 6 : 12;
  results.explore = [];
  for (const kind of kinds) {
    // Tall enough that the reconstructions, the loss curve and the latent space are all on screen (all painted).
    const page = await browser.newPage({ viewport: { width: 1400, height: 2400 } });
    await observeLongTasks(page);
    await page.goto(`${appUrl}?kind=${kind}&epochs=50`);
    await waitReady(page);
    // Counted from the click on Train: the views mounting with the first results are part of training.
    const trainFrom = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Train' }).click();
    const canvas = page.getByRole('img', { name: /^Latent space at step/ });
    await canvas.waitFor({ timeout: 60_000 });
    await page.waitForTimeout(trainSeconds * 1000);
    const training = await longTasksSince(page, trainFrom);
    const batches = Number(
      /(\d+) training batches/.exec((await page.getByRole('img', { name: /^Loss curve/ }).getAttribute('aria-label')) ?? '')?.[1],
    );

    await canvas.scrollIntoViewIfNeeded();
    const hoverFrom = await page.evaluate(() => performance.now());
    const samples = await hoverSamples(page, quick ? 20 : 40);
    const hover = await longTasksSince(page, hoverFrom);

    const tabs = [];
    const slowTabs = [];
    for (const tab of TABS) {
      const t0 = await page.evaluate(() => performance.now());
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(quick ? 1500 : 3000);
      const long = await longTasksSince(page, t0);
      tabs.push(...long);
      if (long.length) slowTabs.push(`${tab} ${long.map((d) => fmt(d)).join('/')} ms`);
    }
    const status = await page.getByRole('status').first().textContent();
    await page.close();
    const ok = samples.filter((v) => v !== null);
    const row = {
      kind,
      trainSeconds,
      lossChartBatches: batches,
      longTasksTraining: training.length,
      longestTaskTrainingMs: Math.max(0, ...training),
      hoverMedianMs: median(ok),
      hoverP90Ms: quantile(ok, 0.9),
      hoverMaxMs: Math.max(...ok),
      samples: samples.length,
      unanswered: samples.length - ok.length,
      longTasksHovering: hover.length,
      longestTaskHoveringMs: Math.max(0, ...hover),
      longTasksTabs: tabs.length,
      longestTaskMs: Math.max(0, ...training, ...hover, ...tabs),
      slowTabs,
      stillTraining: /training$/.test(status ?? ''),
      targets: TARGETS,
    };
    results.explore.push(row);
    const p90ok = row.hoverP90Ms <= TARGETS.hoverP90Ms && row.unanswered === 0;
    log(
      `${kind.padEnd(9)} Train, then ${trainSeconds} s (${batches} batches on the loss curve): tasks > 50 ms ${tasksText(training)} ` +
        `[target ${TARGETS.longTasks}: ${mark(training.length <= TARGETS.longTasks)}]`,
    );
    log(
      `${''.padEnd(9)} hover decode p50 ${fmt(row.hoverMedianMs)} ms, p90 ${fmt(row.hoverP90Ms)} ms [target ≤ ${TARGETS.hoverP90Ms}: ${mark(p90ok)}], ` +
        `max ${fmt(row.hoverMaxMs)} ms (${ok.length}/${samples.length} answered); tasks > 50 ms while hovering ${tasksText(hover)} ` +
        `[target ${TARGETS.longTasks}: ${mark(hover.length <= TARGETS.longTasks)}]`,
    );
    log(
      `${''.padEnd(9)} opening the ${TABS.length} question tabs: tasks > 50 ms ${tabs.length}${slowTabs.length ? ` (${slowTabs.join(', ')})` : ''}` +
        `${row.stillTraining ? '' : ' — training had stopped!'}`,
    );
  }
  const all = results.explore;
  log(
    `all kinds: tasks > 50 ms while training ${all.reduce((s, r) => s + r.longTasksTraining, 0)}, while hovering ${all.reduce((s, r) => s + r.longTasksHovering, 0)} ` +
      `[target 0]; worst hover p90 ${fmt(Math.max(...all.map((r) => r.hoverP90Ms)))} ms [target ≤ ${TARGETS.hoverP90Ms}]`,
  );
}
