import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packMnist, type IdxArray } from '../../scripts/mnist-idx.mjs';
import { loadMnist, MnistLoadError } from '../../src/data/load-mnist';
import { PIXELS, type Mnist } from '../../src/data/mnist';
import { ASSET_FILE, loadMnist as loadMnistFromDisk } from '../helpers/mnist';

const URL_ = 'https://example.test/data/mnist.bin';

function tinyAsset(): Uint8Array {
  const images = (count: number, salt: number): IdxArray => {
    const data = new Uint8Array(count * PIXELS);
    for (let i = 0; i < data.length; i++) data[i] = (salt + i) % 256;
    return { shape: [count, 28, 28], data };
  };
  return packMnist({
    trainImages: images(4, 3),
    trainLabels: { shape: [4], data: Uint8Array.from([1, 2, 3, 4]) },
    testImages: images(2, 9),
    testLabels: { shape: [2], data: Uint8Array.from([8, 9]) },
  });
}

/** A body delivered in chunks of `size` bytes, optionally failing after `failAfter` chunks. */
function chunkedStream(bytes: Uint8Array, size: number, failAfter = Infinity): ReadableStream<Uint8Array> {
  let at = 0;
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= failAfter) {
        controller.error(new Error('connection reset'));
        return;
      }
      if (at >= bytes.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
      sent++;
    },
  });
}

/** A fetch that answers every request with `make()` and records the URLs asked for. */
function fakeFetch(make: () => Response | Promise<Response>) {
  const urls: string[] = [];
  const impl = (async (input: RequestInfo | URL) => {
    urls.push(String(input));
    return make();
  }) as typeof fetch;
  return { impl, urls };
}

async function loadError(promise: Promise<Mnist>): Promise<MnistLoadError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(MnistLoadError);
    const e = err as MnistLoadError;
    // Meant for a person: a sentence, no stack-trace or programming jargon.
    expect(e.message).toMatch(/^[A-Z]/);
    expect(e.message).not.toMatch(/undefined|\[object|NaN|TypeError/);
    return e;
  }
  throw new Error('loadMnist succeeded where it should have failed');
}

describe('loadMnist with a fake fetch', () => {
  it('loads a gzip asset in chunks, reporting increasing progress', async () => {
    const gz = new Uint8Array(gzipSync(tinyAsset()));
    const { impl, urls } = fakeFetch(() => new Response(chunkedStream(gz, 100), { headers: { 'content-length': String(gz.byteLength) } }));
    const progress: [number, number][] = [];
    const mnist = await loadMnist(URL_, (loaded, total) => progress.push([loaded, total]), impl);
    expect(urls).toEqual([URL_]);
    expect(mnist.train.count).toBe(4);
    expect(mnist.test.count).toBe(2);
    expect(Array.from(mnist.train.labels)).toEqual([1, 2, 3, 4]);
    expect(Array.from(mnist.test.labels)).toEqual([8, 9]);
    expect(mnist.test.images[PIXELS]).toBe((9 + PIXELS) % 256);

    expect(progress.length).toBe(Math.ceil(gz.byteLength / 100));
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThan(progress[i - 1][0]);
    expect(progress[0]).toEqual([100, gz.byteLength]);
    expect(progress[progress.length - 1]).toEqual([gz.byteLength, gz.byteLength]);
  });

  it('decompresses as the bytes arrive, even when the gzip magic is split across chunks', async () => {
    const gz = new Uint8Array(gzipSync(tinyAsset()));
    const first = fakeFetch(() => new Response(chunkedStream(gz, 1)));
    const mnist = await loadMnist(URL_, () => {}, first.impl);
    expect(Array.from(mnist.test.labels)).toEqual([8, 9]);
    expect(mnist.train.images[3 * PIXELS + 1]).toBe((3 + 3 * PIXELS + 1) % 256);
  });

  it('accepts an uncompressed asset too', async () => {
    const raw = tinyAsset();
    const { impl } = fakeFetch(() => new Response(raw.slice()));
    const mnist = await loadMnist(URL_, () => {}, impl);
    expect(mnist.train.count).toBe(4);
    expect(Array.from(mnist.test.labels)).toEqual([8, 9]);
  });

  it('reports a total of 0 without Content-Length, or when the server compressed the response', async () => {
    const gz = new Uint8Array(gzipSync(tinyAsset()));
    const totals: number[] = [];
    const { impl } = fakeFetch(() => new Response(chunkedStream(gz, 500)));
    await loadMnist(URL_, (_, total) => totals.push(total), impl);
    const encoded = fakeFetch(
      () =>
        new Response(chunkedStream(gz, 500), {
          headers: { 'content-length': '17', 'content-encoding': 'br' },
        }),
    );
    await loadMnist(URL_, (_, total) => totals.push(total), encoded.impl);
    expect(totals.length).toBeGreaterThan(1);
    expect(new Set(totals)).toEqual(new Set([0]));
  });

  it('fails when fewer bytes arrive than Content-Length announced', async () => {
    const gz = new Uint8Array(gzipSync(tinyAsset()));
    const cut = gz.slice(0, 300);
    const { impl } = fakeFetch(() => new Response(cut, { headers: { 'content-length': String(gz.byteLength) } }));
    const err = await loadError(loadMnist(URL_, () => {}, impl));
    expect(err.message).toContain(`300 of ${gz.byteLength} bytes`);
    expect(err.message).toMatch(/incomplete/);
    expect(err.message).toMatch(/Retry/);
  });

  it('fails on a corrupt gzip stream', async () => {
    const gz = new Uint8Array(gzipSync(tinyAsset()));
    const corrupt = gz.slice();
    for (let i = 20; i < 60; i++) corrupt[i] ^= 0xa5;
    const { impl } = fakeFetch(() => new Response(corrupt));
    const err = await loadError(loadMnist(URL_, () => {}, impl));
    expect(err.message).toMatch(/damaged and could not be decompressed/);
  });

  it('fails on a gzip stream cut short (no Content-Length to notice it)', async () => {
    const gz = new Uint8Array(gzipSync(tinyAsset()));
    const { impl } = fakeFetch(() => new Response(gz.slice(0, gz.byteLength - 30)));
    const err = await loadError(loadMnist(URL_, () => {}, impl));
    expect(err.message).toMatch(/damaged and could not be decompressed/);
  });

  it('reports the HTTP status of a failed request', async () => {
    const { impl } = fakeFetch(() => new Response('no such file', { status: 404, statusText: 'Not Found' }));
    const progress: number[] = [];
    const err = await loadError(loadMnist(URL_, (l) => progress.push(l), impl));
    expect(err.message).toContain('404 Not Found');
    expect(err.message).toMatch(/Could not download/);
    expect(progress).toEqual([]);
  });

  it('reports a network failure', async () => {
    const impl = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const err = await loadError(loadMnist(URL_, () => {}, impl));
    expect(err.message).toMatch(/Could not download the MNIST digits \(fetch failed\)/);
    expect(err.message).toMatch(/connection/);
  });

  it('reports a download that breaks off midway', async () => {
    const gz = new Uint8Array(gzipSync(tinyAsset()));
    const { impl } = fakeFetch(() => new Response(chunkedStream(gz, 64, 3)));
    const err = await loadError(loadMnist(URL_, () => {}, impl));
    expect(err.message).toMatch(/broke off after 192 bytes/);
    expect(err.message).toContain('connection reset');
  });

  it('reports a file that is not a playground MNIST asset', async () => {
    const bad = tinyAsset();
    bad[0] ^= 0xff;
    const { impl } = fakeFetch(() => new Response(new Uint8Array(gzipSync(bad))));
    const err = await loadError(loadMnist(URL_, () => {}, impl));
    expect(err.message).toMatch(/not usable/);
    expect(err.message).toMatch(/wrong magic number/);

    const html = fakeFetch(() => new Response('<!doctype html><title>Index</title><p>hello, this is a page</p>'));
    const err2 = await loadError(loadMnist(URL_, () => {}, html.impl));
    expect(err2.message).toMatch(/not usable/);
  });

  it('reports a truncated asset that still decompresses', async () => {
    const raw = tinyAsset();
    const { impl } = fakeFetch(() => new Response(new Uint8Array(gzipSync(raw.subarray(0, raw.byteLength - 100)))));
    const err = await loadError(loadMnist(URL_, () => {}, impl));
    expect(err.message).toMatch(/truncated or corrupt/);
  });
});

describe('loadMnist on the real asset', () => {
  it('loads 60,000 + 10,000 digits identical to the ones on disk', async () => {
    const file = new Uint8Array(readFileSync(ASSET_FILE));
    const { impl } = fakeFetch(
      () => new Response(chunkedStream(file, 1 << 20), { headers: { 'content-length': String(file.byteLength) } }),
    );
    let calls = 0;
    let last: [number, number] = [0, 0];
    const mnist = await loadMnist(
      URL_,
      (loaded, total) => {
        calls++;
        last = [loaded, total];
      },
      impl,
    );
    expect(mnist.train.count).toBe(60000);
    expect(mnist.test.count).toBe(10000);
    expect(calls).toBe(Math.ceil(file.byteLength / (1 << 20)));
    expect(last).toEqual([file.byteLength, file.byteLength]);
    const disk = loadMnistFromDisk();
    expect(Buffer.compare(Buffer.from(mnist.train.labels), Buffer.from(disk.train.labels))).toBe(0);
    expect(Buffer.compare(Buffer.from(mnist.test.labels), Buffer.from(disk.test.labels))).toBe(0);
    expect(Buffer.compare(Buffer.from(mnist.train.images), Buffer.from(disk.train.images))).toBe(0);
    expect(Buffer.compare(Buffer.from(mnist.test.images), Buffer.from(disk.test.images))).toBe(0);
  });
});
