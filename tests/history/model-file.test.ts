/** Reading model files: the fixture set of good and bad files, each with its own message. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_BYTES, ModelFileError, fileBase, modelJson, readModelFiles, type PickedFile } from '../../src/history/model-file';
import { weightShapes } from '../../src/model/weight-check';
import { DEFAULT_SETTINGS } from '../../src/state/url-state';

const DIR = 'tests/fixtures/model-files';

const bytesFile = (name: string, bytes: Uint8Array): PickedFile => ({
  name,
  size: bytes.byteLength,
  arrayBuffer: async () => bytes.slice().buffer,
});
const fixture = (name: string) => bytesFile(name, new Uint8Array(readFileSync(`${DIR}/${name}`)));
const read = (...names: string[]) => readModelFiles(names.map(fixture));

describe('readModelFiles', () => {
  it('reads a playground model: its settings, name and weights', async () => {
    const model = await read('digits.json', 'digits.weights.bin');
    expect(model.settings).toMatchObject({ kind: 'vanilla', codeSize: 2, epochs: 1 });
    expect(model.name).toBe('Vanilla, code 2 (fixture)');
    expect(model.weightSpecs.map((w) => w.shape)).toEqual(weightShapes(model.settings));
    expect(model.weightData.byteLength).toBe(15_688);
    // In either order.
    expect((await read('digits.weights.bin', 'digits.json')).settings.codeSize).toBe(2);
  });

  const BAD: [string, string[], RegExp][] = [
    [
      'a truncated weights file',
      ['truncated.json', 'truncated.weights.bin'],
      /has 4,000 bytes where the model needs 15,688: it is truncated/,
    ],
    ['a model of another shape', ['other-shape.json', 'digits.weights.bin'], /does not fit: .*model of another shape/],
    [
      'another input size',
      ['other-input.json', 'digits.weights.bin'],
      /inputs of 3,072 numbers \(32 × 32 × 3\); the playground’s digits have 784/,
    ],
    ['JSON that is not a model', ['not-a-model.json'], /is JSON, but not a TF\.js model/],
    ['text that is not JSON', ['not-json.json'], /is not JSON text/],
    ['a picture renamed', ['picture.json'], /is a PNG picture, not a model file/],
    ['an empty file', ['empty.json'], /empty\.json is empty/],
    ['model.json without its weights', ['digits.json'], /weights file digits\.weights\.bin is missing/],
    ['weights without model.json', ['digits.weights.bin', 'truncated.weights.bin'], /None of the chosen files is a model\.json/],
    ['nothing', [], /Choose the model’s two files/],
  ];
  for (const [what, names, message] of BAD) {
    it(`refuses ${what}, saying why`, async () => {
      const attempt = read(...names);
      await expect(attempt).rejects.toBeInstanceOf(ModelFileError);
      await expect(read(...names)).rejects.toThrow(message);
    });
  }

  it('refuses a huge file by its size, without reading it', async () => {
    let read = false;
    const huge: PickedFile = {
      name: 'model.json',
      size: MAX_JSON_BYTES * 20,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    };
    await expect(readModelFiles([huge])).rejects.toThrow(/is 40\.0 MB, far larger than a model\.json/);
    expect(read).toBe(false);
  });

  it('refuses a model with settings it cannot use, or none', async () => {
    const text = readFileSync(`${DIR}/digits.json`, 'utf8');
    const bad = text.replace('kind=vanilla', 'kind=transformer');
    await expect(readModelFiles([bytesFile('m.json', new TextEncoder().encode(bad)), fixture('digits.weights.bin')])).rejects.toThrow(
      /settings the playground cannot use: kind=transformer is not valid/,
    );
    const json = JSON.parse(text);
    delete json.userDefinedMetadata;
    const plain = new TextEncoder().encode(JSON.stringify(json));
    await expect(readModelFiles([bytesFile('keras.json', plain), fixture('digits.weights.bin')])).rejects.toThrow(
      /not one the playground saved/,
    );
  });

  it('refuses weights that are not finite numbers', async () => {
    const weights = new Uint8Array(readFileSync(`${DIR}/digits.weights.bin`));
    new Float32Array(weights.buffer, weights.byteOffset, 4)[3] = NaN;
    await expect(readModelFiles([fixture('digits.json'), bytesFile('digits.weights.bin', weights)])).rejects.toThrow(
      /not finite: it is damaged/,
    );
  });
});

describe('modelJson', () => {
  it('writes the Layers format with a manifest naming the weights file and the settings in its metadata', () => {
    const text = modelJson(
      {
        modelTopology: { class_name: 'Functional' },
        weightSpecs: [{ name: 'w', shape: [1], dtype: 'float32' }],
        format: 'layers-model',
        generatedBy: 'g',
        convertedBy: null,
      },
      { settings: { ...DEFAULT_SETTINGS, codeSize: 4 }, name: 'Run', step: 12, savedAt: 5 },
      'run.weights.bin',
    );
    const json = JSON.parse(text);
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toEqual([{ paths: ['run.weights.bin'], weights: [{ name: 'w', shape: [1], dtype: 'float32' }] }]);
    expect(json.userDefinedMetadata.playground).toMatchObject({ name: 'Run', step: 12, savedAt: 5 });
    expect(json.userDefinedMetadata.playground.settings).toMatch(/(^|&)code=4(&|$)/);
  });

  it('names files after the run', () => {
    expect(fileBase('Vanilla, code 32, BCE, seed 1')).toBe('vanilla-code-32-bce-seed-1');
    expect(fileBase('✨')).toBe('autoencoder');
  });
});
