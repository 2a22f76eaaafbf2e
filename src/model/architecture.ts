/**
 * The shape of an autoencoder, computed from its config alone (no TF.js), so
 * the page can draw the model and count its parameters before anything is
 * built. tests/model/architecture.test.ts checks it against TF.js.
 */
import { bodyOf, type ModelConfig } from './config';
import { IMAGE_SIZE, PIXELS } from '../data/mnist';

export interface LayerInfo {
  /** e.g. "Dense 128, ReLU". */
  label: string;
  /** Output shape without the batch axis. */
  shape: number[];
  params: number;
  /** The layer whose output is the code (both heads for the VAE). */
  code?: boolean;
}

export interface Architecture {
  encoder: LayerInfo[];
  decoder: LayerInfo[];
  paramCount: number;
  codeSize: number;
  /** 784 / k: how many input numbers each code number stands for. */
  compressionRatio: number;
}

const dense = (inputs: number, units: number, activation: string): LayerInfo => ({
  label: `Dense ${units}${activation ? `, ${activation}` : ''}`,
  shape: [units],
  params: inputs * units + units,
});

const conv = (side: number, inChannels: number, filters: number, activation: string): LayerInfo => ({
  label: `Conv 3×3×${filters}, ${activation}`,
  shape: [side, side, filters],
  params: 9 * inChannels * filters + filters,
});

export function describeArchitecture(config: ModelConfig): Architecture {
  const k = config.codeSize;
  const encoder: LayerInfo[] = [];
  const decoder: LayerInfo[] = [];
  const body = bodyOf(config);
  if (body === 'conv') {
    let side = IMAGE_SIZE;
    let channels = 1;
    for (const f of config.filters) {
      encoder.push(conv(side, channels, f, 'ReLU'));
      side /= 2;
      channels = f;
      encoder.push({ label: 'Max-pool 2×2', shape: [side, side, f], params: 0 });
    }
    const flat = side * side * channels;
    encoder.push({ ...dense(flat, k, 'linear'), code: true });
    decoder.push({ ...dense(k, flat, 'ReLU'), shape: [side, side, channels], label: `Dense ${flat} → ${side}×${side}×${channels}, ReLU` });
    for (const f of [...config.filters].reverse()) {
      decoder.push(conv(side, channels, f, 'ReLU'));
      side *= 2;
      channels = f;
      decoder.push({ label: 'Up-sample 2×2', shape: [side, side, f], params: 0 });
    }
    decoder.push(conv(side, channels, 1, 'sigmoid'));
  } else {
    const widths = body === 'single' ? [] : config.hidden;
    let inputs = PIXELS;
    for (const w of widths) {
      encoder.push(dense(inputs, w, 'ReLU'));
      inputs = w;
    }
    if (config.kind === 'vae') {
      encoder.push({ ...dense(inputs, k, ''), label: `Dense ${k} → mean μ`, code: true });
      encoder.push({ ...dense(inputs, k, ''), label: `Dense ${k} → log-variance log σ²`, code: true });
    } else {
      encoder.push({ ...dense(inputs, k, 'linear'), code: true });
    }
    inputs = k;
    for (const w of [...widths].reverse()) {
      decoder.push(dense(inputs, w, 'ReLU'));
      inputs = w;
    }
    decoder.push(dense(inputs, PIXELS, 'sigmoid'));
  }
  const paramCount = [...encoder, ...decoder].reduce((s, l) => s + l.params, 0);
  return { encoder, decoder, paramCount, codeSize: k, compressionRatio: PIXELS / k };
}

/** Bits of one MNIST image (784 pixels of 8 bits) and of its code of k numbers. */
export interface CodeBits {
  image: number;
  float32: number;
  float16: number;
}

/**
 * What a code of k numbers weighs in bits, stored as float32 or float16,
 * against the 8-bit image it replaces: the compression in storage, which
 * differs from the compression in numbers (784/k).
 */
export function codeBits(k: number): CodeBits {
  return { image: 784 * 8, float32: 32 * k, float16: 16 * k };
}
