// Types for the plain-JS idx helpers (scripts/mnist-idx.mjs), written from
// their JSDoc so the data tests type-check without allowJs.
declare module '*/scripts/mnist-idx.mjs' {
  export interface IdxArray {
    shape: number[];
    data: Uint8Array;
  }
  export const IDX_IMAGES_MAGIC: number;
  export const IDX_LABELS_MAGIC: number;
  export const ASSET_MAGIC: number;
  export const ASSET_VERSION: number;
  export const ASSET_HEADER_BYTES: number;
  export function splitNonzero(pixels: Uint8Array, pixelsPerImage: number): { mask: Uint8Array; values: Uint8Array };
  export function parseIdx(bytes: Uint8Array, expectedMagic: number): IdxArray;
  export function packMnist(parts: {
    trainImages: IdxArray;
    trainLabels: IdxArray;
    testImages: IdxArray;
    testLabels: IdxArray;
  }): Uint8Array;
}
