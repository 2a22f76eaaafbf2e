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

/**
 * A gzip decompressor fed chunk by chunk while the download goes on, so
 * that decompression overlaps the network instead of following it.
 */
class StreamingGunzip {
  private readonly writer: WritableStreamDefaultWriter<BufferSource>;
  private readonly output: Promise<Uint8Array>;
  private failure: unknown = null;

  constructor() {
    const stream = new DecompressionStream('gzip');
    this.writer = stream.writable.getWriter();
    this.output = new Response(stream.readable).arrayBuffer().then((b) => new Uint8Array(b));
    // Awaited in finish(); until then a rejection is not an unhandled one.
    this.output.catch(() => {});
  }

  /**
   * Queues a chunk without waiting for the decompressor to take it: waiting
   * on each of the ~150 chunks made the reader lag 0.4 s behind the network.
   * The queue holds at most the compressed file (10 MB).
   */
  write(chunk: Uint8Array): void {
    if (this.failure) return;
    this.writer.write(chunk as Uint8Array<ArrayBuffer>).catch((err: unknown) => (this.failure ??= err));
  }

  abort(): void {
    this.writer.abort().catch(() => {});
  }

  async finish(): Promise<Uint8Array> {
    if (this.failure) throw this.failure;
    await this.writer.close();
    return this.output;
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

export async function loadMnist(url: string, onProgress: Progress = () => {}, fetchImpl: typeof fetch = fetch): Promise<Mnist> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (err) {
    throw new MnistLoadError(`Could not download the MNIST digits (${(err as Error).message}). Check the connection and retry.`);
  }
  if (!response.ok || !response.body) {
    throw new MnistLoadError(
      `Could not download the MNIST digits: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
    );
  }
  // Content-Length counts the bytes on the wire; if the server compressed
  // the response itself, it no longer matches what we read, so drop it.
  const encoded = response.headers.get('content-encoding');
  const declared = Number(response.headers.get('content-length') ?? 0);
  const total = encoded && encoded !== 'identity' ? 0 : declared;
  // The first bytes decide: a gzip stream is decompressed as it arrives;
  // anything else is kept as is.
  const head: Uint8Array[] = [];
  let gunzip: StreamingGunzip | null = null;
  let decided = false;
  let loaded = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.byteLength;
      onProgress(loaded, total);
      if (decided) {
        if (gunzip) gunzip.write(value);
        else head.push(value);
        continue;
      }
      head.push(value);
      if (loaded < 2) continue;
      decided = true;
      const first = concat(head, loaded);
      if (first[0] === GZIP_MAGIC[0] && first[1] === GZIP_MAGIC[1]) {
        gunzip = new StreamingGunzip();
        head.length = 0;
        gunzip.write(first);
      }
    }
  } catch (err) {
    gunzip?.abort();
    throw new MnistLoadError(`The download of the MNIST digits broke off after ${loaded} bytes (${(err as Error).message}). Retry.`);
  }
  if (total && loaded !== total) {
    gunzip?.abort();
    throw new MnistLoadError(`The MNIST download is incomplete: ${loaded} of ${total} bytes arrived. Retry.`);
  }
  let bytes: Uint8Array;
  if (gunzip) {
    try {
      bytes = await gunzip.finish();
    } catch (err) {
      throw new MnistLoadError(`The MNIST file is damaged and could not be decompressed (${(err as Error).message}). Retry.`);
    }
  } else {
    bytes = concat(head, loaded);
  }
  try {
    return parseMnistAsset(bytes);
  } catch (err) {
    if (err instanceof MnistFormatError) throw new MnistLoadError(`The MNIST file is not usable: ${err.message}.`);
    throw err;
  }
}
