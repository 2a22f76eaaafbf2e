// Section 6 of `npm run bench`: WASM on one thread and on one per core, side
// by side, and PyTorch on the same machine at the same thread counts (on
// more than one core, at the best of three ways of sharing them between its
// OpenMP and OpenBLAS pools: the default one oversubscribes the cores). Each
// figure is the median of REPEATS rounds; in a round, the browser and
// PyTorch take turns for each model and thread count, so that every ratio
// compares runs that saw the machine in the same state (its speed drifts by
// 20–30 % over minutes). Both benchmark pages stay open (an idle one costs
// nothing): `?threads=1` starts its WASM on one thread.
import { spawnSync } from 'node:child_process';
import { benchPage, fmt, median, runInPage } from './common.mjs';

/** The targets the playground sets itself, printed beside each figure. */
export const THREAD_TARGETS = { speedup: 1.6, ratio: 0.25 };

const MODELS = ['dense', 'conv'];
/** How PyTorch's two thread pools (OpenMP, OpenBLAS) share the cores: see bench/reference_pytorch.py. */
const LAYOUTS = ['both', 'passive', 'blas'];
/** The layout that won most rounds. */
const commonest = (xs) => xs.toSorted((a, b) => xs.filter((x) => x === b).length - xs.filter((x) => x === a).length)[0];

function findPython() {
  // Debian's python3-torch installs for /usr/bin/python3, which may not be the first python3 on PATH.
  return ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
}

export async function threads(ctx, browser, benchUrl) {
  const { quick, results, log, seconds: SECONDS, repeats: REPEATS } = ctx;
  const cores = results.machine.cores;
  const counts = [...new Set([1, Math.min(cores, 8)])];
  log(`\n## 6. Threads, and PyTorch at the same thread counts (wasm, batch 256; ${cores} cores)`);
  const python = findPython();
  if (!python)
    log('python3 with torch is not available here (Debian: apt-get install python3-torch libopenblas0-pthread): PyTorch skipped.');
  const version = python ? spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }).stdout.trim() : null;
  const torchRun = (extra) => {
    const r = spawnSync(python, ['bench/reference_pytorch.py', ...(quick ? ['--quick'] : []), ...extra], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr.slice(-300));
    return JSON.parse(r.stdout);
  };
  const pages = {};
  for (const t of counts) pages[t] = await benchPage(browser, `${benchUrl}?threads=${t}`);
  /** rounds[model][t]: one { browser, threads, pytorch } per round. */
  const rounds = Object.fromEntries(MODELS.map((m) => [m, Object.fromEntries(counts.map((t) => [t, []]))]));
  try {
    for (let r = 0; r < REPEATS; r++) {
      for (const m of MODELS) {
        for (const t of counts) {
          const ours = await runInPage(pages[t], {
            type: 'throughput',
            backend: 'wasm',
            model: { type: `reference-${m}` },
            batchSize: 256,
            seconds: SECONDS,
          });
          if (ours.type === 'error') throw new Error(ours.message);
          // PyTorch at its best on t cores: each way of sharing them between its two thread pools, the fastest kept.
          const torch = python
            ? (t > 1 ? LAYOUTS : ['both'])
                .map((layout) => torchRun(['--throughput', m, '--threads', String(t), '--layout', layout]))
                .reduce((a, b) => (b.samplesPerSecond > a.samplesPerSecond ? b : a))
            : null;
          rounds[m][t].push({
            browser: ours.samplesPerSecond,
            threads: ours.threads,
            pytorch: torch?.samplesPerSecond ?? null,
            pytorchLayout: torch?.layout ?? null,
          });
        }
      }
    }
  } catch (err) {
    results.threads = { error: String(err) };
    log(`The threads section failed: ${err}`);
    for (const page of Object.values(pages)) await page.close();
    return;
  }
  // Why the dense model gains little from threads: the biggest product of its step, with XNNPACK's packed
  // copy of the second operand kept (the same tensor each call) and made anew each call (as in training).
  const products = {};
  try {
    for (const newOperand of [false, true]) {
      products[newOperand ? 'newOperand' : 'sameOperand'] = {};
      for (const t of counts) {
        const r = await runInPage(pages[t], { type: 'product', m: 256, k: 784, n: 256, newOperand, calls: quick ? 20 : 60 });
        if (r.type === 'error') throw new Error(r.message);
        products[newOperand ? 'newOperand' : 'sameOperand'][t] = r.medianMs;
      }
    }
  } finally {
    for (const page of Object.values(pages)) await page.close();
  }
  const out = { counts, pytorch: python ? { version } : null, models: {}, products };
  const many = counts.at(-1);
  for (const m of MODELS) {
    const row = { byThreads: {} };
    for (const t of counts) {
      const rs = rounds[m][t];
      row.byThreads[t] = {
        threads: rs[0].threads,
        browser: median(rs.map((x) => x.browser)),
        pytorch: python ? median(rs.map((x) => x.pytorch)) : null,
        pytorchLayout: python ? commonest(rs.map((x) => x.pytorchLayout)) : null,
        ratio: python ? median(rs.map((x) => x.browser / x.pytorch)) : null,
        rounds: rs,
      };
    }
    // The speed-up of the threads, round by round (each round's two runs were a minute apart at most).
    if (many > 1) row.speedup = median(rounds[m][many].map((x, i) => x.browser / rounds[m][1][i].browser));
    out.models[m] = row;
    for (const t of counts) {
      const f = row.byThreads[t];
      const layout = python && t > 1 ? `, pools: ${f.pytorchLayout}` : '';
      const vsTorch = python
        ? `; PyTorch ${fmt(f.pytorch)}${layout}: ${fmt(f.ratio, 3)}× PyTorch's speed (target ≥ ${THREAD_TARGETS.ratio}×)`
        : '';
      log(
        `reference ${m.padEnd(5)} ${String(f.threads).padStart(2)} thread${f.threads > 1 ? 's' : ' '}: ${fmt(f.browser).padStart(6)} samples/s${vsTorch}`,
      );
    }
    if (row.speedup) {
      const target = m === 'dense' ? ` (target ≥ ${THREAD_TARGETS.speedup}×)` : '';
      log(`reference ${m.padEnd(5)} ${many} threads against 1: ${fmt(row.speedup, 2)}×${target}`);
    }
  }
  if (python) {
    const tq = torchRun([
      '--quality-only',
      '--threads',
      String(many),
      '--layout',
      out.models.dense.byThreads[many].pytorchLayout ?? 'both',
    ]).denseQuality;
    out.pytorch.denseQuality = tq;
    const ourQ = results.quality?.find((q) => q.name === 'reference dense');
    log(
      `reference dense to test BCE ${tq.target}, ${many} threads: PyTorch ${tq.reached ? '' : 'NOT '}in ${fmt(tq.seconds, 1)} s (${fmt(tq.epochs, 2)} epochs)` +
        (ourQ && !ourQ.error ? `; in the browser ${ourQ.reached ? '' : 'NOT '}in ${fmt(ourQ.seconds, 1)} s` : ''),
    );
  }
  log(
    `medians of ${REPEATS} rounds; PyTorch ${version ?? 'not run'}` +
      (python && many > 1
        ? ` at its best of ${LAYOUTS.length} ways to share ${many} cores between OpenMP and OpenBLAS (pools: the commonest winner)`
        : ''),
  );
  if (many > 1) {
    const line = (p) => `${fmt(p[1], 2)} ms on 1 thread, ${fmt(p[many], 2)} on ${many}: ${fmt(p[1] / p[many], 2)}×`;
    log(`one 256×784 by 784×256 product, median of its calls: same second operand each call ${line(products.sameOperand)}`);
    log(
      `  a new second operand each call (XNNPACK packs it anew, on one thread, as every product of a training step does): ${line(products.newOperand)}`,
    );
  }
  results.threads = out;
}
