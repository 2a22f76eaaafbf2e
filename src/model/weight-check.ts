/**
 * The weights an autoencoder has, from its config alone (no TF.js), and the
 * one check that a list of saved weights fits them: the page runs it on a
 * model file before anything is replaced, the worker again as it loads.
 * The order is the one TF.js saves the end-to-end model in: the encoder's
 * layers, then the decoder's, each kernel before its bias.
 */
import { bodyOf, type ModelConfig } from './config';
import { IMAGE_SIZE, PIXELS } from '../data/mnist';

export interface SavedWeight {
  name: string;
  shape: number[];
  dtype: string;
}

/** Saved weights: their names and shapes in order, and their float32 values in one buffer. */
export interface SavedWeights {
  weightSpecs: SavedWeight[];
  weightData: ArrayBuffer;
}

const dense = (inputs: number, units: number) => [[inputs, units], [units]];
const conv = (inChannels: number, filters: number) => [[3, 3, inChannels, filters], [filters]];

export function weightShapes(config: ModelConfig): number[][] {
  const k = config.codeSize;
  const shapes: number[][] = [];
  if (bodyOf(config) === 'conv') {
    let channels = 1;
    for (const f of config.filters) {
      shapes.push(...conv(channels, f));
      channels = f;
    }
    const side = IMAGE_SIZE / 2 ** config.filters.length;
    const flat = side * side * channels;
    shapes.push(...dense(flat, k), ...dense(k, flat));
    for (const f of [...config.filters].reverse()) {
      shapes.push(...conv(channels, f));
      channels = f;
    }
    shapes.push(...conv(channels, 1));
    return shapes;
  }
  const widths = bodyOf(config) === 'single' ? [] : config.hidden;
  let inputs = PIXELS;
  for (const w of widths) {
    shapes.push(...dense(inputs, w));
    inputs = w;
  }
  shapes.push(...dense(inputs, k));
  if (config.kind === 'vae') shapes.push(...dense(inputs, k));
  inputs = k;
  for (const w of [...widths].reverse()) {
    shapes.push(...dense(inputs, w));
    inputs = w;
  }
  shapes.push(...dense(inputs, PIXELS));
  return shapes;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const dims = (shape: number[]) => shape.join(' × ');

/**
 * Why `saved` (with `byteLength` bytes of data) does not fit a model whose
 * weights have the `expected` shapes, or null when it fits.
 */
export function weightMismatch(expected: number[][], saved: SavedWeight[], byteLength: number): string | null {
  const numbers = expected.reduce((s, shape) => s + size(shape), 0);
  const savedNumbers = saved.reduce((s, w) => s + size(w.shape), 0);
  const odd = saved.find((w) => w.dtype !== 'float32');
  if (odd) return `its weight ${odd.name} is stored as ${odd.dtype}; the playground saves and reads float32 weights only`;
  if (saved.length !== expected.length || savedNumbers !== numbers) {
    return `it holds ${saved.length} weight arrays of ${savedNumbers.toLocaleString('en-US')} numbers, where its settings describe ${expected.length} arrays of ${numbers.toLocaleString('en-US')}: it is a model of another shape`;
  }
  const i = saved.findIndex((w, j) => dims(w.shape) !== dims(expected[j]));
  if (i >= 0)
    return `its weight ${saved[i].name} is ${dims(saved[i].shape)} where the settings need ${dims(expected[i])}: it is a model of another shape`;
  if (byteLength < numbers * 4) {
    return `the weights file has ${byteLength.toLocaleString('en-US')} bytes where the model needs ${(numbers * 4).toLocaleString('en-US')}: it is truncated`;
  }
  if (byteLength > numbers * 4) {
    return `the weights file has ${byteLength.toLocaleString('en-US')} bytes where the model needs ${(numbers * 4).toLocaleString('en-US')}: it belongs to another model`;
  }
  return null;
}
