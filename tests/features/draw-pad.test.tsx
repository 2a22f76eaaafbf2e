// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { DrawPad } from '../../src/features/draw/DrawPad';
import { centreOfMass, inkBox, preprocessDrawing } from '../../src/data/drawing';
import { catmullRom, exampleStrokes } from '../../src/features/draw/example-digits';
import { drawStrokes, InkSurface, PAD_SIDE, paintInk, stampSegment, STROKE_WIDTH } from '../../src/features/draw/strokes';

type Digit = Float32Array | null;

/** Waits for the animation frames under way (jsdom runs them on a ~16 ms timer). */
const nextFrames = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 50)));

const pad = () => screen.getByRole('img', { name: 'Drawing pad: draw a digit with mouse, pen or finger' });

/** The pad is shown at 224 CSS pixels, at (10, 20) on the page. */
const RECT = { left: 10, top: 20, width: 224, height: 224, right: 234, bottom: 244, x: 10, y: 20, toJSON: () => ({}) };

/** Draws a stroke through CSS-pixel points relative to the pad's corner. */
function stroke(canvas: HTMLElement, points: [number, number][], pointerId = 1) {
  const at = ([x, y]: [number, number]) => ({ pointerId, pointerType: 'mouse', button: 0, clientX: RECT.left + x, clientY: RECT.top + y });
  fireEvent.pointerDown(canvas, at(points[0]));
  for (const p of points.slice(1)) fireEvent.pointerMove(canvas, at(p));
  fireEvent.pointerUp(canvas, at(points[points.length - 1]));
}

describe('DrawPad', () => {
  beforeEach(() => {
    // jsdom has no 2D canvas; the pad keeps its ink without one.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null);
    vi.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockImplementation(() => RECT as DOMRect);
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('is labelled for screen readers and offers buttons to those who cannot draw', () => {
    render(<DrawPad onChange={() => {}} />);
    expect(pad()).toBeTruthy();
    expect(screen.getByRole('img', { name: /^What the model sees/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Clear drawing' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Draw an example' })).toBeTruthy();
  });

  it('turns a stroke into one centred 28×28 digit per animation frame', async () => {
    const onChange = vi.fn<(digit: Digit) => void>();
    render(<DrawPad onChange={onChange} />);
    // A vertical line in the left part of the pad, many moves in one frame.
    const points: [number, number][] = Array.from({ length: 40 }, (_, i) => [40, 20 + i * 4.5]);
    stroke(pad(), points);
    expect(onChange).not.toHaveBeenCalled();
    await nextFrames();
    expect(onChange).toHaveBeenCalledTimes(1);
    const digit = onChange.mock.calls[0][0]!;
    expect(digit).toBeInstanceOf(Float32Array);
    expect(digit).toHaveLength(784);
    const [x, y] = centreOfMass(digit, 28);
    expect(Math.abs(x - 14)).toBeLessThanOrEqual(0.5 + 1e-6);
    expect(Math.abs(y - 14)).toBeLessThanOrEqual(0.5 + 1e-6);
    // Tall and thin: a "1".
    const box = inkBox(digit, 28, 28)!;
    expect(box.height).toBe(20);
    expect(box.width).toBeLessThanOrEqual(4);
    expect(Math.max(...digit)).toBeCloseTo(1, 5);
    expect(screen.getByRole('img', { name: /your drawing as a 28 by 28 pixel digit/ })).toBeTruthy();
  });

  it('paints each stroke where the pointer is, and the preview', async () => {
    // A stand-in 2D context that keeps what is painted.
    const painted = new Map<number, { data: Uint8ClampedArray; width: number }>();
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
      return {
        createImageData: (width: number, height: number) => ({ data: new Uint8ClampedArray(width * height * 4), width, height }),
        putImageData: (image: { data: Uint8ClampedArray; width: number }) =>
          painted.set(this.width, { data: image.data.slice(), width: image.width }),
        clearRect: () => {},
      } as unknown as CanvasRenderingContext2D;
    } as unknown as typeof HTMLCanvasElement.prototype.getContext);
    render(<DrawPad onChange={() => {}} />);
    // Taps at the middle of the 224-pixel display and near its top-right corner.
    stroke(pad(), [[112, 112]]);
    stroke(pad(), [[200, 30]]);
    await nextFrames();
    const grey = (image: { data: Uint8ClampedArray; width: number } | undefined, x: number, y: number) =>
      image!.data[(y * image!.width + x) * 4];
    const surface = painted.get(280);
    expect(grey(surface, 140, 140)).toBeLessThan(40); // 112 × 280/224
    expect(grey(surface, 250, 37)).toBeLessThan(40); // (200, 30) × 280/224
    expect(grey(surface, 140, 160)).toBe(255);
    expect(grey(surface, 200, 30)).toBe(255);
    expect(grey(surface, 10, 10)).toBe(255);
    // The preview, 4 × 4 screen pixels per pixel of the digit, shows the two dots.
    const preview = painted.get(112);
    let dark = 0;
    for (let i = 0; i < 112 * 112; i++) if (preview!.data[i * 4] < 128) dark++;
    expect(dark).toBeGreaterThan(100);
  });

  it('draws an example digit through the same surface, a different digit each time', async () => {
    const onChange = vi.fn<(digit: Digit) => void>();
    render(<DrawPad onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Draw an example' }));
    await nextFrames();
    fireEvent.click(screen.getByRole('button', { name: 'Draw an example' }));
    await nextFrames();
    expect(onChange).toHaveBeenCalledTimes(2);
    const [zero, one] = onChange.mock.calls.map((call) => call[0]!);
    expect(inkBox(zero, 28, 28)!.width).toBeGreaterThan(10); // a round 0
    expect(inkBox(one, 28, 28)!.width).toBeLessThan(8); // a thin 1
    expect(screen.getByText('Drew an example: the digit 1.')).toBeTruthy();
  });

  it('passes null on Clear, and a pending frame does not bring the drawing back', async () => {
    const onChange = vi.fn<(digit: Digit) => void>();
    render(<DrawPad onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Draw an example' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear drawing' }));
    await nextFrames();
    expect(onChange.mock.calls).toEqual([[null]]);
    expect(screen.getByRole('img', { name: /nothing yet/ })).toBeTruthy();
  });

  it('ignores input while disabled', async () => {
    const onChange = vi.fn<(digit: Digit) => void>();
    render(<DrawPad onChange={onChange} disabled />);
    stroke(pad(), [
      [50, 50],
      [60, 150],
    ]);
    await nextFrames();
    expect(onChange).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Draw an example' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Clear drawing' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('follows one pointer at a time', async () => {
    const onChange = vi.fn<(digit: Digit) => void>();
    render(<DrawPad onChange={onChange} />);
    const canvas = pad();
    fireEvent.pointerDown(canvas, { pointerId: 1, pointerType: 'touch', clientX: RECT.left + 100, clientY: RECT.top + 30 });
    fireEvent.pointerDown(canvas, { pointerId: 2, pointerType: 'touch', clientX: RECT.left + 10, clientY: RECT.top + 200 });
    fireEvent.pointerMove(canvas, { pointerId: 2, pointerType: 'touch', clientX: RECT.left + 200, clientY: RECT.top + 200 });
    fireEvent.pointerMove(canvas, { pointerId: 1, pointerType: 'touch', clientX: RECT.left + 100, clientY: RECT.top + 190 });
    fireEvent.pointerUp(canvas, { pointerId: 1, pointerType: 'touch' });
    await nextFrames();
    // Only the first finger's vertical stroke: tall and thin.
    const box = inkBox(onChange.mock.calls.at(-1)![0]!, 28, 28)!;
    expect(box.height).toBe(20);
    expect(box.width).toBeLessThanOrEqual(4);
  });
});

describe('strokes', () => {
  const W = 200;
  const at = (ink: Float32Array, x: number, y: number, width = W) => ink[y * width + x];
  const total = (ink: Float32Array) => ink.reduce((a, v) => a + v, 0);

  it('stampSegment covers pixels by their distance to the segment, with round ends', () => {
    const ink = new Float32Array(W * W);
    stampSegment(ink, W, W, { x: 50, y: 100.2 }, { x: 150, y: 100.2 }, 10);
    expect(at(ink, 100, 100)).toBe(1);
    expect(at(ink, 100, 108)).toBe(1); // centre 8.3 away
    expect(at(ink, 100, 110)).toBeCloseTo(0.2, 5); // centre 10.3 away: r + ½ − d
    expect(at(ink, 100, 111)).toBe(0);
    expect(at(ink, 155, 100)).toBe(1); // beyond the end, inside the round cap
    expect(at(ink, 158, 108)).toBe(0); // outside the cap's corner
    // Stamping again changes nothing: overlaps take the maximum.
    const once = ink.slice();
    stampSegment(ink, W, W, { x: 50, y: 100.2 }, { x: 150, y: 100.2 }, 10);
    expect(ink).toEqual(once);
  });

  it('clips strokes at the edges of the surface', () => {
    const ink = new Float32Array(W * W);
    stampSegment(ink, W, W, { x: -30, y: 5 }, { x: 230, y: 5 }, 10);
    expect(at(ink, 0, 0)).toBe(1);
    expect(at(ink, W - 1, 14)).toBe(1);
    expect(ink.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('a tap leaves a round dot the width of a stroke', () => {
    const surface = new InkSurface();
    surface.begin({ x: 140, y: 140 });
    surface.end();
    expect(total(surface.ink)).toBeCloseTo(Math.PI * (STROKE_WIDTH / 2) ** 2, -1);
    surface.clear();
    expect(total(surface.ink)).toBe(0);
  });

  it('joins sparse points with a smooth curve, rounding corners', () => {
    const surface = new InkSurface(W, W);
    drawStrokes(surface, [
      [
        { x: 40, y: 40 },
        { x: 140, y: 40 },
        { x: 140, y: 140 },
      ],
    ]);
    const ink = surface.ink;
    expect(at(ink, 40, 40)).toBe(1);
    expect(at(ink, 80, 40)).toBe(1);
    expect(at(ink, 140, 140)).toBe(1);
    expect(at(ink, 140, 110)).toBe(1);
    // The curve from (90, 40) to (140, 90) about (140, 40) passes (127.5, 52.5), 17.7 pixels from the corner.
    expect(at(ink, 127, 52)).toBe(1);
    expect(at(ink, 141, 39)).toBe(0);
  });

  it('catmullRom passes through every point', () => {
    const points = [
      { x: 0, y: 0 },
      { x: 10, y: 5 },
      { x: 20, y: -5 },
      { x: 30, y: 0 },
    ];
    const curve = catmullRom(points, 6);
    expect(curve).toHaveLength(1 + 3 * 6);
    points.forEach((p, i) => {
      expect(curve[i * 6].x).toBeCloseTo(p.x, 10);
      expect(curve[i * 6].y).toBeCloseTo(p.y, 10);
    });
  });

  it('writes each example digit inside the pad, as a digit the models can take', () => {
    for (let digit = 0; digit <= 9; digit++) {
      const surface = new InkSurface();
      drawStrokes(surface, exampleStrokes(digit));
      const box = inkBox(surface.ink, PAD_SIDE, PAD_SIDE)!;
      expect(box.x).toBeGreaterThan(10);
      expect(box.y).toBeGreaterThan(10);
      expect(box.x + box.width).toBeLessThan(PAD_SIDE - 10);
      expect(box.y + box.height).toBeLessThan(PAD_SIDE - 10);
      expect(box.height).toBeGreaterThan(150); // written large, as on paper
      expect(preprocessDrawing(surface.ink, PAD_SIDE, PAD_SIDE)).not.toBeNull();
    }
    expect(exampleStrokes(7, 140)[0][0]).toEqual({ x: 40, y: 27.5 });
    expect(() => exampleStrokes(10)).toThrow(RangeError);
    expect(() => exampleStrokes(1.5)).toThrow(RangeError);
  });

  it('paintInk paints ink dark on white, opaque', () => {
    const rgba = new Uint8ClampedArray(8);
    paintInk(rgba, new Float32Array([0, 1]));
    expect(Array.from(rgba)).toEqual([255, 255, 255, 255, 26, 26, 26, 255]);
  });
});
