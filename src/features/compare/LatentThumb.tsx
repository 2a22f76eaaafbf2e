/** A small drawing of a kept run's latent view: its test digits' 2-D positions, coloured by digit. */
import { useEffect, useRef } from 'react';
import { DIGIT_COLORS } from '../../shared/digit-colors';
import type { RunDetails } from '../../history/run-record';

const SIZE = 180;

export function LatentThumb({ latent, name }: { latent: NonNullable<RunDetails['latent']>; name: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const n = latent.labels.length;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const { points, labels } = latent;
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < labels.length; i++) {
      x0 = Math.min(x0, points[2 * i]);
      x1 = Math.max(x1, points[2 * i]);
      y0 = Math.min(y0, points[2 * i + 1]);
      y1 = Math.max(y1, points[2 * i + 1]);
    }
    const pad = 6;
    const sx = (SIZE - 2 * pad) / Math.max(1e-9, x1 - x0);
    const sy = (SIZE - 2 * pad) / Math.max(1e-9, y1 - y0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, SIZE, SIZE);
    for (let i = 0; i < labels.length; i++) {
      ctx.fillStyle = DIGIT_COLORS[labels[i] % 10];
      ctx.fillRect(pad + (points[2 * i] - x0) * sx - 1, SIZE - pad - (points[2 * i + 1] - y0) * sy - 1, 2.5, 2.5);
    }
  }, [latent]);
  const how = latent.codeSize === 2 ? 'the 2-number code' : `the ${latent.codeSize}-number code on its two principal components`;
  return (
    <canvas
      ref={ref}
      width={SIZE}
      height={SIZE}
      className="latent-thumb"
      role="img"
      aria-label={`Latent space of ${name}: ${n} test digits, ${how}`}
    />
  );
}
