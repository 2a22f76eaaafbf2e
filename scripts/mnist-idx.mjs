// Pure helpers for the MNIST idx format and the playground's packed asset.
// Used by scripts/build-mnist-asset.mjs and by the unit tests; they take and
// return byte arrays and touch no file.

/** Magic numbers of the idx files: 0x0803 (uint8, 3 dims) and 0x0801 (uint8, 1 dim). */
export const IDX_IMAGES_MAGIC = 2051;
export const IDX_LABELS_MAGIC = 2049;

/** Magic of the packed asset, "MNST" read as a little-endian uint32. */
export const ASSET_MAGIC = 0x54534e4d;
export const ASSET_VERSION = 1;
export const ASSET_HEADER_BYTES = 24;

/**
 * Parses one idx file: a big-endian uint32 magic whose low byte is the number
 * of dimensions, one big-endian uint32 per dimension, then the uint8 payload.
 * @param {Uint8Array} bytes
 * @param {number} expectedMagic
 * @returns {{ shape: number[], data: Uint8Array }}
 */
export function parseIdx(bytes, expectedMagic) {
  if (bytes.byteLength < 8) throw new Error(`idx file too short: ${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) throw new Error(`idx magic number ${magic}, expected ${expectedMagic}`);
  const dims = magic & 0xff;
  const offset = 4 + 4 * dims;
  if (bytes.byteLength < offset) throw new Error('idx header truncated');
  const shape = [];
  for (let i = 0; i < dims; i++) shape.push(view.getUint32(4 + 4 * i, false));
  const size = shape.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== offset + size) {
    throw new Error(`idx payload is ${bytes.byteLength - offset} bytes, its header says ${size}`);
  }
  return { shape, data: bytes.subarray(offset) };
}

/**
 * Packs the four parsed idx files into the asset's uncompressed layout:
 * header (magic, version, train count, test count, rows, cols as LE uint32),
 * train labels, test labels, test images, train images.
 * @param {{ trainImages: {shape:number[],data:Uint8Array}, trainLabels: {shape:number[],data:Uint8Array},
 *           testImages: {shape:number[],data:Uint8Array}, testLabels: {shape:number[],data:Uint8Array} }} parts
 * @returns {Uint8Array}
 */
export function packMnist(parts) {
  const [trainCount, rows, cols] = parts.trainImages.shape;
  const [testCount, testRows, testCols] = parts.testImages.shape;
  if (testRows !== rows || testCols !== cols) throw new Error('train and test image sizes differ');
  if (parts.trainLabels.shape[0] !== trainCount || parts.testLabels.shape[0] !== testCount) {
    throw new Error('MNIST image and label counts disagree');
  }
  const pixels = rows * cols;
  const total = ASSET_HEADER_BYTES + trainCount + testCount + (trainCount + testCount) * pixels;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  [ASSET_MAGIC, ASSET_VERSION, trainCount, testCount, rows, cols].forEach((v, i) => view.setUint32(4 * i, v, true));
  let at = ASSET_HEADER_BYTES;
  for (const part of [parts.trainLabels.data, parts.testLabels.data, parts.testImages.data, parts.trainImages.data]) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
