/**
 * New digits, never seen: codes drawn at random and decoded. The VAE was
 * trained so that its codes follow the prior N(0, I), so codes drawn from
 * the prior land where the decoder knows what to do. A plain autoencoder's
 * codes follow no set law; the best guess is a Gaussian fitted to the codes
 * of the test digits (their mean and covariance), and its samples are often
 * blurrier or stranger: the latent space has gaps.
 */
import { useCallback, useState } from 'react';
import { DigitStrip } from '../../components/DigitStrip';
import { useRefreshing } from '../../components/use-refreshing';
import { standardNormal } from '../../analysis/gaussian';
import { createRng, deriveSeed } from '../../shared/rng';
import type { AskModel } from '../../training/protocol';
import { PanelError } from '../../components/PanelError';

/** `count` samples (count × dim) of a Gaussian fitted to n codes of `dim` values, drawn with createRng(seed). */
export type GaussianSampler = (codes: Float32Array, n: number, dim: number, count: number, seed: number) => Promise<Float32Array>;

export interface GenerationPanelProps {
  ask: AskModel;
  step: number;
  training: boolean;
  vae: boolean;
  codeSize: number;
  seed: number;
  /** Fits and samples in the analysis worker. */
  sampleFitted: GaussianSampler;
}

const COUNT = 24;
/** Test digits whose codes the Gaussian is fitted to (plain kinds). */
const FIT_DIGITS = 2000;

export function GenerationPanel({ ask, step, training, vae, codeSize: k, seed, sampleFitted }: GenerationPanelProps) {
  const [draw, setDraw] = useState(0);
  const [source, setSource] = useState<'prior' | 'fitted'>(vae ? 'prior' : 'fitted');
  const load = useCallback(async () => {
    const drawSeed = deriveSeed(seed, 1000 + draw);
    let codes: Float32Array;
    if (source === 'prior') {
      codes = Float32Array.from(standardNormal(COUNT * k, createRng(drawSeed)));
    } else {
      const { result } = await ask({ kind: 'codes', count: FIT_DIGITS });
      codes = await sampleFitted(result.codes, result.labels.length, k, COUNT, drawSeed);
    }
    return ask({ kind: 'decode', codes, count: COUNT });
  }, [ask, source, draw, k, seed, sampleFitted]);
  const { data, error, busy } = useRefreshing(load, `${source}:${draw}:${k}`, step, training, 5000);
  return (
    <div className="panel-body">
      <div className="panel-options">
        <fieldset>
          <legend>Draw codes from</legend>
          <label>
            <input type="radio" name="gen-source" checked={source === 'prior'} onChange={() => setSource('prior')} />
            the prior N(0, I){vae ? ' (what the VAE was trained towards)' : ''}
          </label>
          <label>
            <input type="radio" name="gen-source" checked={source === 'fitted'} onChange={() => setSource('fitted')} />a Gaussian fitted to{' '}
            {FIT_DIGITS.toLocaleString('en-US')} test digits' codes
          </label>
        </fieldset>
        <button type="button" onClick={() => setDraw((d) => d + 1)}>
          New samples
        </button>
      </div>
      <p className="hint">
        {vae
          ? source === 'prior'
            ? 'The KL term pulls the codes towards N(0, I), so most samples from it decode to digit-like shapes.'
            : 'Fitted to the codes, not to the prior: compare with the prior’s samples.'
          : source === 'prior'
            ? 'Nothing made this model’s codes follow N(0, I): many of these fall where no digit was ever encoded.'
            : 'A plain autoencoder has no prior; this Gaussian is a guess at where its codes lie, so expect some blurry in-betweens.'}
      </p>
      <PanelError message={error} />
      {data && (
        <div className={busy ? 'busy' : undefined}>
          <DigitStrip
            digits={data.result.images}
            scale={2}
            perRow={12}
            label={`${COUNT} new digits decoded from codes drawn from ${source === 'prior' ? 'the prior N(0, I)' : 'a Gaussian fitted to the test codes'}, at step ${data.step}`}
          />
        </div>
      )}
    </div>
  );
}
