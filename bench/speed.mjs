// Sections of `npm run bench` that time training itself: throughput of the
// kinds and reference models on each backend, the live views' overhead,
// time to quality, and PyTorch on the same machine. Each takes the run's
// options and results (`ctx`, made in run.mjs).
import { KINDS, benchPage, fmt, median, runInPage, waitReady } from './common.mjs';

const QUALITY = [
  { name: 'vanilla, code 32', target: 0.11, patch: { kind: 'vanilla', codeSize: 32 } },
  { name: 'deep 128-64-32', target: 0.097, patch: { kind: 'deep', hidden: [128, 64], codeSize: 32 } },
  { name: 'convolutional', target: 0.094, patch: { kind: 'conv', codeSize: 32 } },
  // Compared with PyTorch (section 6): the dense reference model and recipe.
  { name: 'reference dense', target: 0.11, patch: { kind: 'deep', hidden: [256], codeSize: 32, batchSize: 256, learningRate: 0.001 } },
];

export async function throughput(ctx, browser, benchUrl) {
  const { results, log, seconds: SECONDS, repeats: REPEATS, backends: BACKENDS } = ctx;
  const page = await benchPage(browser, benchUrl);
  const defaults = await page.evaluate(() => window.bench.defaults);
  const auto = await runInPage(page, {
    type: 'throughput',
    backend: 'auto',
    model: { type: 'reference-dense' },
    batchSize: 256,
    seconds: 1,
  });
  results.defaultBackend = auto.backend;
  log(`\n## 1. Throughput (samples/s after warm-up; default backend here: ${auto.backend})`);
  const models = [
    ...KINDS.map((k) => ({
      name: `${k} (defaults, batch ${defaults[k].batchSize})`,
      model: { type: 'playground', config: defaults[k] },
      batch: defaults[k].batchSize,
    })),
    { name: 'reference dense 784-256-32-256-784', model: { type: 'reference-dense' }, batch: 256 },
    { name: 'reference conv 16-8 / 8-16', model: { type: 'reference-conv' }, batch: 256 },
  ];
  const rows = [];
  for (const backend of BACKENDS) {
    for (const m of models) {
      const replies = [];
      for (let r = 0; r < (backend === auto.backend ? REPEATS : 1); r++) {
        const reply = await runInPage(page, { type: 'throughput', backend, model: m.model, batchSize: m.batch, seconds: SECONDS });
        replies.push(reply);
        if (reply.type === 'error') break;
      }
      const reply = replies.at(-1);
      const runs = replies.filter((x) => x.type === 'throughput').map((x) => x.samplesPerSecond);
      const row = {
        backend,
        model: m.name,
        ...(reply.type === 'error'
          ? { error: reply.message }
          : { samplesPerSecond: median(runs), runs, warmupSeconds: reply.warmupSeconds, steps: reply.steps }),
      };
      rows.push(row);
      const spread = runs.length > 1 ? ` (median of ${runs.map((x) => fmt(x)).join(', ')})` : '';
      log(
        `${backend.padEnd(7)}${backend === auto.backend ? '*' : ' '} ${m.name.padEnd(40)} ${row.error ? `did not run: ${row.error}` : `${fmt(row.samplesPerSecond).padStart(7)} samples/s  (warm-up ${fmt(row.warmupSeconds, 1)} s)${spread}`}`,
      );
      if (row.error && /did not start/.test(row.error)) break;
    }
  }
  results.throughput = rows;
  await page.close();
}

async function appStatusRate(page) {
  const text = await page.getByRole('status').first().textContent();
  const m = /([\d,]+) (?:images|samples)\/s/.exec(text ?? '');
  return m ? Number(m[1].replace(/,/g, '')) : null;
}

export async function overhead(ctx, browser, appUrl, benchUrl) {
  const { quick, results, log, seconds: SECONDS } = ctx;
  const backend = results.defaultBackend ?? 'wasm';
  log(`\n## 2. Overhead of the live views (dense reference, batch 256, ${backend})`);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${appUrl}?kind=deep&hidden=256&code=32&batch=256&lr=0.001&loss=bce&epochs=50&backend=${backend}`);
  await waitReady(page);
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForTimeout(quick ? 3000 : 6000);
  const rates = [];
  for (let i = 0; i < (quick ? 5 : 12); i++) {
    await page.waitForTimeout(1000);
    const r = await appStatusRate(page);
    if (r) rates.push(r);
  }
  await page.close();
  const bp = await benchPage(browser, benchUrl);
  const bare = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    const reply = await runInPage(bp, {
      type: 'throughput',
      backend,
      model: { type: 'reference-dense' },
      batchSize: 256,
      seconds: SECONDS,
    });
    bare.push(reply.samplesPerSecond);
  }
  await bp.close();
  const app = median(rates);
  const bareRate = median(bare);
  results.overhead = { backend, playground: app, bare: bareRate, ratio: app / bareRate };
  log(`playground with views ${fmt(app)} samples/s, bare loop ${fmt(bareRate)} samples/s: ${fmt((1 - app / bareRate) * 100, 1)} % slower`);
}

export async function timeToQuality(ctx, browser, benchUrl) {
  const { results, log, qualityMaxSeconds: QUALITY_MAX_SECONDS } = ctx;
  log(`\n## 3. Time to quality (test BCE per pixel, default backend, at most ${QUALITY_MAX_SECONDS} s each)`);
  const page = await benchPage(browser, benchUrl);
  const defaults = await page.evaluate(() => window.bench.defaults);
  results.quality = [];
  for (const q of QUALITY) {
    const config = { ...defaults[q.patch.kind], ...q.patch, epochs: 1000 };
    const stepsPerEpoch = Math.floor(60000 / config.batchSize);
    const reply = await runInPage(page, {
      type: 'fit',
      backend: 'auto',
      config,
      metric: 'bce',
      target: q.target,
      epochs: config.epochs,
      maxSeconds: QUALITY_MAX_SECONDS,
      evalEvery: Math.max(50, Math.round(stepsPerEpoch / 4)),
    });
    if (reply.type === 'error') {
      log(`${q.name}: failed: ${reply.message}`);
      results.quality.push({ name: q.name, target: q.target, error: reply.message });
      continue;
    }
    results.quality.push({ name: q.name, target: q.target, ...reply });
    log(
      `${q.name.padEnd(20)} target ${q.target}: ${reply.reached ? 'reached' : 'NOT reached'} in ${fmt(reply.seconds, 1)} s, ${fmt(reply.epochs, 2)} epochs (test BCE ${fmt(reply.value, 4)}, ${reply.backend})`,
    );
  }
  await page.close();
}
