/**
 * Rows of digits, each row one canvas (one putImageData) with a caption
 * under each digit: reconstructions, neighbours, samples, a walk between two
 * codes.
 */
import { memo, useEffect, useRef } from 'react';
import { DIGIT_SIDE, paintDigitGrid } from '../shared/digit-canvas';

export interface DigitStripProps {
  /** n × 784 bytes. */
  digits: Uint8Array;
  captions?: string[];
  scale?: number;
  perRow?: number;
  /** Accessible name of the whole strip. */
  label: string;
}

const GAP = 6;

function Row({ digits, scale, width }: { digits: Uint8Array; scale: number; width: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const count = digits.length / 784;
  const height = DIGIT_SIDE * scale;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const cells = [Array.from({ length: count }, (_, i) => digits.subarray(i * 784, (i + 1) * 784))];
    const image = ctx.createImageData(width, height);
    paintDigitGrid(image, cells, scale, GAP);
    ctx.putImageData(image, 0, 0);
  }, [digits, count, scale, width, height]);
  return <canvas ref={ref} width={width} height={height} aria-hidden="true" />;
}

function DigitStripImpl({ digits, captions, scale = 2, perRow = 10, label }: DigitStripProps) {
  const count = Math.floor(digits.length / 784);
  if (count === 0) return null;
  const cols = Math.max(1, Math.min(perRow, count));
  const rows = Math.ceil(count / cols);
  const cell = DIGIT_SIDE * scale + GAP;
  const width = cols * cell - GAP;
  return (
    <figure className="digit-strip" role="img" aria-label={label}>
      {Array.from({ length: rows }, (_, r) => {
        const from = r * cols;
        const to = Math.min(count, from + cols);
        return (
          <div key={r} className="digit-strip-row">
            <Row digits={digits.subarray(from * 784, to * 784)} scale={scale} width={width} />
            {captions && (
              <ol className="digit-captions" style={{ gridTemplateColumns: `repeat(${cols}, ${cell - GAP}px)`, columnGap: GAP }}>
                {captions.slice(from, to).map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ol>
            )}
          </div>
        );
      })}
    </figure>
  );
}

export const DigitStrip = memo(DigitStripImpl);
