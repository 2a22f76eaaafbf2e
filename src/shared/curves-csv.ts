/** The loss curves as CSV text: one row per training batch and per test pass, in the run's own loss. */

export interface CurvesForCsv {
  train: { step: number[]; total: number[]; reconstruction: number[]; penalty: number[] };
  test: { epoch: number; step: number; seconds: number; total: number; reconstruction: number; penalty?: number }[];
  /** Which column the penalty fills: the VAE's KL, the sparse code's L1, or neither. */
  penalty: 'kl' | 'l1' | null;
}

const cell = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '' : String(v));

/** Both penalty columns are always written (so that files of different runs line up), one of them filled at most. */
export function curvesCsv({ train, test, penalty }: CurvesForCsv): string {
  const columns = (v: number | undefined) => [penalty === 'kl' ? cell(v) : '', penalty === 'l1' ? cell(v) : ''];
  const rows = ['split,step,epoch,seconds,loss,reconstruction,kl,l1'];
  train.step.forEach((step, i) =>
    rows.push(['train', step, '', '', cell(train.total[i]), cell(train.reconstruction[i]), ...columns(train.penalty[i])].join(',')),
  );
  for (const t of test) {
    rows.push(['test', t.step, t.epoch, cell(t.seconds), cell(t.total), cell(t.reconstruction), ...columns(t.penalty)].join(','));
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
