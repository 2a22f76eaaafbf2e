/**
 * The latent space: each of 2,000 test digits placed at its code, coloured by
 * its digit, with the digit's number written at the centre of its cloud (a
 * second cue besides colour). A 2-D code is drawn as it is, a 1-D code along
 * x with one row per digit, a wider code by its two principal components.
 */
import { memo, useEffect, useRef } from 'react';
import { DIGIT_COLORS } from '../../shared/digit-colors';
import { spreadLabels } from '../../shared/label-layout';

const WIDTH = 420;
const HEIGHT = 420;
const PAD = 28;

export interface LatentScatterProps {
  step: number;
  points: Float32Array;
  labels: Uint8Array;
  codeSize: number;
  method: 'identity' | 'pca';
  explained?: [number, number];
}

/** Centre labels closer than this (px) are pushed apart so that each stays readable. */
const LABEL_GAP = 18;

/** The q-quantile of a strided column of `values`. */
function quantile(values: Float32Array, offset: number, q: number): number {
  const col: number[] = [];
  for (let i = offset; i < values.length; i += 2) col.push(values[i]);
  col.sort((a, b) => a - b);
  return col[Math.min(col.length - 1, Math.max(0, Math.round(q * (col.length - 1))))] ?? 0;
}

function axisNames(props: LatentScatterProps): [string, string] {
  if (props.codeSize === 1) return ['code', 'digit'];
  if (props.method === 'identity') return ['code 1', 'code 2'];
  const [a, b] = props.explained ?? [0, 0];
  return [`PC 1 (${(a * 100).toFixed(0)}% of variance)`, `PC 2 (${(b * 100).toFixed(0)}%)`];
}

function LatentScatterImpl(props: LatentScatterProps) {
  const { points, labels, codeSize, step } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  const n = labels.length;
  const [xName, yName] = axisNames(props);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = WIDTH * dpr;
    canvas.height = HEIGHT * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);

    const oneD = codeSize === 1;
    const pos = new Float32Array(points.length);
    for (let i = 0; i < n; i++) {
      pos[2 * i] = points[2 * i];
      // One row per digit for a 1-D code, with a little deterministic jitter.
      pos[2 * i + 1] = oneD ? labels[i] + (((i * 7919) % 100) / 100 - 0.5) * 0.6 : points[2 * i + 1];
    }
    // Robust bounds: outliers should not squash the clouds into a corner.
    let [x0, x1] = [quantile(pos, 0, 0.005), quantile(pos, 0, 0.995)];
    let [y0, y1] = oneD ? [-0.7, 9.7] : [quantile(pos, 1, 0.005), quantile(pos, 1, 0.995)];
    if (x1 - x0 < 1e-9) [x0, x1] = [x0 - 1, x1 + 1];
    if (y1 - y0 < 1e-9) [y0, y1] = [y0 - 1, y1 + 1];
    const mx = (x1 - x0) * 0.05;
    const my = oneD ? 0 : (y1 - y0) * 0.05;
    const sx = (v: number) => PAD + ((v - x0 + mx) / (x1 - x0 + 2 * mx)) * (WIDTH - 2 * PAD);
    const sy = (v: number) => HEIGHT - PAD - ((v - y0 + my) / (y1 - y0 + 2 * my)) * (HEIGHT - 2 * PAD);

    ctx.strokeStyle = '#ccc';
    ctx.strokeRect(PAD, PAD, WIDTH - 2 * PAD, HEIGHT - 2 * PAD);
    if (x0 < 0 && x1 > 0) {
      ctx.beginPath();
      ctx.moveTo(sx(0), PAD);
      ctx.lineTo(sx(0), HEIGHT - PAD);
      ctx.stroke();
    }
    if (!oneD && y0 < 0 && y1 > 0) {
      ctx.beginPath();
      ctx.moveTo(PAD, sy(0));
      ctx.lineTo(WIDTH - PAD, sy(0));
      ctx.stroke();
    }

    ctx.globalAlpha = 0.7;
    const sums = Array.from({ length: 10 }, () => [0, 0, 0]);
    for (let d = 0; d < 10; d++) {
      ctx.fillStyle = DIGIT_COLORS[d];
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        if (labels[i] !== d) continue;
        const x = sx(pos[2 * i]);
        const y = sy(pos[2 * i + 1]);
        if (x < PAD || x > WIDTH - PAD || y < PAD || y > HEIGHT - PAD) continue;
        ctx.moveTo(x + 2, y);
        ctx.arc(x, y, 2, 0, Math.PI * 2);
        sums[d][0] += x;
        sums[d][1] += y;
        sums[d][2] += 1;
      }
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    ctx.font = 'bold 16px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    const labelsAt = spreadLabels(
      sums.flatMap(([x, y, c], d) => (c ? [{ d, x: x / c, y: y / c }] : [])),
      LABEL_GAP,
    );
    for (const { d, x, y } of labelsAt) {
      ctx.strokeStyle = '#fff';
      ctx.strokeText(String(d), x, y);
      ctx.fillStyle = '#111';
      ctx.fillText(String(d), x, y);
    }

    ctx.fillStyle = '#444';
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillText(xName, WIDTH / 2, HEIGHT - 10);
    ctx.save();
    ctx.translate(11, HEIGHT / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(yName, 0, 0);
    ctx.restore();
  }, [points, labels, codeSize, n, xName, yName]);

  const how =
    codeSize === 1
      ? 'a 1-number code along the horizontal axis, one row per digit'
      : codeSize === 2
        ? 'the 2-number code as it is'
        : `the ${codeSize}-number code projected on its two principal components`;
  return (
    <figure className="latent">
      <canvas
        ref={ref}
        style={{ width: WIDTH, height: HEIGHT }}
        role="img"
        aria-label={`Latent space at step ${step}: ${n} test digits coloured by digit, ${how}`}
      />
      <ul className="legend" aria-label="Digit colours">
        {DIGIT_COLORS.map((c, d) => (
          <li key={d}>
            <span className="swatch" style={{ background: c }} aria-hidden="true" />
            {d}
          </li>
        ))}
      </ul>
    </figure>
  );
}

export const LatentScatter = memo(LatentScatterImpl);
