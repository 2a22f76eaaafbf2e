#!/usr/bin/env node
// `npm run bench:quality`: how good the playground's models get, on the test
// set, against textbook figures. Each kind trains at its playground defaults
// (only the code size is set where a figure needs one) in headless Chromium on
// the default backend, for at most a fifth of the epochs the reference
// trained for, and stops early once the target is reached. Takes 10–20
// minutes on a 2-core machine without a GPU. `--only a,b` runs the named
// rows; `--json FILE` writes the figures; `--no-build` reuses the builds;
// `--keras-epochs` gives each row the reference's whole epoch budget (5×),
// to see where a model levels off.
//
// Reference figures:
// - Keras: F. Chollet, "Building Autoencoders in Keras" (blog.keras.io, 2016):
//   vanilla 784-32-784 about 0.09 test BCE after 50 epochs, deep 128-64-32
//   about 0.08 after 100, convolutional about 0.094 after 50; its denoising
//   model trains for 100 epochs and its VAE for 50.
// - PCA on MNIST, test MSE per pixel with k components: 0.0539 (k = 2),
//   0.0374 (k = 8), 0.0173 (k = 32); PCA-64 denoises noise 0.5 to 0.0307.
import { writeFileSync } from 'node:fs';
import { benchPage, build, fmt, launch, machineInfo, runInPage, serve } from './common.mjs';

const args = process.argv.slice(2);
const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
const budgetFactor = args.includes('--keras-epochs') ? 5 : 1;

const PCA_MSE = { 2: 0.0539, 8: 0.0374, 32: 0.0173 };
const ROWS = [
  {
    id: 'vanilla',
    name: 'vanilla, code 32',
    kind: 'vanilla',
    patch: { codeSize: 32 },
    metric: 'bce',
    target: 0.09,
    epochs: 10,
    reference: 'Keras 0.09 in 50 epochs',
  },
  {
    id: 'deep',
    name: 'deep 128-64-32',
    kind: 'deep',
    patch: { hidden: [128, 64], codeSize: 32 },
    metric: 'bce',
    target: 0.08,
    epochs: 20,
    reference: 'Keras 0.08 in 100 epochs',
  },
  {
    id: 'conv',
    name: 'convolutional',
    kind: 'conv',
    patch: {},
    metric: 'bce',
    target: 0.094,
    epochs: 10,
    reference: 'Keras 0.094 in 50 epochs',
  },
  {
    id: 'denoising',
    name: 'denoising, noise 0.5 (MSE to clean)',
    kind: 'denoising',
    patch: { noise: 0.5 },
    metric: 'mse',
    target: 0.015,
    epochs: 20,
    reference: 'PCA-64 0.0307; Keras trains 100 epochs',
  },
  {
    id: 'vae',
    name: 'VAE, 2-D code (−ELBO, nats)',
    kind: 'vae',
    patch: { codeSize: 2 },
    metric: 'negElbo',
    target: 150,
    epochs: 10,
    reference: 'Keras trains 50 epochs',
  },
  ...[2, 8, 32].map((k) => ({
    id: `pca${k}`,
    name: `dense (deep), code ${k} (MSE)`,
    kind: 'deep',
    patch: { codeSize: k },
    metric: 'mse',
    target: Math.round(0.7 * PCA_MSE[k] * 1e5) / 1e5,
    epochs: 20,
    reference: `0.7 × PCA-${k} (${PCA_MSE[k]})`,
  })),
]
  .filter((r) => !only || only.includes(r.id))
  .map((r) => ({ ...r, epochs: r.epochs * budgetFactor }));

const results = { machine: machineInfo(), when: new Date().toISOString(), rows: [] };
const log = (...a) => console.log(...a);
const started = Date.now();
if (!args.includes('--no-build')) build();
const bench = await serve('dist-bench', 4612);
const browser = await launch();
try {
  log('# Autoencoder Playground: quality on the MNIST test set');
  log(`machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.chrome}`);
  const page = await benchPage(browser, bench.resolvedUrls.local[0]);
  const defaults = await page.evaluate(() => window.bench.defaults);
  for (const row of ROWS) {
    const config = { ...defaults[row.kind], ...row.patch };
    const stepsPerEpoch = Math.floor(60000 / config.batchSize);
    // Four test evaluations per epoch over short budgets, two over long ones.
    const evalEvery = Math.round(stepsPerEpoch / (row.epochs > 10 ? 2 : 4));
    const reply = await runInPage(page, {
      type: 'fit',
      backend: 'auto',
      config,
      metric: row.metric,
      target: row.target,
      epochs: row.epochs,
      evalEvery,
    });
    if (reply.type === 'error') {
      log(`${row.name}: failed: ${reply.message}`);
      results.rows.push({ ...row, config, error: reply.message });
      continue;
    }
    // The reply's own id and epochs (those trained) must not overwrite the row's.
    results.rows.push({ ...row, config, result: reply });
    const digits = row.metric === 'negElbo' ? 1 : 4;
    log(
      `${row.name.padEnd(36)} target ≤ ${row.target} in ≤ ${row.epochs} epochs (${row.reference}): ` +
        (reply.reached
          ? `reached ${fmt(reply.value, digits)} after ${fmt(reply.epochs, 2)} epochs`
          : `NOT reached; best ${fmt(reply.best, digits)}, ${fmt(reply.value, digits)} after ${fmt(reply.epochs, 2)} epochs`) +
        ` (${fmt(reply.seconds)} s of training, ${reply.backend}; lr ${config.learningRate}, batch ${config.batchSize})`,
    );
  }
  await page.close();
} finally {
  await browser.close();
  await bench.close();
}
results.seconds = (Date.now() - started) / 1000;
log(`\nfinished in ${fmt(results.seconds)} s`);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 2));
