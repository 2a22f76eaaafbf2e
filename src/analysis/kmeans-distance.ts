// Squared Euclidean distances between rows of flat row-major arrays, for k-means.

/** ‖x[xo…] − c[co…]‖² over `dim` values. */
export function squaredDistance(x: Float32Array, xo: number, c: Float64Array, co: number, dim: number): number {
  let s = 0;
  for (let t = 0; t < dim; t++) {
    const d = x[xo + t] - c[co + t];
    s += d * d;
  }
  return s;
}

/** ‖a[ao…] − b[bo…]‖² over `dim` values, both in double precision. */
export function squaredDistance64(a: Float64Array, ao: number, b: Float64Array, bo: number, dim: number): number {
  let s = 0;
  for (let t = 0; t < dim; t++) {
    const d = a[ao + t] - b[bo + t];
    s += d * d;
  }
  return s;
}
