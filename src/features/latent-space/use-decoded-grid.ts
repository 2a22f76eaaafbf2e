/**
 * The decoded grid of a 2-number code: n × n codes over a square of radius r
 * around a centre (the prior's for the VAE, the codes' mean otherwise),
 * decoded again when the model moves on. The default radius covers the
 * codes (twice their standard deviation; 3σ of the prior for the VAE).
 */
import { useEffect, useMemo, useState } from 'react';
import type { AutoencoderKind } from '../../model/config';
import { latestOnly } from '../../shared/latest-only';
import type { AskModel } from '../../training/protocol';
import type { LatentData } from './latent-data';
import { gridCodes } from './view-mapping';

export interface DecodedGridImages {
  images: Uint8Array;
  n: number;
  center: [number, number];
  r: number;
  step: number;
}

export interface DecodedGrid {
  grid: DecodedGridImages | null;
  n: number;
  setN(n: number): void;
  r: number;
  setR(r: number): void;
  /** The range slider's step: a tenth of the default range (half a standard deviation for the VAE). */
  rStep: number;
}

export function useDecodedGrid(latent: LatentData, kind: AutoencoderKind, ask: AskModel, shown: boolean): DecodedGrid {
  const k = latent.codeSize;
  const [n, setN] = useState(12);
  const [chosenR, setR] = useState<number | null>(null);
  const [grid, setGrid] = useState<DecodedGridImages | null>(null);
  const center = useMemo<[number, number]>(() => {
    if (kind === 'vae' || k !== 2) return [0, 0];
    let sx = 0;
    let sy = 0;
    const count = latent.labels.length;
    for (let i = 0; i < count; i++) {
      sx += latent.codes[2 * i];
      sy += latent.codes[2 * i + 1];
    }
    return [sx / count, sy / count];
  }, [kind, k, latent]);
  const defaultR = useMemo(() => {
    if (kind === 'vae' || k !== 2) return 3;
    let s = 0;
    const count = latent.labels.length;
    for (let i = 0; i < count; i++) s += (latent.codes[2 * i] - center[0]) ** 2 + (latent.codes[2 * i + 1] - center[1]) ** 2;
    return +Math.max(0.1, 2 * Math.sqrt(s / (2 * count))).toPrecision(2);
  }, [kind, k, latent, center]);
  const rStep = kind === 'vae' ? 0.5 : +(defaultR / 10).toPrecision(2);
  const r = chosenR ?? defaultR;
  const asker = useMemo(
    () =>
      latestOnly(
        (arg: { n: number; center: [number, number]; r: number }) =>
          ask({ kind: 'decode', codes: gridCodes(arg.n, arg.center, arg.r), count: arg.n * arg.n }),
        (answer, arg) => setGrid({ images: answer.result.images, ...arg, step: answer.step }),
      ),
    [ask],
  );
  useEffect(() => {
    if (k === 2 && shown) asker.call({ n, center, r });
  }, [k, shown, n, center, r, latent.step, asker]);
  return { grid, n, setN, r, setR, rStep };
}
