/** The loss curves as CSV text: one row per training batch and per test pass, in the run's own loss. */

export interface CurvesForCsv {
  train: { step: number[]; total: number[]; reconstruction: number[]; kl: number[] };
  test: { epoch: number; step: number; seconds: number; total: number; reconstruction: number; kl?: number }[];
  /** Whether the KL column means something (the VAE). */
  kl: boolean;
}

const cell = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '' : String(v));

export function curvesCsv({ train, test, kl }: CurvesForCsv): string {
  const rows = ['split,step,epoch,seconds,loss,reconstruction,kl'];
  train.step.forEach((step, i) =>
    rows.push(['train', step, '', '', cell(train.total[i]), cell(train.reconstruction[i]), kl ? cell(train.kl[i]) : ''].join(',')),
  );
  for (const t of test) {
    rows.push(['test', t.step, t.epoch, cell(t.seconds), cell(t.total), cell(t.reconstruction), kl ? cell(t.kl) : ''].join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** The test curves of several runs, one row per run and test pass. */
export function comparedCsv(runs: { name: string; test: { epoch: number; seconds: number; total: number }[] }[]): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = ['run,epoch,seconds,test loss'];
  for (const r of runs) for (const t of r.test) rows.push([quote(r.name), t.epoch, cell(t.seconds), cell(t.total)].join(','));
  return `${rows.join('\n')}\n`;
}
