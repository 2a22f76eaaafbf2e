/**
 * Shapes and parameter counts: the TF.js models against each other and
 * against describeArchitecture(), which computes them without TF.js.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBits, describeArchitecture, type LayerInfo } from '../../src/model/architecture';
import { buildAutoencoder, disposeAutoencoder, summarize, type Autoencoder } from '../../src/model/autoencoder';
import type { ModelConfig } from '../../src/model/config';
import { useWasmBackend } from '../helpers/backend';
import { testConfig } from '../helpers/config';

const base: ModelConfig = testConfig({ codeSize: 32, hidden: [128, 64], filters: [16, 8], seed: 3 });

const VARIANTS: { name: string; config: Partial<ModelConfig> }[] = [
  { name: 'vanilla', config: { kind: 'vanilla' } },
  { name: 'deep', config: { kind: 'deep', hidden: [128, 64] } },
  { name: 'deep, 3 hidden layers', config: { kind: 'deep', hidden: [50, 40, 30] } },
  { name: 'conv, 2 stages', config: { kind: 'conv', filters: [16, 8] } },
  { name: 'conv, 1 stage', config: { kind: 'conv', filters: [6] } },
  { name: 'denoising, dense body', config: { kind: 'denoising', body: 'dense', hidden: [64] } },
  { name: 'denoising, conv body', config: { kind: 'denoising', body: 'conv', filters: [4, 4] } },
  { name: 'vae', config: { kind: 'vae', hidden: [128, 64] } },
];
const CODE_SIZES = [1, 2, 32, 128];
const BATCH = 3;

/** A few deterministic "images" in [0, 1]. */
function images(n: number): tf.Tensor2D {
  const values = new Float32Array(n * 784);
  for (let i = 0; i < values.length; i++) values[i] = ((i * 37) % 101) / 100;
  return tf.tensor2d(values, [n, 784]);
}

const product = (s: number[]) => s.reduce((a, b) => a * b, 1);

/**
 * The TF.js layers that describeArchitecture lists (weights, pooling, up-sampling),
 * with the shape the architecture shows: a dense layer followed by a reshape is
 * shown with the reshaped shape.
 */
function tfLayers(model: tf.LayersModel): { className: string; shape: number[]; params: number }[] {
  const out: { className: string; shape: number[]; params: number }[] = [];
  model.layers.forEach((layer, i) => {
    const className = layer.getClassName();
    if (!['Dense', 'Conv2D', 'MaxPooling2D', 'UpSampling2D'].includes(className)) return;
    let shape = (layer.outputShape as number[]).slice(1);
    const next = model.layers[i + 1];
    if (className === 'Dense' && next?.getClassName() === 'Reshape') shape = (next.outputShape as number[]).slice(1);
    out.push({ className, shape, params: layer.countParams() });
  });
  return out;
}

function compareLayers(tfSide: ReturnType<typeof tfLayers>, arch: LayerInfo[]) {
  expect(tfSide.map((l) => l.params)).toEqual(arch.map((l) => l.params));
  expect(tfSide.map((l) => l.shape)).toEqual(arch.map((l) => l.shape));
  for (let i = 0; i < arch.length; i++) {
    const expected = { Dense: /^Dense/, Conv2D: /^Conv/, MaxPooling2D: /^Max-pool/, UpSampling2D: /^Up-sample/ }[tfSide[i].className];
    expect(arch[i].label).toMatch(expected!);
  }
}

beforeAll(async () => {
  await useWasmBackend();
});

afterAll(() => {
  tf.disposeVariables();
});

describe.each(VARIANTS)('$name', ({ config: variant }) => {
  it.each(CODE_SIZES)('code size %i: shapes and parameter count agree with describeArchitecture', (codeSize) => {
    const config: ModelConfig = { ...base, ...variant, codeSize };
    const ae: Autoencoder = buildAutoencoder(config);
    try {
      const arch = describeArchitecture(config);
      expect(arch.codeSize).toBe(codeSize);
      expect(arch.compressionRatio).toBeCloseTo(784 / codeSize, 10);
      expect(arch.paramCount).toBe(ae.paramCount);
      expect(ae.paramCount).toBe(ae.autoencoder.countParams());
      // Every trainable weight is counted once.
      const weights = ae.trainableVariables.reduce((s, v) => s + v.size, 0);
      expect(weights).toBe(arch.paramCount);

      compareLayers(tfLayers(ae.encoder), arch.encoder);
      compareLayers(tfLayers(ae.decoder), arch.decoder);
      const codeLayers = arch.encoder.filter((l) => l.code);
      expect(codeLayers.length).toBe(config.kind === 'vae' ? 2 : 1);
      for (const l of codeLayers) expect(l.shape).toEqual([codeSize]);
      expect(product(arch.decoder[arch.decoder.length - 1].shape)).toBe(784);

      const x = images(BATCH);
      const encoded = ae.encoder.predict(x) as tf.Tensor | tf.Tensor[];
      if (config.kind === 'vae') {
        expect(Array.isArray(encoded)).toBe(true);
        const [mean, logVar] = encoded as tf.Tensor[];
        expect(mean.shape).toEqual([BATCH, codeSize]);
        expect(logVar.shape).toEqual([BATCH, codeSize]);
      } else {
        expect(Array.isArray(encoded)).toBe(false);
        expect((encoded as tf.Tensor).shape).toEqual([BATCH, codeSize]);
      }
      const z = tf.randomNormal([BATCH, codeSize], 0, 1, 'float32', 5);
      const decoded = ae.decoder.predict(z) as tf.Tensor;
      expect(decoded.shape).toEqual([BATCH, 784]);
      const y = ae.autoencoder.predict(x) as tf.Tensor;
      expect(y.shape).toEqual([BATCH, 784]);
      const values = y.dataSync();
      for (const v of values) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      tf.dispose([x, encoded, z, decoded, y]);
    } finally {
      disposeAutoencoder(ae);
    }
  });
});

describe('describeArchitecture against hand counts', () => {
  it('vanilla, k = 32: 784·32 + 32 + 32·784 + 784 parameters', () => {
    const arch = describeArchitecture({ ...base, kind: 'vanilla', codeSize: 32 });
    expect(arch.paramCount).toBe(50992);
    expect(arch.encoder).toHaveLength(1);
    expect(arch.decoder).toHaveLength(1);
    expect(arch.encoder[0].code).toBe(true);
    expect(arch.compressionRatio).toBe(24.5);
  });

  it('conv [16, 8], k = 2', () => {
    const arch = describeArchitecture({ ...base, kind: 'conv', filters: [16, 8], codeSize: 2 });
    // conv 1→16 (160), conv 16→8 (1160), dense 392→2 (786),
    // dense 2→392 (1176), conv 8→8 (584), conv 8→16 (1168), conv 16→1 (145).
    expect(arch.encoder.map((l) => l.params)).toEqual([160, 0, 1160, 0, 786]);
    expect(arch.decoder.map((l) => l.params)).toEqual([1176, 584, 0, 1168, 0, 145]);
    expect(arch.paramCount).toBe(5179);
    expect(arch.encoder.map((l) => l.shape)).toEqual([[28, 28, 16], [14, 14, 16], [14, 14, 8], [7, 7, 8], [2]]);
    expect(arch.decoder[0].shape).toEqual([7, 7, 8]);
    expect(arch.decoder[arch.decoder.length - 1].shape).toEqual([28, 28, 1]);
  });

  it('vae [128, 64], k = 2: two heads of the same size', () => {
    const arch = describeArchitecture({ ...base, kind: 'vae', hidden: [128, 64], codeSize: 2 });
    expect(arch.encoder.map((l) => l.params)).toEqual([784 * 128 + 128, 128 * 64 + 64, 64 * 2 + 2, 64 * 2 + 2]);
    expect(arch.decoder.map((l) => l.params)).toEqual([2 * 64 + 64, 64 * 128 + 128, 128 * 784 + 784]);
    expect(arch.encoder.filter((l) => l.code).map((l) => l.label)).toEqual([
      expect.stringMatching(/mean/),
      expect.stringMatching(/log-variance/),
    ]);
  });

  it('the denoising kind follows its body', () => {
    const dense = describeArchitecture({ ...base, kind: 'denoising', body: 'dense', hidden: [64] });
    const deep = describeArchitecture({ ...base, kind: 'deep', hidden: [64] });
    expect(dense.paramCount).toBe(deep.paramCount);
    const conv = describeArchitecture({ ...base, kind: 'denoising', body: 'conv', filters: [4] });
    const plainConv = describeArchitecture({ ...base, kind: 'conv', filters: [4] });
    expect(conv.paramCount).toBe(plainConv.paramCount);
    expect(conv.paramCount).not.toBe(dense.paramCount);
  });
});

describe('codeBits', () => {
  it('weighs the code in bits at float32 and float16 against the 8-bit image', () => {
    expect(codeBits(32)).toEqual({ image: 6272, float32: 1024, float16: 512 });
    expect(codeBits(1)).toEqual({ image: 6272, float32: 32, float16: 16 });
    // Even the widest code (k = 128: 2,048 bits at float16) weighs less than the image.
    expect(codeBits(128).float16).toBeLessThan(codeBits(128).image);
  });
});

describe('summarize', () => {
  it('lists encoder and decoder layers with their output shapes and parameters', () => {
    const ae = buildAutoencoder({ ...base, kind: 'deep', hidden: [20], codeSize: 4 });
    try {
      const { encoder, decoder } = summarize(ae);
      const dense = (l: { name: string }) => l.name === 'Dense';
      expect(encoder.filter(dense).map((l) => [l.shape, l.params])).toEqual([
        [[20], 784 * 20 + 20],
        [[4], 20 * 4 + 4],
      ]);
      expect(decoder.filter(dense).map((l) => [l.shape, l.params])).toEqual([
        [[20], 4 * 20 + 20],
        [[784], 20 * 784 + 784],
      ]);
      const total = [...encoder, ...decoder].reduce((s, l) => s + l.params, 0);
      expect(total).toBe(ae.paramCount);
    } finally {
      disposeAutoencoder(ae);
    }
  });
});
