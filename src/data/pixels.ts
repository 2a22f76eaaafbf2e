/** Pixels: conversion for images that cross to the page, and what grey pixels cost a reconstruction. */
import { PIXELS, type MnistSplit } from './mnist';

/** Floats in [0, 1] → bytes 0–255 (clamped, rounded to the nearest level). */
export function toBytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, values[i])) * 255);
  return out;
}

/**
 * The least BCE per pixel any reconstruction can score on a split: for a
 * target x the expected cross-entropy −[x log p + (1 − x) log(1 − p)] is
 * smallest at p = x, where it equals the binary entropy
 * H(x) = −x log x − (1 − x) log(1 − x). MNIST's grey edge pixels have
 * H > 0, so even a perfect reconstruction pays their mean (nats). Computed
 * from the histogram of the 256 pixel values.
 */
export function bceFloor(split: MnistSplit): number {
  const histogram = new Float64Array(256);
  const pixels = split.images.subarray(0, split.count * PIXELS);
  for (let i = 0; i < pixels.length; i++) histogram[pixels[i]]++;
  let total = 0;
  for (let v = 1; v < 255; v++) {
    const x = v / 255;
    total += histogram[v] * -(x * Math.log(x) + (1 - x) * Math.log1p(-x));
  }
  return pixels.length === 0 ? 0 : total / pixels.length;
}
