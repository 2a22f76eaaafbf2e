/**
 * Ink without a canvas: strokes are rasterised into a Float32Array of ink
 * coverage (0 = paper, 1 = ink), which the drawing pad paints and hands to
 * preprocessDrawing. Pointer input and the example digits go through the same
 * InkSurface, so what is tested here is what the pad draws.
 */

export interface Point {
  x: number;
  y: number;
}

/** Side of the square drawing surface, in pixels. */
export const PAD_SIDE = 280;
/**
 * Width of a stroke on the surface. A digit drawn 180–250 pixels tall is
 * scaled by 20/250 … 20/180 to fit MNIST's 20-pixel field, which makes a
 * 22-pixel stroke 1.8–2.4 pixels wide, like MNIST's pen strokes. (The
 * example digits, about 195 pixels tall, end up with 70–90 % of the ink of
 * an average MNIST digit of their class; thinner strokes look too light.)
 */
export const STROKE_WIDTH = 22;

/**
 * Adds a segment from a to b with round ends (a capsule of radius r) to the
 * ink. A pixel's coverage is approximated from the distance d of its centre
 * to the segment as clamp(r + ½ − d, 0, 1), which anti-aliases the edge over
 * one pixel; overlapping pieces take the maximum, so a stroke is as dark
 * where it crosses itself as elsewhere.
 */
export function stampSegment(ink: Float32Array, width: number, height: number, a: Point, b: Point, radius: number): void {
  const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - radius - 1));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + radius + 1));
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - radius - 1));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + radius + 1));
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSq = dx * dx + dy * dy;
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      // Nearest point of the segment: a + t (b − a), t = clamp(((p − a)·(b − a)) / |b − a|², 0, 1).
      const t = lengthSq === 0 ? 0 : Math.min(1, Math.max(0, ((px - a.x) * dx + (py - a.y) * dy) / lengthSq));
      const ex = px - (a.x + t * dx);
      const ey = py - (a.y + t * dy);
      const coverage = radius + 0.5 - Math.sqrt(ex * ex + ey * ey);
      if (coverage <= 0) continue;
      const i = y * width + x;
      const v = coverage >= 1 ? 1 : coverage;
      if (v > ink[i]) ink[i] = v;
    }
  }
}

const midpoint = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * A drawing surface that turns a stream of points into smooth round strokes.
 * Between points p₀, p₁, p₂ the stroke follows the quadratic Bézier curve
 * from mid(p₀, p₁) to mid(p₁, p₂) with p₁ as its control point, so a stroke
 * has no corners at the sampled points however fast the pointer moves.
 */
export class InkSurface {
  readonly ink: Float32Array;
  private previous: Point | null = null;
  private last: Point | null = null;

  constructor(
    readonly width = PAD_SIDE,
    readonly height = PAD_SIDE,
    readonly strokeWidth = STROKE_WIDTH,
  ) {
    this.ink = new Float32Array(width * height);
  }

  private line(a: Point, b: Point): void {
    stampSegment(this.ink, this.width, this.height, a, b, this.strokeWidth / 2);
  }

  /** Starts a stroke at p (a dot until the stroke moves). */
  begin(p: Point): void {
    this.previous = null;
    this.last = p;
    this.line(p, p);
  }

  /** Continues the current stroke to p (starts one if none is under way). */
  extend(p: Point): void {
    const last = this.last;
    if (!last) {
      this.begin(p);
      return;
    }
    if (p.x === last.x && p.y === last.y) return;
    const previous = this.previous;
    if (!previous) {
      this.line(last, midpoint(last, p));
    } else {
      const from = midpoint(previous, last);
      const to = midpoint(last, p);
      // Pieces of about 2 pixels follow the curve closely at this stroke width.
      const steps = Math.max(1, Math.ceil((Math.hypot(last.x - from.x, last.y - from.y) + Math.hypot(to.x - last.x, to.y - last.y)) / 2));
      let start = from;
      for (let s = 1; s <= steps; s++) {
        const t = s / steps;
        const u = 1 - t;
        const q = {
          x: u * u * from.x + 2 * u * t * last.x + t * t * to.x,
          y: u * u * from.y + 2 * u * t * last.y + t * t * to.y,
        };
        this.line(start, q);
        start = q;
      }
    }
    this.previous = last;
    this.last = p;
  }

  /** Ends the current stroke, drawing its last half-segment. */
  end(): void {
    if (this.previous && this.last) this.line(midpoint(this.previous, this.last), this.last);
    this.previous = null;
    this.last = null;
  }

  /** Wipes the surface and forgets any stroke under way. */
  clear(): void {
    this.ink.fill(0);
    this.previous = null;
    this.last = null;
  }
}

/** Draws whole strokes onto the surface point by point, as pointer input would. */
export function drawStrokes(surface: InkSurface, strokes: readonly (readonly Point[])[]): void {
  for (const stroke of strokes) {
    if (stroke.length === 0) continue;
    surface.begin(stroke[0]);
    for (let i = 1; i < stroke.length; i++) surface.extend(stroke[i]);
    surface.end();
  }
}

/** Fills an RGBA buffer (`ink.length` × 4 bytes) with the ink as dark strokes on white paper. */
export function paintInk(rgba: Uint8ClampedArray, ink: Float32Array): void {
  for (let i = 0, o = 0; i < ink.length; i++, o += 4) {
    // Paper #fff, ink #1a1a1a (the page's text colour).
    const v = 255 - ink[i] * (255 - 26);
    rgba[o] = v;
    rgba[o + 1] = v;
    rgba[o + 2] = v;
    rgba[o + 3] = 255;
  }
}
