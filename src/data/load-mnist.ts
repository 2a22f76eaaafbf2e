/**
 * Downloads the packed MNIST asset with progress, decompresses it and
 * validates it. Uses only fetch and DecompressionStream, which browsers,
 * workers and Node all have.
 */
import { MnistFormatError, parseMnistAsset, type Mnist } from './mnist';

export type Progress = (loaded: number, total: number) => void;

const GZIP_MAGIC = [0x1f, 0x8b];

/** A load failure, with a message meant for the person in front of the page. */
export class MnistLoadError extends Error {
  override name = 'MnistLoadError';
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function loadMnist(url: string, onProgress: Progress = () => {}, fetchImpl: typeof fetch = fetch): Promise<Mnist> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (err) {
    throw new MnistLoadError(`Could not download the MNIST digits (${(err as Error).message}). Check the connection and retry.`);
  }
  if (!response.ok || !response.body) {
    throw new MnistLoadError(`Could not download the MNIST digits: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
  }
  // Content-Length counts the bytes on the wire; if the server compressed
  // the response itself, it no longer matches what we read, so drop it.
  const encoded = response.headers.get('content-encoding');
  const declared = Number(response.headers.get('content-length') ?? 0);
  const total = encoded && encoded !== 'identity' ? 0 : declared;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      onProgress(loaded, total);
    }
  } catch (err) {
    throw new MnistLoadError(`The download of the MNIST digits broke off after ${loaded} bytes (${(err as Error).message}). Retry.`);
  }
  if (total && loaded !== total) {
    throw new MnistLoadError(`The MNIST download is incomplete: ${loaded} of ${total} bytes arrived. Retry.`);
  }
  let bytes: Uint8Array = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      bytes = await gunzip(bytes);
    } catch (err) {
      throw new MnistLoadError(`The MNIST file is damaged and could not be decompressed (${(err as Error).message}). Retry.`);
    }
  }
  try {
    return parseMnistAsset(bytes);
  } catch (err) {
    if (err instanceof MnistFormatError) throw new MnistLoadError(`The MNIST file is not usable: ${err.message}.`);
    throw err;
  }
}
