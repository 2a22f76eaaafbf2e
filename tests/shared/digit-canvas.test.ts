import { describe, expect, it } from 'vitest';
import { DIGIT_SIDE, paintDigitGrid } from '../../src/shared/digit-canvas';

describe('paintDigitGrid', () => {
  it('paints each digit inverted (ink dark on white), scaled, in its cell, opaque, and leaves the rest white', () => {
    const scale = 2;
    const gap = 3;
    const cell = DIGIT_SIDE * scale + gap;
    const width = 2 * cell;
    const height = cell;
    const image = { data: new Uint8ClampedArray(width * height * 4), width, height } as unknown as ImageData;
    const digit = new Uint8Array(DIGIT_SIDE * DIGIT_SIDE);
    digit[0] = 255; // top-left pixel: full ink
    digit[DIGIT_SIDE + 1] = 100; // row 1, column 1
    paintDigitGrid(image, [[null, digit]], scale, gap);
    const rgba = (x: number, y: number) => Array.from(image.data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));
    // The empty first cell and the gap stay white.
    expect(rgba(0, 0)).toEqual([255, 255, 255, 255]);
    expect(rgba(cell - 1, 0)).toEqual([255, 255, 255, 255]);
    // The second cell: the inked pixel covers scale × scale screen pixels.
    for (const [dx, dy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ])
      expect(rgba(cell + dx, dy)).toEqual([0, 0, 0, 255]);
    expect(rgba(cell + 2, 2)).toEqual([155, 155, 155, 255]);
    expect(rgba(cell + 3, 3)).toEqual([155, 155, 155, 255]);
    expect(rgba(cell + 4, 0)).toEqual([255, 255, 255, 255]);
  });
});
