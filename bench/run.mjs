#!/usr/bin/env node
// `npm run bench`: speed and quality of the playground, measured in headless
// Chromium (playwright-core, the system Chromium or CHROME_PATH) against the
// production build. Prints a table; `--json FILE` also writes the figures;
// `--quick` is a short pass (wasm only, a few seconds per figure).
//
// 1. throughput of the five kinds at their defaults and of two reference
//    models (batch 256, Adam 1e-3, BCE) on every backend that starts;
// 2. overhead of the live views: the dense reference trained in the
//    playground (views on) against a bare TF.js loop, same backend;
// 3. time to quality: training seconds until the test BCE per pixel reaches
//    Keras's published figures;
// 4. cold load: navigation → first reconstruction grid, on localhost and at
//    100 Mbit/s with 20 ms latency; bytes transferred; bundle size gzipped;
// 5. responsiveness while the conv model trains: longest main-thread task,
//    and Pause → step counter stopped;
// 6. PyTorch on the same machine, when python3 with torch is installed;
// 7. the explorer while a model trains: pointer → decoded digit on screen
//    (hover-decode latency) for each kind, and main-thread tasks over 50 ms
//    while the pointer moves and every question tab is opened.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchPage, build, fmt, launch, machineInfo, median, runInPage, serve } from './common.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const skipBuild = args.includes('--no-build');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
const wants = (part) => !only || only.includes(part);

const SECONDS = quick ? 3 : 6;
/** Runs per figure on the default backend (the one compared with PyTorch): the median is reported. */
const REPEATS = quick ? 1 : 3;
const BACKENDS = quick ? ['wasm'] : ['wasm', 'webgl', 'webgpu', 'cpu'];
const KINDS = ['vanilla', 'deep', 'conv', 'denoising', 'vae'];
const QUALITY = [
  { name: 'vanilla, code 32', target: 0.11, patch: { kind: 'vanilla', codeSize: 32 } },
  { name: 'deep 128-64-32', target: 0.097, patch: { kind: 'deep', hidden: [128, 64], codeSize: 32 } },
  { name: 'convolutional', target: 0.094, patch: { kind: 'conv', codeSize: 32 } },
  // Compared with PyTorch (section 6): the dense reference model and recipe.
  { name: 'reference dense', target: 0.11, patch: { kind: 'deep', hidden: [256], codeSize: 32, batchSize: 256, learningRate: 0.001 } },
];
const QUALITY_MAX_SECONDS = quick ? 15 : 100;

const results = { machine: machineInfo(), when: new Date().toISOString(), quick };
const log = (...a) => console.log(...a);

/** Bytes the app's server has sent (after its compression), by kind: the ground truth for "transferred". */
const served = {
  total: 0,
  js: 0,
  reset() {
    this.total = 0;
    this.js = 0;
  },
};

function countBytes() {
  return {
    name: 'count-served-bytes',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const isJs = /\.js(\?|$)/.test(req.url ?? '');
        const write = res.write.bind(res);
        const end = res.end.bind(res);
        const count = (chunk, encoding) => {
          if (chunk == null || typeof chunk === 'function') return;
          const n =
            Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
              ? chunk.byteLength
              : Buffer.byteLength(chunk, typeof encoding === 'string' ? encoding : 'utf8');
          served.total += n;
          if (isJs) served.js += n;
        };
        res.write = (chunk, encoding, cb) => (count(chunk, encoding), write(chunk, encoding, cb));
        res.end = (chunk, encoding, cb) => (count(chunk, encoding), end(chunk, encoding, cb));
        next();
      });
    },
  };
}

async function throughput(browser, benchUrl) {
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
  const text = await page.getByRole('status').textContent();
  const m = /([\d,]+) samples\/s/.exec(text ?? '');
  return m ? Number(m[1].replace(/,/g, '')) : null;
}

async function waitReady(page) {
  await page.waitForFunction(
    () => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Train');
      return b && !b.disabled;
    },
    undefined,
    { timeout: 120_000 },
  );
}

async function overhead(browser, appUrl, benchUrl) {
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

async function timeToQuality(browser, benchUrl) {
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

async function coldLoad(browser, appUrl) {
  log('\n## 4. Cold load (navigation → first reconstruction grid)');
  results.coldLoad = [];
  for (const network of ['localhost', '100 Mbit/s, 20 ms']) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (network !== 'localhost') {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 20,
        downloadThroughput: 12.5e6,
        uploadThroughput: 12.5e6,
      });
    }
    served.reset();
    const start = Date.now();
    await page.goto(appUrl);
    await waitReady(page);
    const ready = Date.now() - start;
    await page.getByRole('button', { name: 'Train' }).click();
    await page.getByRole('img', { name: /^Reconstructions at step/ }).waitFor({ timeout: 120_000 });
    const firstGrid = Date.now() - start;
    const wire = { total: served.total, js: served.js };
    results.coldLoad.push({ network, readySeconds: ready / 1000, firstGridSeconds: firstGrid / 1000, bytes: wire.total, jsBytes: wire.js });
    log(
      `${network.padEnd(18)} ready to train ${fmt(ready / 1000, 2)} s, first reconstructions ${fmt(firstGrid / 1000, 2)} s, ` +
        `${fmt(wire.total / 1e6, 2)} MB transferred (JavaScript ${fmt(wire.js / 1e3)} kB)`,
    );
    await context.close();
  }
  const gz = (dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .reduce((s, f) => s + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  results.bundleGzipBytes = gz('dist/assets');
  log(`all JavaScript in the build, gzip -9: ${fmt(results.bundleGzipBytes / 1e3)} kB (the GPU backends load only when used)`);
}

/** Records the page's main-thread tasks over 50 ms in window.__longTasks, from its first script on. */
function observeLongTasks(page) {
  return page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

async function responsiveness(browser, appUrl) {
  log('\n## 5. Responsiveness while the conv model trains');
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await observeLongTasks(page);
  await page.goto(`${appUrl}?kind=conv`);
  await waitReady(page);
  const clicked = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => /step [1-9]/.test(document.querySelector('[role=status]')?.textContent ?? ''));
  const from = await page.evaluate(() => performance.now());
  await page.waitForTimeout(quick ? 5000 : 15000);
  const tasks = await page.evaluate((t0) => window.__longTasks.filter((t) => t.start >= t0).map((t) => t.duration), from);
  const atStart = await page.evaluate(
    ([t0, t1]) => window.__longTasks.filter((t) => t.start >= t0 && t.start < t1).map((t) => t.duration),
    [clicked, from],
  );
  const pauses = [];
  for (let i = 0; i < 3; i++) {
    const ms = await page.evaluate(async () => {
      const status = () => document.querySelector('[role=status]')?.textContent ?? '';
      const stepOf = () => Number(/step (\d+)/.exec(status())?.[1] ?? 0);
      const pause = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Pause');
      const t0 = performance.now();
      pause.click();
      // Stopped: the step counter has not moved for 300 ms (time of the last change counts).
      let last = stepOf();
      let lastChange = performance.now();
      while (performance.now() - lastChange < 300) {
        await new Promise((r) => requestAnimationFrame(r));
        const s = stepOf();
        if (s !== last) {
          last = s;
          lastChange = performance.now();
        }
      }
      return lastChange - t0;
    });
    pauses.push(Math.max(0, ms));
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.waitForTimeout(1500);
  }
  await page.close();
  results.responsiveness = {
    longestTaskWhileTrainingMs: tasks.length ? Math.max(...tasks) : 0,
    longTasksWhileTraining: tasks.length,
    longestTaskAtStartMs: atStart.length ? Math.max(...atStart) : 0,
    pauseMs: pauses,
  };
  log(
    `main-thread tasks over 50 ms while training: ${tasks.length} (longest ${fmt(results.responsiveness.longestTaskWhileTrainingMs)} ms); between the click on Train and the first step: longest ${fmt(results.responsiveness.longestTaskAtStartMs)} ms`,
  );
  log(`Pause → step counter stopped: ${pauses.map((p) => `${fmt(p)} ms`).join(', ')} (median ${fmt(median(pauses))} ms)`);
}

/** p-quantile of a list of numbers. */
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function explore(browser, appUrl) {
  log('\n## 7. The explorer while the model trains (hover decode: pointer event → decoded digit on screen)');
  const kinds = quick ? ['vanilla', 'conv'] : KINDS;
  const TABS = ['Interpolate', 'Denoising lab', 'Bottleneck vs PCA', 'Generate', 'Retrieve', 'Cluster', 'Anomalies'];
  results.explore = [];
  for (const kind of kinds) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await observeLongTasks(page);
    await page.goto(`${appUrl}?kind=${kind}&epochs=50`);
    await waitReady(page);
    await page.getByRole('button', { name: 'Train' }).click();
    const canvas = page.getByTestId('latent-canvas');
    await canvas.waitFor({ timeout: 60_000 });
    await canvas.scrollIntoViewIfNeeded();
    await page.waitForTimeout(3000);
    const from = await page.evaluate(() => performance.now());
    const samples = await page.evaluate(
      async (count) => {
        const target = document.querySelector('[data-testid="latent-canvas"]');
        const readout = document.querySelector('[data-testid="decode-ms"]');
        const rect = target.getBoundingClientRect();
        const out = [];
        for (let i = 0; i < count; i++) {
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
      },
      quick ? 20 : 40,
    );
    const hover = await page.evaluate((t0) => window.__longTasks.filter((t) => t.start >= t0).map((t) => t.duration), from);
    const tabs = [];
    const slowTabs = [];
    for (const tab of TABS) {
      const t0 = await page.evaluate(() => performance.now());
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(quick ? 1500 : 3000);
      const long = await page.evaluate((t) => window.__longTasks.filter((x) => x.start >= t).map((x) => x.duration), t0);
      tabs.push(...long);
      if (long.length) slowTabs.push(`${tab} ${long.map((d) => fmt(d)).join('/')} ms`);
    }
    const status = await page.getByRole('status').first().textContent();
    await page.close();
    const ok = samples.filter((v) => v !== null);
    const row = {
      kind,
      hoverMedianMs: median(ok),
      hoverP90Ms: quantile(ok, 0.9),
      hoverMaxMs: Math.max(...ok),
      samples: samples.length,
      unanswered: samples.length - ok.length,
      longTasksHovering: hover.length,
      longTasksTabs: tabs.length,
      longestTaskMs: Math.max(0, ...hover, ...tabs),
      slowTabs,
      stillTraining: /training$/.test(status ?? ''),
    };
    results.explore.push(row);
    log(
      `${kind.padEnd(9)} hover decode median ${fmt(row.hoverMedianMs)} ms, p90 ${fmt(row.hoverP90Ms)} ms, max ${fmt(row.hoverMaxMs)} ms ` +
        `(${ok.length}/${samples.length} answered); main-thread tasks > 50 ms: ${hover.length} while hovering, ${tabs.length} opening the ${TABS.length} tabs ` +
        `(longest ${fmt(row.longestTaskMs)} ms${slowTabs.length ? `: ${slowTabs.join(', ')}` : ''})${row.stillTraining ? '' : ' — training had stopped!'}`,
    );
  }
}

async function pytorch(browser, benchUrl) {
  log('\n## 6. PyTorch on the same machine');
  // Debian's python3-torch installs for /usr/bin/python3, which may not be the first python3 on PATH.
  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
  if (!python) {
    results.pytorch = { available: false };
    log('python3 with torch is not available here (Debian: apt-get install python3-torch): skipped.');
    return;
  }
  const version = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }).stdout.trim();
  const torchRun = (extra) => {
    const r = spawnSync(python, ['bench/reference_pytorch.py', ...(quick ? ['--quick'] : []), ...extra], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr.slice(-300));
    return JSON.parse(r.stdout);
  };
  // The machine's speed drifts by 20–30 % over minutes, so each browser run
  // is paired with a PyTorch run right after it, and the ratio is the
  // median of the pairs' ratios.
  const backend = results.defaultBackend ?? 'wasm';
  const page = await benchPage(browser, benchUrl);
  const pairs = { dense: [], conv: [] };
  try {
    for (let r = 0; r < REPEATS; r++) {
      for (const key of ['dense', 'conv']) {
        const ours = await runInPage(page, {
          type: 'throughput',
          backend,
          model: { type: `reference-${key}` },
          batchSize: 256,
          seconds: SECONDS,
        });
        if (ours.type === 'error') throw new Error(ours.message);
        const torch = torchRun(['--throughput', key]);
        pairs[key].push({
          browser: ours.samplesPerSecond,
          pytorch: torch.samplesPerSecond,
          ratio: ours.samplesPerSecond / torch.samplesPerSecond,
          threads: torch.threads,
        });
      }
    }
  } catch (err) {
    results.pytorch = { available: true, error: String(err) };
    log(`PyTorch run failed: ${err}`);
    return;
  } finally {
    await page.close();
  }
  const tq = torchRun(['--quality-only']).denseQuality;
  results.pytorch = { available: true, version, threads: pairs.dense[0].threads, pairs, denseQuality: tq };
  log(
    `PyTorch ${version}, ${pairs.dense[0].threads} thread; each browser run (${backend}) followed by a PyTorch run, ${REPEATS} pairs per model`,
  );
  for (const key of ['dense', 'conv']) {
    const ratio = median(pairs[key].map((p) => p.ratio));
    results.pytorch[`${key}Ratio`] = ratio;
    log(
      `reference ${key.padEnd(6)} ratio ${fmt(ratio, 3)}× (median; pairs browser/PyTorch samples/s: ` +
        `${pairs[key].map((p) => `${fmt(p.browser)}/${fmt(p.pytorch)}`).join(', ')})`,
    );
  }
  const ourQ = results.quality?.find((q) => q.name === 'reference dense');
  log(
    `reference dense to test BCE ${tq.target}: PyTorch ${tq.reached ? '' : 'NOT '}in ${fmt(tq.seconds, 1)} s (${fmt(tq.epochs, 2)} epochs)` +
      (ourQ && !ourQ.error
        ? `; in the browser ${ourQ.reached ? '' : 'NOT '}in ${fmt(ourQ.seconds, 1)} s: ratio ${fmt(tq.seconds / ourQ.seconds, 3)}× as fast`
        : ''),
  );
}

const started = Date.now();
if (!skipBuild) build();
const app = await serve('dist', 4610, [countBytes()]);
const bench = await serve('dist-bench', 4611);
const appUrl = app.resolvedUrls.local[0];
const benchUrl = bench.resolvedUrls.local[0];
const browser = await launch();
try {
  log(`# Autoencoder Playground benchmark${quick ? ' (quick)' : ''}`);
  log(`machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.chrome}, Node ${results.machine.node}`);
  if (wants('throughput')) await throughput(browser, benchUrl);
  if (wants('overhead')) await overhead(browser, appUrl, benchUrl);
  if (wants('quality')) await timeToQuality(browser, benchUrl);
  if (wants('load')) await coldLoad(browser, appUrl);
  if (wants('responsiveness')) await responsiveness(browser, appUrl);
  if (wants('pytorch')) await pytorch(browser, benchUrl);
  if (wants('explore')) await explore(browser, appUrl);
} finally {
  await browser.close();
  await app.close();
  await bench.close();
}
results.seconds = (Date.now() - started) / 1000;
log(`\nfinished in ${fmt(results.seconds)} s`);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 2));
