/**
 * Two or more kept runs side by side: their test loss on one chart (against
 * epochs and seconds), the same test digits reconstructed by each in
 * aligned rows, a table of their test figures, and each one's latent view.
 */
import { useRef } from 'react';
import { DigitStrip } from '../../components/DigitStrip';
import { SaveImageButton } from '../../components/SaveImageButton';
import { comparedCsv } from '../../shared/curves-csv';
import { downloadBlob } from '../../shared/snapshot-image';
import { KIND_LABELS } from '../../model/config';
import { CompareCurves } from './CompareCurves';
import { LatentThumb } from './LatentThumb';
import type { ComparedRun } from './compared-run';

const fixed = (v: number | null | undefined, digits: number) => (v === null || v === undefined ? '—' : v.toFixed(digits));

function CompareTable({ runs }: { runs: ComparedRun[] }) {
  const bests = {
    bce: Math.min(...runs.map((r) => r.summary.scores?.bce ?? Infinity)),
    mse: Math.min(...runs.map((r) => r.summary.scores?.mse ?? Infinity)),
  };
  return (
    <table className="compare-table" aria-label="Test figures of the compared runs">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Kind</th>
          <th scope="col">Code size</th>
          <th scope="col">Parameters</th>
          <th scope="col" title="Binary cross-entropy per pixel over the 10,000 test digits: lower is better">
            Test BCE
          </th>
          <th scope="col" title="Mean squared error per pixel over the 10,000 test digits: lower is better">
            Test MSE
          </th>
          <th scope="col">Epochs</th>
          <th scope="col">Samples/s</th>
        </tr>
      </thead>
      <tbody>
        {runs.map(({ summary: s, color }) => (
          <tr key={s.id}>
            <th scope="row">
              <span className="swatch" style={{ background: color }} aria-hidden="true" /> {s.name}
            </th>
            <td>{KIND_LABELS[s.config.kind]}</td>
            <td>{s.config.codeSize}</td>
            <td>{s.paramCount.toLocaleString('en-US')}</td>
            <td className={s.scores?.bce === bests.bce ? 'best' : undefined}>{fixed(s.scores?.bce, 4)}</td>
            <td className={s.scores?.mse === bests.mse ? 'best' : undefined}>{fixed(s.scores?.mse, 4)}</td>
            <td>{s.epochs}</td>
            <td>{Math.round(s.samplesPerSecond).toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Kept = NonNullable<ComparedRun['details']['reconstructions']>;

/** The first kept test digit of each label (a run keeps two of each), with their bytes. */
function onePerLabel(rec: Kept): { indices: number[]; originals: Uint8Array; outputs: Uint8Array } {
  const picked: number[] = [];
  rec.labels.forEach((label, i) => {
    if (!picked.some((j) => rec.labels[j] === label)) picked.push(i);
  });
  const take = (bytes: Uint8Array) => {
    const out = new Uint8Array(picked.length * 784);
    picked.forEach((i, k) => out.set(bytes.subarray(i * 784, (i + 1) * 784), k * 784));
    return out;
  };
  return { indices: picked.map((i) => rec.indices[i]), originals: take(rec.originals), outputs: take(rec.outputs) };
}

function CompareDigits({ runs }: { runs: ComparedRun[] }) {
  const rows = runs.filter((r) => r.details.reconstructions).map((r) => ({ run: r, ...onePerLabel(r.details.reconstructions!) }));
  const first = rows[0];
  if (!first) return <p className="empty">None of these runs got as far as a reconstruction.</p>;
  const n = first.indices.length;
  return (
    <div className="compare-digits">
      <div className="compare-row">
        <span className="compare-row-label">Test digits</span>
        <DigitStrip digits={first.originals} perRow={n} scale={2} label={`Test digits ${first.indices.join(', ')}`} />
      </div>
      {rows.map(({ run, indices, originals, outputs }) => (
        <div className="compare-row" key={run.summary.id}>
          <span className="compare-row-label">
            <span className="swatch" style={{ background: run.color }} aria-hidden="true" /> {run.summary.name}
          </span>
          <div>
            {indices.join() !== first.indices.join() && (
              <DigitStrip digits={originals} perRow={n} scale={2} label={`Test digits of ${run.summary.name}`} />
            )}
            <DigitStrip digits={outputs} perRow={n} scale={2} label={`Reconstructions by ${run.summary.name}`} />
          </div>
        </div>
      ))}
    </div>
  );
}

export function ComparePanel({ runs }: { runs: ComparedRun[] }) {
  const figure = useRef<HTMLDivElement>(null);
  if (runs.length < 2) return <p className="empty">Tick two or more runs above to compare them.</p>;
  const csv = () =>
    downloadBlob(
      new Blob([comparedCsv(runs.map((r) => ({ name: r.summary.name, test: r.details.test })))], { type: 'text/csv' }),
      'compared-runs.csv',
    );
  const mixed = new Set(runs.map((r) => (r.summary.config.kind === 'vae' ? 'vae' : r.summary.config.loss))).size > 1;
  return (
    <div className="compare" ref={figure}>
      <p className="export">
        <SaveImageButton target={figure} name="compared-runs" what="the comparison" />{' '}
        <button type="button" className="quiet" onClick={csv}>
          Download the test curves (CSV)
        </button>
      </p>
      <CompareCurves runs={runs} />
      {mixed && (
        <p className="hint">
          Each curve is in its run’s own loss (BCE, MSE, or for the variational kind BCE plus its KL term): compare them in the table, where
          every run is measured both ways on the same 10,000 test digits.
        </p>
      )}
      <CompareTable runs={runs} />
      <h3>The same test digits, one of each, reconstructed by each run</h3>
      <CompareDigits runs={runs} />
      <h3>Latent space of each</h3>
      <div className="compare-latents">
        {runs.map((r) => (
          <figure key={r.summary.id}>
            {r.details.latent ? (
              <LatentThumb latent={r.details.latent} name={r.summary.name} />
            ) : (
              <p className="empty">No latent view kept.</p>
            )}
            <figcaption>
              <span className="swatch" style={{ background: r.color }} aria-hidden="true" /> {r.summary.name}
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
