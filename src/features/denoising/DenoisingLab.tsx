/**
 * The denoising lab: corrupt test digits with a noise chosen now, of any
 * kind and strength, independently of how the model was trained, and see
 * what it makes of them. A denoising autoencoder trained on Gaussian noise
 * cleans Gaussian noise well; masking or salt-and-pepper it never saw, less
 * so, and a plain autoencoder was never taught to remove noise at all.
 */
import { useCallback, useMemo, useState } from 'react';
import { DigitStrip } from '../../components/DigitStrip';
import { useRefreshing } from '../../components/use-refreshing';
import { NOISE_LABELS, TEST_NOISES, psnr, type TestNoise } from '../../data/noise';
import type { AskModel } from '../../training/protocol';
import { PanelError } from '../../components/PanelError';

export interface DenoisingLabProps {
  ask: AskModel;
  step: number;
  training: boolean;
  /** The test digits shown (the rest of the errors are over `sample` digits). */
  indices: number[];
  /** The Gaussian noise the model was trained with (denoising kind), or null. */
  trainingNoise: number | null;
  seed: number;
}

/** Test digits the errors are averaged over. */
const SAMPLE = 1000;

const fmtDb = (db: number) => (Number.isFinite(db) ? `${db.toFixed(1)} dB` : '∞ dB');

export function DenoisingLab({ ask, step, training, indices, trainingNoise, seed }: DenoisingLabProps) {
  const [noise, setNoise] = useState<TestNoise>('gaussian');
  const [level, setLevel] = useState(trainingNoise ?? 0.3);
  const key = `${noise}:${level}:${indices.join(',')}`;
  const load = useCallback(() => ask({ kind: 'denoise', noise, level, seed, indices, sample: SAMPLE }), [ask, noise, level, seed, indices]);
  const { data, error, busy } = useRefreshing(load, key, step, training);
  const r = data?.result;
  const n = indices.length;
  const rows = useMemo(() => {
    if (!r) return null;
    return { noisy: r.noisy, outputs: r.outputs, clean: r.clean };
  }, [r]);
  return (
    <div className="panel-body">
      <div className="panel-options">
        <fieldset>
          <legend>Test noise</legend>
          {TEST_NOISES.map((t) => (
            <label key={t} title={NOISE_LABELS[t].description}>
              <input type="radio" name="test-noise" value={t} checked={noise === t} onChange={() => setNoise(t)} />
              {NOISE_LABELS[t].name}
            </label>
          ))}
        </fieldset>
        <label>
          {noise === 'gaussian' ? `Noise level σ = ${level.toFixed(2)}` : `Pixels hit: ${Math.round(level * 100)}%`}
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={level}
            aria-label="Test noise level"
            onChange={(e) => setLevel(Number(e.target.value))}
          />
        </label>
        <span className="hint">
          {trainingNoise !== null ? `Trained with Gaussian noise σ = ${trainingNoise}.` : 'This model was trained on clean digits only.'}{' '}
          {NOISE_LABELS[noise].name} noise {NOISE_LABELS[noise].description}.
        </span>
      </div>
      <PanelError message={error} />
      {r && rows && (
        <>
          <table className="metrics" aria-label="Errors against the clean digits">
            <thead>
              <tr>
                <th scope="col">over {r.sample.toLocaleString('en-US')} test digits</th>
                <th scope="col">MSE per pixel</th>
                <th scope="col">PSNR</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">noisy input</th>
                <td>{r.noisyMse.toFixed(4)}</td>
                <td>{fmtDb(psnr(r.noisyMse))}</td>
              </tr>
              <tr>
                <th scope="row">reconstruction</th>
                <td>{r.outputMse.toFixed(4)}</td>
                <td>{fmtDb(psnr(r.outputMse))}</td>
              </tr>
            </tbody>
          </table>
          <div className={`strips${busy ? ' busy' : ''}`}>
            <p className="strip-label">noisy</p>
            <DigitStrip digits={rows.noisy} scale={2} perRow={n} label={`${n} test digits with ${NOISE_LABELS[noise].name} noise`} />
            <p className="strip-label">reconstructed</p>
            <DigitStrip digits={rows.outputs} scale={2} perRow={n} label={`What the model makes of the ${n} noisy digits`} />
            <p className="strip-label">clean</p>
            <DigitStrip digits={rows.clean} scale={2} perRow={n} label={`The ${n} clean test digits`} />
          </div>
        </>
      )}
    </div>
  );
}
