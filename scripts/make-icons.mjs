// Draws the playground's icons into public/icons/ (run once; the PNGs are committed): an hourglass, wide image → narrow code → wide image.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = ~0;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc(body), 8 + data.length);
  return out;
};
function png(size, maskable) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const blue = [0, 114, 178],
    orange = [213, 94, 0],
    white = [255, 255, 255];
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const u = x / size,
        v = y / size;
      const pad = maskable ? 0.2 : 0.12;
      // Rounded square background (full square when maskable).
      const r = maskable ? 0 : 0.18;
      const dx = Math.max(0, Math.abs(u - 0.5) - (0.5 - r)),
        dy = Math.max(0, Math.abs(v - 0.5) - (0.5 - r));
      const inside = dx * dx + dy * dy <= r * r + 1e-9;
      let c = inside ? blue : null;
      // Hourglass: the width narrows linearly to the middle.
      const t = Math.abs(v - 0.5) / (0.5 - pad);
      const half = 0.06 + (0.5 - pad - 0.06) * Math.min(1, t);
      if (inside && v > pad && v < 1 - pad && Math.abs(u - 0.5) <= half) c = white;
      // The code: an orange bar across the waist.
      if (inside && Math.abs(v - 0.5) < 0.035 && Math.abs(u - 0.5) < 0.16) c = orange;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      if (c) {
        raw[o] = c[0];
        raw[o + 1] = c[1];
        raw[o + 2] = c[2];
        raw[o + 3] = 255;
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
writeFileSync('public/icons/icon-192.png', png(192, false));
writeFileSync('public/icons/icon-512.png', png(512, false));
writeFileSync('public/icons/icon-maskable-512.png', png(512, true));
writeFileSync('public/icons/apple-touch-icon.png', png(180, true));
