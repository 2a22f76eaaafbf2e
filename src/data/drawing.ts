/**
 * Turns a drawing into an input the models know: a 28×28 digit prepared the
 * way MNIST's were (LeCun, Bottou, Bengio & Haffner, 1998). MNIST's writers'
 * digits were
 *
 *   1. cropped to the bounding box of their ink,
 *   2. size-normalised so that the box fits a 20×20 field with its aspect
 *      ratio kept, anti-aliased into grey levels, and
 *   3. placed in a 28×28 image so that their centre of mass sits at the
 *      centre of the image.
 *
 * Measured on MNIST's 10,000 test digits (index coordinates, where pixel i's
 * centre is at i): the longest side of the ink box is 20 pixels in all but
 * 3; the centre of mass lies between 13.5 and 14.5 on both axes, mean
 * (14.0, 14.0), so the digits were shifted by whole pixels to put it at
 * (14, 14); and the brightest pixel of almost every digit is at full ink.
 * preprocessDrawing does the same three steps and then stretches the grey
 * levels so that the brightest pixel is 1.
 */

/** Side of the digits the models take. */
export const OUTPUT_SIDE = 28;
/** The longest side of the ink box after size normalisation. */
export const FIELD_SIDE = 20;
/** Where the centre of mass lands, in index coordinates (pixel i's centre at i), on both axes. */
export const TARGET_CENTRE = 14;
/** Ink at or below this does not count towards the bounding box (faint anti-aliased fringes, smudges). */
export const INK_THRESHOLD = 0.05;
/** A drawing whose total ink covers less than this share of the canvas is empty. */
export const MIN_INK_SHARE = 1e-4;

/** An axis-aligned box of whole pixels: columns x … x + width − 1, rows y … y + height − 1. */
export interface InkBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The smallest box holding every pixel whose ink exceeds `threshold`, or
 * null if none does. `ink` is row-major, `width × height`.
 */
export function inkBox(ink: Float32Array, width: number, height: number, threshold = INK_THRESHOLD): InkBox | null {
  let x0 = width;
  let x1 = -1;
  let y0 = height;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (ink[row + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * Centre of mass of a grey image, in index coordinates (pixel (i, j)'s
 * centre is at x = i, y = j):
 *
 *   x̄ = Σ v(i, j) · i / Σ v(i, j),   ȳ = Σ v(i, j) · j / Σ v(i, j).
 *
 * The image is `side × height` (square unless `height` is given). An image
 * without ink has no centre of mass; its geometric centre is returned.
 */
export function centreOfMass(img: Float32Array, side: number, height = side): [x: number, y: number] {
  let total = 0;
  let sx = 0;
  let sy = 0;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < side; i++) {
      const v = img[j * side + i];
      total += v;
      sx += v * i;
      sy += v * j;
    }
  }
  if (total <= 0) return [(side - 1) / 2, (height - 1) / 2];
  return [sx / total, sy / total];
}

/**
 * Weights of a box filter along one axis. Target pixel u covers the source
 * interval [start + (u − offset)/s, start + (u + 1 − offset)/s) for a scale
 * s (target pixels per source pixel); source pixel i covers [i, i + 1), and
 * only pixels in [start, end) hold ink. The weight of source pixel i in
 * target pixel u is their overlap times s, so that a target pixel is the
 * mean ink over the area it covers (fractional coverage at both ends).
 */
function boxWeights(
  start: number,
  end: number,
  scale: number,
  count: number,
  offset: number,
): { first: Int32Array; weights: Float32Array[] } {
  const first = new Int32Array(count);
  const weights: Float32Array[] = [];
  for (let u = 0; u < count; u++) {
    const a = Math.max(start, start + (u - offset) / scale);
    const b = Math.min(end, start + (u + 1 - offset) / scale);
    const i0 = Math.floor(a);
    const i1 = Math.max(i0, Math.ceil(b) - 1);
    const w = new Float32Array(b > a ? i1 - i0 + 1 : 0);
    for (let k = 0; k < w.length; k++) {
      const i = i0 + k;
      w[k] = Math.max(0, Math.min(b, i + 1) - Math.max(a, i)) * scale;
    }
    first[u] = i0;
    weights.push(w);
  }
  return { first, weights };
}

/**
 * Step 2 of MNIST's preparation: resamples the ink inside `box` so that its
 * longer side spans exactly FIELD_SIDE pixels, keeping the aspect ratio.
 * With s = FIELD_SIDE / max(box.width, box.height), each output pixel is the
 * mean of the source ink over the s⁻¹ × s⁻¹ square it covers (a box filter
 * with fractional coverage at the edges), so a stroke thinner than a pixel
 * after scaling becomes grey instead of vanishing. The shorter side spans
 * ⌈s·side⌉ pixels with its fractional part shared equally by both ends.
 * Works in both directions: a box smaller than the field is enlarged.
 */
function sizeNormalise(ink: Float32Array, width: number, box: InkBox): { patch: Float32Array; w: number; h: number } {
  const scale = FIELD_SIDE / Math.max(box.width, box.height);
  const exactW = box.width * scale;
  const exactH = box.height * scale;
  // Guard against 19.999… from rounding before taking the ceiling.
  const w = Math.max(1, Math.ceil(exactW - 1e-6));
  const h = Math.max(1, Math.ceil(exactH - 1e-6));
  const cols = boxWeights(box.x, box.x + box.width, scale, w, (w - exactW) / 2);
  const rows = boxWeights(box.y, box.y + box.height, scale, h, (h - exactH) / 2);

  // Separable: first along each source row of the box, then down the columns.
  const across = new Float32Array(box.height * w);
  for (let y = 0; y < box.height; y++) {
    const src = (box.y + y) * width;
    for (let u = 0; u < w; u++) {
      const weights = cols.weights[u];
      const i0 = cols.first[u];
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k] * ink[src + i0 + k];
      across[y * w + u] = sum;
    }
  }
  const patch = new Float32Array(w * h);
  for (let v = 0; v < h; v++) {
    const weights = rows.weights[v];
    const j0 = rows.first[v] - box.y;
    for (let u = 0; u < w; u++) {
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k] * across[(j0 + k) * w + u];
      patch[v * w + u] = sum;
    }
  }
  return { patch, w, h };
}

/**
 * Prepares a drawing as MNIST prepared its digits (see the top of this file).
 *
 * `ink` is the ink coverage, in [0, 1], of each pixel of a `width × height`
 * drawing (row-major; 0 = paper). Returns 784 floats in [0, 1], row-major,
 * ink = 1 (as MNIST's white on black), or null if the drawing is (almost)
 * empty: no pixel above INK_THRESHOLD, or less total ink than
 * MIN_INK_SHARE of the canvas.
 *
 * - Bounding box: inkBox with INK_THRESHOLD; ink outside it is ignored.
 * - Size: the box is resampled so that its longer side is 20 pixels
 *   (box-filter area averaging, see sizeNormalise).
 * - Position: with (x̄, ȳ) the centre of mass of the 20-pixel patch, the
 *   patch is placed at whole-pixel offsets (round(14 − x̄), round(14 − ȳ)),
 *   as MNIST's were: the result's centre of mass is within half a pixel of
 *   (14, 14), and no second resampling blurs the strokes. Ink pushed off
 *   the 28×28 field (only for a digit whose mass sits far to one side) is
 *   cut off, as in MNIST.
 * - Contrast: the grey levels are divided by the brightest one, so the
 *   strongest stroke is at full ink as in MNIST, whose strokes saturate.
 *   This only brightens (the maximum is at most 1): a stroke that scaling
 *   made thinner than a pixel is grey everywhere, and would otherwise look
 *   fainter than any MNIST digit.
 */
export function preprocessDrawing(ink: Float32Array, width: number, height: number): Float32Array | null {
  if (ink.length !== width * height) {
    throw new RangeError(`ink has ${ink.length} values, not ${width} × ${height}`);
  }
  let total = 0;
  for (let i = 0; i < ink.length; i++) total += Math.min(1, Math.max(0, ink[i]));
  if (total < MIN_INK_SHARE * width * height) return null;
  const box = inkBox(ink, width, height);
  if (!box) return null;

  const { patch, w, h } = sizeNormalise(ink, width, box);
  const [cx, cy] = centreOfMass(patch, w, h);
  const dx = Math.round(TARGET_CENTRE - cx);
  const dy = Math.round(TARGET_CENTRE - cy);

  let peak = 0;
  for (let i = 0; i < patch.length; i++) if (patch[i] > peak) peak = patch[i];
  if (peak <= 0) return null;
  const gain = 1 / Math.min(1, peak);

  const out = new Float32Array(OUTPUT_SIDE * OUTPUT_SIDE);
  for (let v = 0; v < h; v++) {
    const y = v + dy;
    if (y < 0 || y >= OUTPUT_SIDE) continue;
    for (let u = 0; u < w; u++) {
      const x = u + dx;
      if (x < 0 || x >= OUTPUT_SIDE) continue;
      out[y * OUTPUT_SIDE + x] = Math.min(1, Math.max(0, patch[v * w + u] * gain));
    }
  }
  return out;
}
