/** Drawing 28×28 grey digits onto a canvas, several at a time, in one putImageData. */

export const DIGIT_SIDE = 28;

/**
 * Paints a grid of digits (uint8 0–255, 784 bytes each, white ink on black as
 * in MNIST) into an RGBA buffer, each scaled up by `scale` with nearest
 * neighbour. Cell (row, col) holds digit `cells[row][col]` (null = empty).
 */
export function paintDigitGrid(image: ImageData, cells: (Uint8Array | null)[][], scale: number, gap: number): void {
  const { data, width } = image;
  data.fill(255);
  // One 32-bit write per pixel (RGBA bytes in memory order: a little-endian
  // word is 0xAABBGGRR; every platform a browser runs on is little-endian).
  const pixels = new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
  const cell = DIGIT_SIDE * scale + gap;
  cells.forEach((row, r) =>
    row.forEach((digit, c) => {
      if (!digit) return;
      const x0 = c * cell;
      const y0 = r * cell;
      for (let y = 0; y < DIGIT_SIDE * scale; y++) {
        const sy = Math.floor(y / scale) * DIGIT_SIDE;
        let o = (y0 + y) * width + x0;
        for (let x = 0; x < DIGIT_SIDE * scale; x++) {
          const v = 255 - digit[sy + Math.floor(x / scale)];
          pixels[o++] = 0xff000000 | (v << 16) | (v << 8) | v;
        }
      }
    }),
  );
}
