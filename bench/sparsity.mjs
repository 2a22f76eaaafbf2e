// The sparsity section of `npm run bench`: what the L1 penalty on the code
// does. Vanilla, code 32, at its defaults, trained for a few epochs with the
// penalty off and at the λ the controls suggest (and at 0.1), each pair from
// the same seed; then, on the 10,000 test digits, the share of code units
// near zero (below a tenth of their code's largest |z|: a code cannot look
// sparse by shrinking), the same with a fixed threshold |z| < 0.1 (which a
// shrunk code would pass), the mean activation, the code's mean largest
// |z|, and the reconstruction's BCE and MSE per pixel. Medians over seeds.
import { benchPage, fmt, runInPage } from './common.mjs';

/** The median, the mean of the middle two for an even count (two seeds: their mean). */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export async function sparsity(ctx, browser, benchUrl) {
  const { results, log, quick } = ctx;
  const epochs = quick ? 1 : 5;
  const seeds = quick ? [1] : [1, 2];
  const page = await benchPage(browser, benchUrl);
  const { defaults, suggestedSparsity } = await page.evaluate(() => ({
    defaults: window.bench.defaults,
    suggestedSparsity: window.bench.suggestedSparsity,
  }));
  const lambdas = [...new Set([0, suggestedSparsity, 0.1])];
  log(`\n## 9. Sparsity: vanilla, code 32, ${epochs} epochs at its defaults, seeds ${seeds.join(', ')}; on the 10,000 test digits`);
  log(`(λ = ${suggestedSparsity} is the suggested weight; medians over the seeds)`);
  log(
    `${'λ'.padEnd(7)} ${'near zero'.padStart(9)} ${'|z|<0.1'.padStart(8)} ${'mean |z|'.padStart(8)} ${'max |z|'.padStart(8)} ${'BCE'.padStart(7)} ${'MSE'.padStart(7)}  backend`,
  );
  results.sparsity = [];
  for (const lambda of lambdas) {
    const runs = [];
    for (const seed of seeds) {
      const config = { ...defaults.vanilla, codeSize: 32, seed, sparsity: lambda };
      const reply = await runInPage(page, { type: 'sparsity', backend: 'auto', config, epochs });
      if (reply.type === 'error') {
        log(`λ = ${lambda}, seed ${seed}: failed: ${reply.message}`);
        continue;
      }
      runs.push({ seed, ...reply });
    }
    if (runs.length === 0) continue;
    const m = (key) => median(runs.map((r) => r[key]));
    const row = {
      lambda,
      epochs,
      backend: runs[0].backend,
      nearZero: m('nearZero'),
      belowFixed: m('belowFixed'),
      meanActivation: m('meanActivation'),
      meanPeak: m('meanPeak'),
      bce: m('bce'),
      mse: m('mse'),
      runs,
    };
    results.sparsity.push(row);
    const pct = (x) => `${fmt(100 * x, 1)} %`;
    log(
      `${String(lambda).padEnd(7)} ${pct(row.nearZero).padStart(9)} ${pct(row.belowFixed).padStart(8)} ${fmt(row.meanActivation, 3).padStart(8)} ${fmt(row.meanPeak, 2).padStart(8)} ${fmt(row.bce, 4).padStart(7)} ${fmt(row.mse, 4).padStart(7)}  ${row.backend}` +
        (runs.length > 1
          ? `  (near zero ${runs.map((r) => pct(r.nearZero)).join(', ')}; BCE ${runs.map((r) => fmt(r.bce, 4)).join(', ')})`
          : ''),
    );
  }
  await page.close();
}
