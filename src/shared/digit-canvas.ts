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
  const cell = DIGIT_SIDE * scale + gap;
  cells.forEach((row, r) =>
    row.forEach((digit, c) => {
      if (!digit) return;
      const x0 = c * cell;
      const y0 = r * cell;
      for (let y = 0; y < DIGIT_SIDE * scale; y++) {
        const sy = Math.floor(y / scale) * DIGIT_SIDE;
        let o = ((y0 + y) * width + x0) * 4;
        for (let x = 0; x < DIGIT_SIDE * scale; x++) {
          const v = 255 - digit[sy + Math.floor(x / scale)];
          data[o] = v;
          data[o + 1] = v;
          data[o + 2] = v;
          data[o + 3] = 255;
          o += 4;
        }
      }
    }),
  );
}
