/**
 * A pad to draw a digit on with a mouse, a pen or a finger, beside the 28×28
 * digit a model is fed: the drawing prepared as MNIST's digits were (see
 * preprocessDrawing). Strokes go into an InkSurface; at most once per
 * animation frame the pad is repainted, the drawing prepared and passed to
 * onChange. "Draw an example" writes a digit through the same surface, for
 * whoever cannot draw.
 */
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { preprocessDrawing } from '../../data/drawing';
import { DIGIT_SIDE, paintDigitGrid } from '../../shared/digit-canvas';
import { exampleStrokes } from './example-digits';
import { InkSurface, PAD_SIDE, drawStrokes, paintInk, type Point } from './strokes';
import './draw.css';

const PREVIEW_SCALE = 4;
const PREVIEW_SIDE = DIGIT_SIDE * PREVIEW_SCALE;

export interface DrawPadProps {
  /** The prepared digit (784 floats in [0, 1], ink = 1) after each change, or null once the pad is empty. */
  onChange(digit: Float32Array | null): void;
  disabled?: boolean;
}

function paintPreview(canvas: HTMLCanvasElement | null, digit: Float32Array | null): void {
  const ctx = canvas?.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(PREVIEW_SIDE, PREVIEW_SIDE);
  const bytes = digit ? Uint8Array.from(digit, (v) => Math.round(v * 255)) : null;
  paintDigitGrid(image, [[bytes]], PREVIEW_SCALE, 0);
  ctx.putImageData(image, 0, 0);
}

export function DrawPad({ onChange, disabled = false }: DrawPadProps) {
  const padRef = useRef<HTMLCanvasElement>(null);
  const previewRef = useRef<HTMLCanvasElement>(null);
  const surfaceRef = useRef<InkSurface | null>(null);
  const imageRef = useRef<ImageData | null>(null);
  const frameRef = useRef(0);
  const pointerRef = useRef<{ id: number; rect: DOMRect } | null>(null);
  const nextExampleRef = useRef(0);
  const onChangeRef = useRef(onChange);
  const [hasDigit, setHasDigit] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => () => cancelAnimationFrame(frameRef.current), []);

  const surface = (): InkSurface => (surfaceRef.current ??= new InkSurface());

  /** Repaints the pad and the preview, and passes the prepared digit on. */
  const flush = () => {
    frameRef.current = 0;
    const ink = surface().ink;
    const ctx = padRef.current?.getContext('2d');
    if (ctx) {
      imageRef.current ??= ctx.createImageData(PAD_SIDE, PAD_SIDE);
      paintInk(imageRef.current.data, ink);
      ctx.putImageData(imageRef.current, 0, 0);
    }
    const digit = preprocessDrawing(ink, PAD_SIDE, PAD_SIDE);
    paintPreview(previewRef.current, digit);
    setHasDigit(digit !== null);
    onChangeRef.current(digit);
  };

  const schedule = () => {
    if (frameRef.current === 0) frameRef.current = requestAnimationFrame(flush);
  };

  const endStroke = () => {
    if (!pointerRef.current) return;
    pointerRef.current = null;
    surface().end();
    schedule();
  };

  // A stroke under way when the pad is disabled ends there.
  useEffect(() => {
    if (disabled) endStroke();
  });

  const pointAt = (e: { clientX: number; clientY: number }, rect: DOMRect): Point => {
    // The canvas is shown at 224–280 CSS pixels; strokes live in its 280 pixels.
    const sx = rect.width > 0 ? PAD_SIDE / rect.width : 1;
    const sy = rect.height > 0 ? PAD_SIDE / rect.height : 1;
    return { x: (e.clientX - rect.left) * sx, y: (e.clientY - rect.top) * sy };
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (disabled || pointerRef.current) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    const canvas = e.currentTarget;
    if (typeof canvas.setPointerCapture === 'function') canvas.setPointerCapture(e.pointerId);
    const rect = canvas.getBoundingClientRect();
    pointerRef.current = { id: e.pointerId, rect };
    surface().begin(pointAt(e, rect));
    schedule();
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const active = pointerRef.current;
    if (!active || active.id !== e.pointerId) return;
    // Coalesced events hold every position the pointer passed since the last event.
    const coalesced = typeof e.nativeEvent.getCoalescedEvents === 'function' ? e.nativeEvent.getCoalescedEvents() : [];
    const points = coalesced.length > 0 ? coalesced : [e];
    for (const p of points) surface().extend(pointAt(p, active.rect));
    schedule();
  };

  const onPointerEnd = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (pointerRef.current?.id !== e.pointerId) return;
    endStroke();
  };

  const clear = () => {
    cancelAnimationFrame(frameRef.current);
    frameRef.current = 0;
    pointerRef.current = null;
    surface().clear();
    padRef.current?.getContext('2d')?.clearRect(0, 0, PAD_SIDE, PAD_SIDE);
    paintPreview(previewRef.current, null);
    setHasDigit(false);
    setAnnouncement('Drawing cleared.');
    onChangeRef.current(null);
  };

  const drawExample = () => {
    const digit = nextExampleRef.current;
    nextExampleRef.current = (digit + 1) % 10;
    pointerRef.current = null;
    surface().clear();
    drawStrokes(surface(), exampleStrokes(digit));
    schedule();
    setAnnouncement(`Drew an example: the digit ${digit}.`);
  };

  return (
    <div className="draw-pad">
      <canvas
        ref={padRef}
        className="pad"
        width={PAD_SIDE}
        height={PAD_SIDE}
        role="img"
        aria-label="Drawing pad: draw a digit with mouse, pen or finger"
        aria-disabled={disabled || undefined}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onLostPointerCapture={onPointerEnd}
        onContextMenu={(e) => e.preventDefault()}
      />
      <div className="draw-side">
        <figure className="draw-preview">
          <canvas
            ref={previewRef}
            width={PREVIEW_SIDE}
            height={PREVIEW_SIDE}
            role="img"
            aria-label={
              hasDigit
                ? 'What the model sees: your drawing as a 28 by 28 pixel digit'
                : 'What the model sees: nothing yet, the pad is empty'
            }
          />
          <figcaption>What the model sees (28 × 28)</figcaption>
        </figure>
        <div className="draw-buttons">
          <button type="button" onClick={clear} disabled={disabled}>
            Clear drawing
          </button>
          <button type="button" onClick={drawExample} disabled={disabled}>
            Draw an example
          </button>
        </div>
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
      </div>
    </div>
  );
}
