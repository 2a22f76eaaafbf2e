// The end of `npm run bench`: every figure that has a target, beside it, from
// this run's results (the sections print them too, where they are measured).
import { fmt } from './common.mjs';
import { THREAD_TARGETS } from './threads.mjs';

export function targets(ctx) {
  const { results, log } = ctx;
  const rows = [];
  const add = (what, figure, target, met) => rows.push({ what, figure, target, met });
  const t = results.threads;
  if (t?.models) {
    const many = t.counts.at(-1);
    const dense = t.models.dense;
    if (dense?.speedup)
      add(
        `WASM ${many} threads against 1, dense reference`,
        `${fmt(dense.speedup, 2)}×`,
        `≥ ${THREAD_TARGETS.speedup}×`,
        dense.speedup >= THREAD_TARGETS.speedup,
      );
    for (const m of ['dense', 'conv']) {
      for (const n of t.counts) {
        const f = t.models[m]?.byThreads[n];
        if (f?.ratio)
          add(
            `${m} reference against PyTorch, ${n} thread${n > 1 ? 's' : ''}`,
            `${fmt(f.ratio, 3)}×`,
            `≥ ${THREAD_TARGETS.ratio}×`,
            f.ratio >= THREAD_TARGETS.ratio,
          );
      }
    }
  }
  for (const p of results.probe ?? [])
    add(`backend probe on a first visit, ${p.kind}`, `${fmt(p.ms)} ms`, `about ${fmt(p.target)} ms`, p.ms <= p.target * 1.2);
  for (const e of results.explore ?? []) {
    add(
      `${e.kind}: main-thread tasks > 50 ms while training`,
      `${e.longTasksTraining}${e.longTasksTraining ? ` (longest ${fmt(e.longestTaskTrainingMs)} ms)` : ''}`,
      '0',
      e.longTasksTraining === 0,
    );
    add(`${e.kind}: main-thread tasks > 50 ms while hovering`, `${e.longTasksHovering}`, '0', e.longTasksHovering === 0);
    add(`${e.kind}: hover decode p90`, `${fmt(e.hoverP90Ms)} ms`, '≤ 50 ms', e.hoverP90Ms <= 50 && e.unanswered === 0);
  }
  if (!rows.length) return;
  results.targets = rows;
  const width = Math.max(...rows.map((r) => r.what.length));
  log('\n## Targets (figures of this run)');
  for (const r of rows)
    log(`${r.what.padEnd(width)}  ${r.figure.padStart(16)}  target ${r.target.padEnd(10)} ${r.met ? 'met' : 'NOT MET'}`);
}
