/**
 * A PNG of part of the page as it is seen: its canvases and SVG charts at
 * their places, its colour keys, and its text in its own font and colour,
 * on white. Borders, large backgrounds and form controls are left out:
 * enough for a figure in a report or a slide. Hand-written (about 100
 * lines) because an HTML-to-image library would add tens of kB to the
 * page for three buttons.
 */

/** Draws an SVG element (a chart) as an image. */
async function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement | null> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const { width, height } = svg.getBoundingClientRect();
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } catch {
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Draws one text node, line by line as the page wrapped it. */
function drawText(ctx: CanvasRenderingContext2D, node: Text, origin: DOMRect): void {
  const parent = node.parentElement;
  const text = node.textContent?.replace(/\s+/g, ' ').trim();
  if (!parent || !text) return;
  const style = getComputedStyle(parent);
  if (style.visibility === 'hidden' || style.opacity === '0') return;
  const range = document.createRange();
  range.selectNodeContents(node);
  const lines = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
  if (lines.length === 0) return;
  ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  ctx.fillStyle = style.color;
  ctx.textBaseline = 'middle';
  // Words go to each line in turn, as many as fit its width.
  const words = text.split(' ');
  for (const [i, line] of lines.entries()) {
    let part = words.shift() ?? '';
    while (words.length && (i === lines.length - 1 || ctx.measureText(`${part} ${words[0]}`).width <= line.width + 1)) {
      part += ` ${words.shift()}`;
    }
    ctx.fillText(part, line.left - origin.left, line.top - origin.top + line.height / 2);
  }
}

/** The element as a PNG, at the page's size. */
export async function snapshotImage(element: HTMLElement): Promise<Blob> {
  const origin = element.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(origin.width);
  canvas.height = Math.ceil(origin.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw the picture');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const at = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height };
  };
  // Colour keys (legend swatches): small boxes with a coloured background.
  for (const el of element.querySelectorAll<HTMLElement>('*')) {
    const r = at(el);
    const fill = getComputedStyle(el).backgroundColor;
    if (r.width * r.height > 0 && r.width * r.height <= 400 && !/^(transparent|rgba\(0, 0, 0, 0\)|rgb\(255, 255, 255\))$/.test(fill)) {
      ctx.fillStyle = fill;
      ctx.fillRect(r.x, r.y, r.width, r.height);
    }
  }
  for (const c of element.querySelectorAll('canvas')) {
    const r = at(c);
    if (r.width > 0 && r.height > 0) ctx.drawImage(c, r.x, r.y, r.width, r.height);
  }
  for (const svg of element.querySelectorAll('svg')) {
    if (svg.parentElement?.closest('svg')) continue;
    const r = at(svg);
    if (r.width < 30 || r.height < 30) continue;
    const image = await svgImage(svg);
    if (image) ctx.drawImage(image, r.x, r.y, r.width, r.height);
  }
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.parentElement?.closest('svg, button, select, option, script, style, .sr-only')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) drawText(ctx, n as Text, origin);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the picture could not be made'))), 'image/png'),
  );
}

/** Saves a blob as a file the browser downloads. */
export function downloadBlob(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
