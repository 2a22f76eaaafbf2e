import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseMnistAsset, PIXELS, type Mnist } from '../../src/data/mnist';

export const ASSET_FILE = fileURLToPath(new URL('../../public/data/mnist.bin', import.meta.url));

let cached: Mnist | null = null;

/** The real MNIST asset (built by `npm run data`, which `npm test` runs first). */
export function loadMnist(): Mnist {
  if (cached) return cached;
  if (!existsSync(ASSET_FILE)) throw new Error(`${ASSET_FILE} is missing: run \`npm run data\``);
  cached = parseMnistAsset(new Uint8Array(gunzipSync(readFileSync(ASSET_FILE))));
  return cached;
}

/** The first `train` training and `test` test images of the real MNIST, as a smaller data set. */
export function smallMnist(train: number, test: number): Mnist {
  const full = loadMnist();
  return {
    train: {
      images: full.train.images.subarray(0, train * PIXELS),
      labels: full.train.labels.subarray(0, train),
      count: train,
    },
    test: {
      images: full.test.images.subarray(0, test * PIXELS),
      labels: full.test.labels.subarray(0, test),
      count: test,
    },
  };
}
