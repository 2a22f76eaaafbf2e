#!/usr/bin/env node
// `npm run bench`: speed and quality of the playground, measured in headless
// Chromium (playwright-core, the system Chromium or CHROME_PATH) against the
// production build. Prints a table; `--json FILE` also writes the figures;
// `--quick` is a short pass (wasm only, a few seconds per figure);
// `--only a,b` runs the named sections; `--no-build` serves the last build;
// `--dist DIR` serves another build of the playground (another branch's, to
// compare the two in one sitting; implies --no-build).
//
// Sections (speed.mjs times training, page.mjs and explore.mjs the page as a user meets it):
// 1. throughput: the five kinds at their defaults and two reference models
//    (batch 256, Adam 1e-3, BCE) on every backend that starts;
// 2. overhead: the dense reference in the playground (views on) against a
//    bare TF.js loop, same backend;
// 3. quality: training seconds until the test BCE per pixel reaches Keras's
//    published figures;
// 4. load: navigation → first reconstruction grid, on localhost and at
//    100 Mbit/s with 20 ms latency; bytes transferred; bundle size gzipped;
// 5. responsiveness while the conv model trains: longest main-thread task,
//    and Pause → step counter stopped;
// 6. threads (threads.mjs): the reference models on WASM at one thread and
//    at one per core, and PyTorch at both, when python3 with torch is
//    installed;
// 7. explore (explore.mjs): for each kind, main-thread tasks over 50 ms
//    while it trains with every view on screen, pointer → decoded digit on
//    screen while it trains, the tasks over 50 ms meanwhile and while every
//    question tab opens, each beside its target;
// 8. files (files.mjs): keeping, downloading and opening a model; the size
//    of a kept run; the service worker's precache after the first load;
// 9. sparsity (sparsity.mjs): the code of vanilla trained with the L1
//    penalty off and on: units near zero, mean activation, test BCE;
// 10. probe (probe.mjs): the backend probe as a first visit meets it.
// Then every figure with a target, beside it (targets.mjs).
import { writeFileSync } from 'node:fs';
import { build, fmt, launch, machineInfo, serve } from './common.mjs';
import { files } from './files.mjs';
import { explore } from './explore.mjs';
import { coldLoad, countBytes, responsiveness, served } from './page.mjs';
import { overhead, throughput, timeToQuality } from './speed.mjs';
import { threads } from './threads.mjs';
import { sparsity } from './sparsity.mjs';
import { probe } from './probe.mjs';
import { targets } from './targets.mjs';

const args = process.argv.slice(2);
const valueOf = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : null);
const quick = args.includes('--quick');
const jsonFile = valueOf('--json');
const only = valueOf('--only')?.split(',') ?? null;
const wants = (part) => !only || only.includes(part);
const appDir = valueOf('--dist');

const results = { machine: machineInfo(), when: new Date().toISOString(), quick };
/** What every section reads: the pass's length and where it writes its figures. */
const ctx = {
  quick,
  results,
  log: (...a) => console.log(...a),
  /** Seconds per throughput figure. */
  seconds: quick ? 3 : 6,
  /** Runs per figure on the default backend (the one compared with PyTorch): the median is reported. */
  repeats: quick ? 1 : 3,
  backends: quick ? ['wasm'] : ['wasm', 'webgl', 'webgpu', 'cpu'],
  qualityMaxSeconds: quick ? 15 : 100,
};

const started = Date.now();
if (!args.includes('--no-build') && !appDir) build();
const app = await serve(appDir ?? 'dist', 4610, [countBytes()]);
const bench = await serve('dist-bench', 4611);
const appUrl = app.resolvedUrls.local[0];
const benchUrl = bench.resolvedUrls.local[0];
const browser = await launch();
try {
  ctx.log(`# Autoencoder Playground benchmark${quick ? ' (quick)' : ''}`);
  ctx.log(`machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.chrome}, Node ${results.machine.node}`);
  if (wants('throughput')) await throughput(ctx, browser, benchUrl);
  if (wants('overhead')) await overhead(ctx, browser, appUrl, benchUrl);
  if (wants('quality')) await timeToQuality(ctx, browser, benchUrl);
  if (wants('load')) await coldLoad(ctx, browser, appUrl);
  if (wants('responsiveness')) await responsiveness(ctx, browser, appUrl);
  if (wants('threads')) await threads(ctx, browser, benchUrl);
  if (wants('explore')) await explore(ctx, browser, appUrl);
  if (wants('files')) await files(ctx, browser, appUrl, served);
  if (wants('sparsity')) await sparsity(ctx, browser, benchUrl);
  if (wants('probe')) await probe(ctx, browser, appUrl);
  targets(ctx);
} finally {
  await browser.close();
  await app.close();
  await bench.close();
}
results.seconds = (Date.now() - started) / 1000;
ctx.log(`\nfinished in ${fmt(results.seconds)} s`);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 2));
