/**
 * The example digits the pad can write by itself: hand-placed points for each
 * digit, joined by Catmull–Rom splines and scaled to the pad.
 */

import { PAD_SIDE, type Point } from './strokes';

/**
 * A Catmull–Rom spline through `points`, sampled `perSpan` times between
 * each pair: the curve passes through every point with a continuous tangent,
 * (p_{i+1} − p_{i−1}) / 2 at p_i, the ends repeating their point.
 */
export function catmullRom(points: readonly Point[], perSpan = 8): Point[] {
  if (points.length < 3) return points.slice();
  const out: Point[] = [points[0]];
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)];
    const p1 = points[i];
    const p2 = points[i + 1];
    const p3 = points[Math.min(points.length - 1, i + 2)];
    for (let s = 1; s <= perSpan; s++) {
      const t = s / perSpan;
      const t2 = t * t;
      const t3 = t2 * t;
      const at = (a: number, b: number, c: number, d: number) =>
        0.5 * (2 * b + (c - a) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (3 * b - a - 3 * c + d) * t3);
      out.push({ x: at(p0.x, p1.x, p2.x, p3.x), y: at(p0.y, p1.y, p2.y, p3.y) });
    }
  }
  return out;
}

type Shape = readonly (readonly (readonly [number, number])[])[];

/**
 * Hand-placed points of one way to write each digit on the 280-pixel pad,
 * one list per stroke; a sharp corner is where two strokes meet.
 */
const DIGIT_SHAPES: readonly Shape[] = [
  [
    [
      [150, 48],
      [110, 60],
      [88, 110],
      [90, 175],
      [115, 228],
      [155, 235],
      [188, 195],
      [195, 130],
      [180, 75],
      [150, 48],
      [132, 56],
    ],
  ],
  [
    [
      [160, 42],
      [151, 100],
      [141, 170],
      [133, 238],
    ],
  ],
  [
    [
      [88, 92],
      [105, 60],
      [140, 45],
      [178, 58],
      [190, 95],
      [175, 135],
      [140, 175],
      [100, 215],
      [85, 235],
    ],
    [
      [85, 235],
      [140, 230],
      [205, 232],
    ],
  ],
  [
    [
      [92, 70],
      [125, 46],
      [168, 50],
      [185, 82],
      [172, 115],
      [130, 132],
    ],
    [
      [130, 132],
      [175, 145],
      [192, 185],
      [175, 222],
      [130, 238],
      [88, 222],
    ],
  ],
  [
    [
      [140, 40],
      [112, 100],
      [82, 162],
    ],
    [
      [82, 162],
      [150, 160],
      [210, 158],
    ],
    [
      [175, 88],
      [170, 170],
      [165, 242],
    ],
  ],
  [
    [
      [192, 48],
      [120, 48],
    ],
    [
      [120, 48],
      [108, 128],
    ],
    [
      [108, 128],
      [140, 112],
      [180, 125],
      [198, 165],
      [188, 210],
      [150, 236],
      [105, 230],
      [85, 212],
    ],
  ],
  [
    [
      [178, 48],
      [140, 70],
      [108, 115],
      [92, 170],
      [102, 220],
      [142, 240],
      [180, 222],
      [190, 182],
      [168, 150],
      [130, 148],
      [102, 172],
    ],
  ],
  [
    [
      [80, 55],
      [200, 52],
    ],
    [
      [200, 52],
      [165, 120],
      [138, 180],
      [122, 240],
    ],
  ],
  [
    [
      [178, 72],
      [150, 45],
      [112, 52],
      [100, 88],
      [125, 120],
      [165, 145],
      [188, 185],
      [175, 228],
      [138, 240],
      [100, 222],
      [95, 182],
      [120, 148],
      [160, 122],
      [182, 90],
      [178, 72],
    ],
  ],
  [
    [
      [182, 78],
      [150, 48],
      [110, 55],
      [92, 92],
      [105, 130],
      [145, 138],
      [178, 110],
      [182, 78],
    ],
    [
      [182, 78],
      [178, 150],
      [168, 240],
    ],
  ],
];

/**
 * Strokes that write `digit` (0–9) on a pad of side `side`: smooth curves
 * through hand-placed points, scaled from the 280-pixel pad.
 * @throws RangeError for anything but a digit
 */
export function exampleStrokes(digit: number, side = PAD_SIDE): Point[][] {
  const shape = DIGIT_SHAPES[digit];
  if (!Number.isInteger(digit) || !shape) throw new RangeError(`no example for ${digit}`);
  const k = side / PAD_SIDE;
  return shape.map((stroke) => catmullRom(stroke.map(([x, y]) => ({ x: x * k, y: y * k }))));
}
