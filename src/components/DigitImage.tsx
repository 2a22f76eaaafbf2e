/**
 * One 28×28 digit (bytes 0–255, ink 255) drawn dark on white, scaled up with
 * sharp pixels: the same look as every other digit on the page.
 */
import { memo, useEffect, useRef } from 'react';
import { DIGIT_SIDE, paintDigitGrid } from '../shared/digit-canvas';

export interface DigitImageProps {
  digit: Uint8Array | null;
  /** Pixels per digit pixel. */
  scale?: number;
  /** Accessible name, e.g. "Decoded digit at (0.5, −1.2)". */
  label: string;
  className?: string;
}

function DigitImageImpl({ digit, scale = 4, label, className }: DigitImageProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const side = DIGIT_SIDE * scale;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(side, side);
    paintDigitGrid(image, [[digit]], scale, 0);
    ctx.putImageData(image, 0, 0);
  }, [digit, scale, side]);
  return (
    <canvas ref={ref} width={side} height={side} className={['digit', className].filter(Boolean).join(' ')} role="img" aria-label={label} />
  );
}

export const DigitImage = memo(DigitImageImpl);
