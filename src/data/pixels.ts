/** Pixel conversion for images that cross to the page. */

/** Floats in [0, 1] → bytes 0–255 (clamped, rounded to the nearest level). */
export function toBytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, values[i])) * 255);
  return out;
}
