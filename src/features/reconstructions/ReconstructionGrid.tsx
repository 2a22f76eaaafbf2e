/**
 * Test digits beside what the autoencoder makes of them: for each of 20
 * fixed test digits (two of each class) the original, the noisy input
 * (denoising only) and the reconstruction, drawn on one canvas.
 */
import { memo, useRef } from 'react';
import { useDeferredDraw } from '../../components/use-deferred-draw';
import { SaveImageButton } from '../../components/SaveImageButton';
import { DIGIT_SIDE, paintDigitGrid } from '../../shared/digit-canvas';

const SCALE = 2;
const GAP = 4;
const PER_ROW = 10;

export interface ReconstructionGridProps {
  step: number;
  originals: Uint8Array;
  inputs: Uint8Array;
  outputs: Uint8Array;
  showInputs: boolean;
}

const digitAt = (bytes: Uint8Array, i: number) => bytes.subarray(i * 784, (i + 1) * 784);

function ReconstructionGridImpl({ step, originals, inputs, outputs, showInputs }: ReconstructionGridProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const count = originals.length / 784;
  const blocks = Math.ceil(count / PER_ROW);
  const rowsPerBlock = showInputs ? 3 : 2;
  const rowLabels = showInputs ? ['original', 'noisy input', 'output'] : ['original', 'output'];
  const cell = DIGIT_SIDE * SCALE + GAP;
  const width = PER_ROW * cell - GAP;
  const height = blocks * rowsPerBlock * cell + (blocks - 1) * GAP * 2 - GAP;

  useDeferredDraw(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const cells: (Uint8Array | null)[][] = [];
    for (let b = 0; b < blocks; b++) {
      const ids = Array.from({ length: PER_ROW }, (_, c) => b * PER_ROW + c).filter((i) => i < count);
      cells.push(ids.map((i) => digitAt(originals, i)));
      if (showInputs) cells.push(ids.map((i) => digitAt(inputs, i)));
      cells.push(ids.map((i) => digitAt(outputs, i)));
    }
    const image = ctx.createImageData(width, blocks * rowsPerBlock * cell);
    paintDigitGrid(image, cells, SCALE, GAP);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    // Blocks are painted as consecutive rows; shift them apart by a small band.
    for (let b = 0; b < blocks; b++) {
      ctx.putImageData(image, 0, b * GAP * 2, 0, b * rowsPerBlock * cell, width, rowsPerBlock * cell - GAP);
    }
  }, [originals, inputs, outputs, showInputs, blocks, count, rowsPerBlock, cell, width, height]);

  return (
    <figure className="recon">
      <div className="recon-body" ref={body}>
        <ol className="row-labels" aria-hidden="true">
          {Array.from({ length: blocks }).flatMap((_, b) =>
            rowLabels.map((l, r) => (
              <li key={`${b}-${r}`} style={{ height: cell, marginTop: r === 0 && b > 0 ? GAP * 2 - GAP : 0 }}>
                {l}
              </li>
            )),
          )}
        </ol>
        <canvas
          ref={ref}
          width={width}
          height={height}
          role="img"
          aria-label={`Reconstructions at step ${step}: ${count} test digits, ${rowLabels.join(', ')} rows`}
        />
      </div>
      <SaveImageButton target={body} name={`reconstructions-step-${step}`} what="the reconstructions" />
    </figure>
  );
}

export const ReconstructionGrid = memo(ReconstructionGridImpl);
