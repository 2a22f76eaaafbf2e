import { describe, expect, it } from 'vitest';
import { centreOfMass, inkBox, preprocessDrawing, INK_THRESHOLD } from '../../src/data/drawing';
import { createRng } from '../../src/shared/rng';
import { loadMnist } from '../helpers/mnist';

const SIDE = 280;
const OUT = 28;

const blank = (side = SIDE) => new Float32Array(side * side);

/** Fills the pixels whose centres lie in [x0, x1) × [y0, y1). */
function fillRect(ink: Float32Array, x0: number, y0: number, x1: number, y1: number, value = 1, side = SIDE): Float32Array {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * side + x] = value;
  return ink;
}

/** A ring (or a disc, inner = 0) with a one-pixel anti-aliased edge. */
function ring(ink: Float32Array, cx: number, cy: number, outer: number, inner = 0, side = SIDE): Float32Array {
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      const v = Math.min(1, Math.max(0, outer + 0.5 - d)) * (inner > 0 ? Math.min(1, Math.max(0, d - inner + 0.5)) : 1);
      ink[y * side + x] = Math.max(ink[y * side + x], v);
    }
  }
  return ink;
}

const max = (a: Float32Array) => a.reduce((m, v) => Math.max(m, v), 0);
const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);

function expectCentred(digit: Float32Array) {
  const [x, y] = centreOfMass(digit, OUT);
  // Whole-pixel placement, as MNIST's: within half a pixel of (14, 14).
  expect(Math.abs(x - 14)).toBeLessThanOrEqual(0.5 + 1e-6);
  expect(Math.abs(y - 14)).toBeLessThanOrEqual(0.5 + 1e-6);
}

describe('centreOfMass', () => {
  it('is the ink-weighted mean position, in index coordinates', () => {
    const img = new Float32Array(100);
    img[5 * 10 + 3] = 1;
    expect(centreOfMass(img, 10)).toEqual([3, 5]);
    img[5 * 10 + 7] = 3; // three times the ink at x = 7
    expect(centreOfMass(img, 10)).toEqual([6, 5]);
  });

  it('takes a height for rectangular images and gives the middle of an empty one', () => {
    const img = new Float32Array(4 * 2);
    img[1 * 4 + 2] = 0.5;
    expect(centreOfMass(img, 4, 2)).toEqual([2, 1]);
    expect(centreOfMass(new Float32Array(28 * 28), 28)).toEqual([13.5, 13.5]);
  });
});

describe('inkBox', () => {
  it('bounds the pixels above the threshold', () => {
    const ink = fillRect(blank(), 30, 40, 90, 50);
    ink[10 * SIDE + 200] = INK_THRESHOLD / 2; // below the threshold: not ink
    expect(inkBox(ink, SIDE, SIDE)).toEqual({ x: 30, y: 40, width: 60, height: 10 });
    expect(inkBox(ink, SIDE, SIDE, 0)).toEqual({ x: 30, y: 10, width: 171, height: 40 });
  });

  it('is null without ink', () => {
    expect(inkBox(blank(), SIDE, SIDE)).toBeNull();
  });
});

describe('preprocessDrawing', () => {
  it('is null for an empty or almost empty canvas', () => {
    expect(preprocessDrawing(blank(), SIDE, SIDE)).toBeNull();
    const faint = blank().fill(0.01); // a smudge everywhere, nothing above the threshold
    expect(preprocessDrawing(faint, SIDE, SIDE)).toBeNull();
    const speck = blank();
    speck[100 * SIDE + 100] = 1; // one pixel of 78,400
    expect(preprocessDrawing(speck, SIDE, SIDE)).toBeNull();
  });

  it('rejects ink of the wrong size', () => {
    expect(() => preprocessDrawing(new Float32Array(10), SIDE, SIDE)).toThrow(RangeError);
  });

  it('centres a thick vertical bar drawn off-centre and makes it 20 pixels tall', () => {
    const digit = preprocessDrawing(fillRect(blank(), 30, 20, 50, 220), SIDE, SIDE)!;
    expect(digit).toHaveLength(OUT * OUT);
    expectCentred(digit);
    const box = inkBox(digit, OUT, OUT)!;
    expect(box.height).toBe(20);
    expect(box.width).toBe(2); // 20 × 20/200
    expect(max(digit)).toBeCloseTo(1, 5);
    expect(sum(digit)).toBeCloseTo(40, 3); // area is scaled by (20/200)²
  });

  it('centres a ring drawn in a corner, 20 pixels across', () => {
    const digit = preprocessDrawing(ring(blank(), 200, 80, 60, 42), SIDE, SIDE)!;
    expectCentred(digit);
    const box = inkBox(digit, OUT, OUT)!;
    expect(Math.max(box.width, box.height)).toBe(20);
    expect(Math.abs(box.width - box.height)).toBeLessThanOrEqual(1);
    expect(max(digit)).toBeCloseTo(1, 5);
    // The hole stays empty.
    const [x, y] = centreOfMass(digit, OUT);
    expect(digit[Math.round(y) * OUT + Math.round(x)]).toBeLessThan(0.05);
  });

  it('enlarges a tiny dot to the 20-pixel field', () => {
    const digit = preprocessDrawing(ring(blank(), 60, 240, 3), SIDE, SIDE)!;
    expect(digit).not.toBeNull();
    expectCentred(digit);
    const box = inkBox(digit, OUT, OUT)!;
    expect(Math.max(box.width, box.height)).toBe(20);
    expect(max(digit)).toBeCloseTo(1, 5);
  });

  it('keeps the aspect ratio of a wide stroke and of a rectangle', () => {
    const stroke = preprocessDrawing(fillRect(blank(), 40, 150, 240, 170), SIDE, SIDE)!;
    expect(inkBox(stroke, OUT, OUT)).toMatchObject({ width: 20, height: 2 });
    expectCentred(stroke);
    const rect = preprocessDrawing(fillRect(blank(), 100, 10, 180, 170), SIDE, SIDE)!;
    expect(inkBox(rect, OUT, OUT)).toMatchObject({ width: 10, height: 20 });
    expect(sum(rect)).toBeCloseTo(200, 3);
  });

  it('averages over the area each pixel covers, so a thin stroke turns grey instead of vanishing', () => {
    // A thick bar crossed by a 4-pixel line: after scaling by 1/10 the line is 0.4 pixels thick.
    const ink = fillRect(blank(), 130, 40, 150, 240);
    fillRect(ink, 40, 118, 240, 122);
    const digit = preprocessDrawing(ink, SIDE, SIDE)!;
    const box = inkBox(digit, OUT, OUT, 0)!;
    expect(box.width).toBe(20);
    // Columns away from the bar: the line's ink per column is 0.4 (4 of 10 source rows), all grey.
    for (const x of [box.x + 1, box.x + 4, box.x + box.width - 2]) {
      let column = 0;
      for (let y = 0; y < OUT; y++) {
        column += digit[y * OUT + x];
        expect(digit[y * OUT + x]).toBeLessThan(0.5);
      }
      expect(column).toBeCloseTo(0.4, 4);
    }
  });

  it('always centres, fills the field and stays in [0, 1] (random shapes)', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 20; trial++) {
      const ink = blank();
      const cx = 60 + rng() * 160;
      const cy = 60 + rng() * 160;
      ring(ink, cx, cy, 10 + rng() * 40, rng() * 8);
      fillRect(ink, Math.floor(cx), Math.floor(cy), Math.floor(cx + 10 + rng() * 40), Math.floor(cy + 10 + rng() * 40), 0.3 + 0.7 * rng());
      const digit = preprocessDrawing(ink, SIDE, SIDE)!;
      expectCentred(digit);
      const box = inkBox(digit, OUT, OUT, 0)!;
      expect(Math.max(box.width, box.height)).toBe(20);
      expect(max(digit)).toBeCloseTo(1, 5);
      expect(digit.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
  });
});

describe('preprocessDrawing against MNIST', () => {
  const mnist = loadMnist().test;
  const COUNT = 200;
  const original = (k: number) => Float32Array.from(mnist.images.subarray(k * 784, (k + 1) * 784), (v) => v / 255);

  /** The digit enlarged `factor` times (nearest neighbour) at (left, top) of a 280×280 canvas. */
  function enlarge(digit: Float32Array, factor: number, left: number, top: number): Float32Array {
    const ink = blank();
    for (let y = 0; y < OUT * factor; y++) {
      for (let x = 0; x < OUT * factor; x++) {
        ink[(top + y) * SIDE + left + x] = digit[Math.floor(y / factor) * OUT + Math.floor(x / factor)];
      }
    }
    return ink;
  }

  /** The digit enlarged `factor` times with bilinear interpolation (smooth edges, any factor) at (left, top). */
  function enlargeSmoothly(digit: Float32Array, factor: number, left: number, top: number): Float32Array {
    const ink = blank();
    const at = (x: number, y: number) => (x < 0 || y < 0 || x >= OUT || y >= OUT ? 0 : digit[y * OUT + x]);
    const size = Math.ceil(OUT * factor);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const u = (x + 0.5) / factor - 0.5;
        const v = (y + 0.5) / factor - 0.5;
        const u0 = Math.floor(u);
        const v0 = Math.floor(v);
        const fu = u - u0;
        const fv = v - v0;
        ink[(top + y) * SIDE + left + x] =
          (1 - fv) * ((1 - fu) * at(u0, v0) + fu * at(u0 + 1, v0)) + fv * ((1 - fu) * at(u0, v0 + 1) + fu * at(u0 + 1, v0 + 1));
      }
    }
    return ink;
  }

  function correlation(a: Float32Array, b: Float32Array): number {
    const ma = sum(a) / a.length;
    const mb = sum(b) / b.length;
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let i = 0; i < a.length; i++) {
      ab += (a[i] - ma) * (b[i] - mb);
      aa += (a[i] - ma) ** 2;
      bb += (b[i] - mb) ** 2;
    }
    return ab / Math.sqrt(aa * bb);
  }

  /** The image moved by (dx, dy) whole pixels, zeros coming in. */
  function shift(img: Float32Array, dx: number, dy: number): Float32Array {
    const out = new Float32Array(OUT * OUT);
    for (let y = 0; y < OUT; y++) {
      for (let x = 0; x < OUT; x++) {
        const sx = x - dx;
        const sy = y - dy;
        if (sx >= 0 && sy >= 0 && sx < OUT && sy < OUT) out[y * OUT + x] = img[sy * OUT + sx];
      }
    }
    return out;
  }

  /**
   * Mean squared error per pixel over the first COUNT test digits, and the
   * mean and the lowest correlation of a digit with its original. With `slack`, each
   * correlation is the best over shifts of up to one pixel: MNIST put the
   * centre of mass anywhere within half a pixel of (14, 14), so a digit
   * whose centre was near that limit may rightly land a pixel away.
   */
  function compare(prepare: (digit: Float32Array) => Float32Array | null, slack = false) {
    let totalMse = 0;
    let worstCorrelation = 1;
    let totalCorrelation = 0;
    const shifts = slack ? [-1, 0, 1] : [0];
    for (let k = 0; k < COUNT; k++) {
      const digit = original(k);
      const back = prepare(digit)!;
      let mse = 0;
      for (let i = 0; i < 784; i++) mse += (back[i] - digit[i]) ** 2;
      totalMse += mse / 784;
      let best = -1;
      for (const dx of shifts) for (const dy of shifts) best = Math.max(best, correlation(shift(back, dx, dy), digit));
      worstCorrelation = Math.min(worstCorrelation, best);
      totalCorrelation += best;
    }
    return { mse: totalMse / COUNT, correlation: totalCorrelation / COUNT, worstCorrelation };
  }

  it('gives back test digits enlarged ten times to fill the canvas', () => {
    const { mse, worstCorrelation } = compare((d) => preprocessDrawing(enlarge(d, 10, 0, 0), SIDE, SIDE));
    expect(mse).toBeLessThan(0.002);
    expect(worstCorrelation).toBeGreaterThan(0.9);
  });

  it('gives back test digits enlarged seven times and drawn off-centre', () => {
    const { mse, worstCorrelation } = compare((d) => preprocessDrawing(enlarge(d, 7, 70, 13), SIDE, SIDE));
    expect(mse).toBeLessThan(0.002);
    expect(worstCorrelation).toBeGreaterThan(0.9);
  });

  it('gives back test digits enlarged smoothly by 9.3 at an odd position', () => {
    // Smooth enlarging and the box filter blur the strokes a little, and the pixel grid
    // falls differently on them, which costs thin strokes most (worst of these 200: 0.81).
    const { mse, correlation, worstCorrelation } = compare((d) => preprocessDrawing(enlargeSmoothly(d, 9.3, 5, 17), SIDE, SIDE), true);
    expect(mse).toBeLessThan(0.02);
    expect(correlation).toBeGreaterThan(0.9);
    expect(worstCorrelation).toBeGreaterThan(0.7);
  });

  it('leaves a test digit as it is (MNIST digits are already prepared)', () => {
    const { mse } = compare((d) => preprocessDrawing(d, OUT, OUT));
    expect(mse).toBeLessThan(0.002);
  });
});
