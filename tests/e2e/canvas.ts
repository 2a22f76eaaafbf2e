/** Reading what the playground's canvases show. */
import type { Locator } from 'playwright-core';

/** Share of a canvas's pixels that are not (near-)white: 0 for a blank canvas. */
export async function inkedShare(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const ctx = c.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 600) inked++;
    return inked / (data.length / 4);
  });
}

/** The first row of a digit strip (a figure of canvases, one a row). */
export const firstRow = (strip: Locator): Locator => strip.locator('canvas').first();

/** The grey levels (0–255 ink) of the digit drawn at (x0, y0) with `scale` pixels per digit pixel. */
export async function digitAt(canvas: Locator, x0: number, y0: number, scale: number): Promise<number[]> {
  return canvas.evaluate(
    (el, [x, y, s]) => {
      const c = el as HTMLCanvasElement;
      const { data } = c.getContext('2d')!.getImageData(x, y, 28 * s, 28 * s);
      const out: number[] = [];
      for (let r = 0; r < 28; r++) {
        for (let col = 0; col < 28; col++) {
          const o = ((r * s + Math.floor(s / 2)) * 28 * s + col * s + Math.floor(s / 2)) * 4;
          out.push(255 - data[o]);
        }
      }
      return out;
    },
    [x0, y0, scale] as const,
  );
}

/** Pixels of a whole canvas, for before/after comparisons. */
export async function pixels(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
  });
}

export const differs = (a: number[], b: number[]) => a.some((v, i) => Math.abs(v - b[i]) > 8);

/** Share of a PNG file's pixels that are not (near-)white, decoded in the page. */
export async function pngInkedShare(
  page: import('playwright-core').Page,
  png: Buffer,
): Promise<{ share: number; width: number; height: number }> {
  return page.evaluate(async (b64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${b64}`;
    await image.decode();
    const c = document.createElement('canvas');
    c.width = image.width;
    c.height = image.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) inked++;
    return { share: inked / (d.length / 4), width: c.width, height: c.height };
  }, png.toString('base64'));
}
