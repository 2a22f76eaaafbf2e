/**
 * Between the points of the latent view and codes. A 1-D or 2-D code is its
 * own position. A PCA view is linear: the position of a code c is
 * ((c − mean)·a₁, (c − mean)·a₂), and a position (x, y) maps back to the
 * code mean + x·a₁ + y·a₂ (the other directions at their mean). A UMAP view
 * has no formula either way, so both directions go through the nearest test
 * digits: a position maps to the distance-weighted mean of the codes of the
 * digits drawn nearest to it, and a code is placed at the weighted mean of
 * the positions of its nearest codes.
 */

export interface ViewGeometry {
  method: 'identity' | 'pca' | 'umap';
  codeSize: number;
  /** n × codeSize. */
  codes: Float32Array;
  /** n × 2: where each code is drawn. */
  points: Float32Array;
  /** PCA: the codes' mean and the two unit axes (2 × codeSize). */
  mean?: Float32Array;
  axes?: Float32Array;
}

/** How many neighbours a UMAP position or placement averages over. */
const NEIGHBOURS = 5;

/** Indices and squared distances of the `k` nearest rows of `rows` (n × dim) to `q`. */
function nearest(rows: Float32Array, dim: number, q: ArrayLike<number>, k: number): { index: number; d2: number }[] {
  const best: { index: number; d2: number }[] = [];
  const n = rows.length / dim;
  for (let i = 0; i < n; i++) {
    let d2 = 0;
    for (let j = 0; j < dim; j++) d2 += (rows[i * dim + j] - q[j]) ** 2;
    if (best.length < k || d2 < best[best.length - 1].d2) {
      best.push({ index: i, d2 });
      best.sort((a, b) => a.d2 - b.d2);
      if (best.length > k) best.pop();
    }
  }
  return best;
}

/** Inverse-distance weights (an exact hit takes all the weight). */
function weights(found: { d2: number }[]): number[] {
  const hit = found.findIndex((f) => f.d2 < 1e-12);
  if (hit >= 0) return found.map((_, i) => (i === hit ? 1 : 0));
  const w = found.map((f) => 1 / Math.sqrt(f.d2));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}

/** The code a point (x, y) of the view stands for. */
export function codeAt(view: ViewGeometry, x: number, y: number): Float32Array {
  const k = view.codeSize;
  const code = new Float32Array(k);
  if (view.method === 'identity') {
    code[0] = x;
    if (k > 1) code[1] = y;
    return code;
  }
  if (view.method === 'pca' && view.mean && view.axes) {
    for (let j = 0; j < k; j++) code[j] = view.mean[j] + x * view.axes[j] + y * view.axes[k + j];
    return code;
  }
  const found = nearest(view.points, 2, [x, y], NEIGHBOURS);
  const w = weights(found);
  found.forEach((f, i) => {
    for (let j = 0; j < k; j++) code[j] += w[i] * view.codes[f.index * k + j];
  });
  return code;
}

/** Where a code (not necessarily one of the view's) is drawn. */
export function placeCode(view: ViewGeometry, code: ArrayLike<number>): [number, number] {
  const k = view.codeSize;
  if (view.method === 'identity') return [code[0], k > 1 ? code[1] : -0.5];
  if (view.method === 'pca' && view.mean && view.axes) {
    let x = 0;
    let y = 0;
    for (let j = 0; j < k; j++) {
      const c = code[j] - view.mean[j];
      x += c * view.axes[j];
      y += c * view.axes[k + j];
    }
    return [x, y];
  }
  const found = nearest(view.codes, k, code, NEIGHBOURS);
  const w = weights(found);
  let x = 0;
  let y = 0;
  found.forEach((f, i) => {
    x += w[i] * view.points[2 * f.index];
    y += w[i] * view.points[2 * f.index + 1];
  });
  return [x, y];
}

/**
 * An n × n grid of 2-D codes covering [cx − r, cx + r] × [cy − r, cy + r],
 * row by row from the top (largest y) so that it reads like the plot.
 */
export function gridCodes(n: number, center: [number, number], r: number): Float32Array {
  const out = new Float32Array(n * n * 2);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const t = (v: number) => (n === 1 ? 0 : (v / (n - 1)) * 2 - 1);
      const i = row * n + col;
      out[2 * i] = center[0] + r * t(col);
      out[2 * i + 1] = center[1] - r * t(row);
    }
  }
  return out;
}
