/**
 * Model files as the page reads and writes them, without TF.js: TF.js's
 * Layers format (a model.json with the topology and a weights manifest,
 * and a binary weights file), with the playground's settings in its
 * `userDefinedMetadata`. Every way a chosen file can be wrong gets its own
 * message, found before anything on the page changes.
 */
import { weightMismatch, weightShapes, type SavedWeight, type SavedWeights } from '../model/weight-check';
import { parseSettings, serializeSettings, type Settings } from '../state/url-state';
import { PIXELS } from '../data/mnist';

/** Larger than any playground model's model.json (a few kB) or weights (at most about 40 MB). */
export const MAX_JSON_BYTES = 2 * 2 ** 20;
export const MAX_WEIGHTS_BYTES = 64 * 2 ** 20;

/** What a model file keeps besides TF.js's own fields. */
export interface PlaygroundMetadata {
  /** The settings as a URL query. */
  settings: string;
  name: string;
  step: number;
  savedAt: number;
}

/** A model read from files or from the browser's store, ready to load. */
export interface ModelFile extends SavedWeights {
  settings: Settings;
  name: string;
  step: number;
  modelTopology: object;
}

/** What the page needs of a chosen file (a File is one). */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

const fail = (message: string): never => {
  throw new ModelFileError(message);
};

const megabytes = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;

const MAGIC: [string, number[]][] = [
  ['a PNG picture', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG picture', [0xff, 0xd8, 0xff]],
  ['a GIF picture', [0x47, 0x49, 0x46, 0x38]],
  ['a WebP picture', [0x52, 0x49, 0x46, 0x46]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a zip archive', [0x50, 0x4b, 0x03, 0x04]],
];

/** What a file's first bytes say it is, when they name a known format. */
function sniff(bytes: Uint8Array): string | null {
  const found = MAGIC.find(([, magic]) => magic.every((b, i) => bytes[i] === b));
  return found ? found[0] : null;
}

const baseName = (path: string) => path.split('/').pop() ?? path;

/** The model's input size, from the first input layer of its topology, if it says. */
function inputShape(topology: unknown): (number | null)[] | null {
  const layers = (topology as { config?: { layers?: { class_name?: string; config?: { batch_input_shape?: unknown } }[] } })?.config
    ?.layers;
  const input = layers?.find((l) => l.class_name === 'InputLayer')?.config?.batch_input_shape;
  return Array.isArray(input) ? (input as (number | null)[]) : null;
}

/** Reads a chosen model.json and its weights file; throws ModelFileError saying what is wrong. */
export async function readModelFiles(files: PickedFile[]): Promise<ModelFile> {
  if (files.length === 0) fail('Choose the model’s two files: its model.json and its weights file (.bin).');
  const json = files.find((f) => /\.json$/i.test(f.name)) ?? (files.length === 1 ? files[0] : null);
  if (!json) fail('None of the chosen files is a model.json: choose it together with its weights file (.bin).');
  const jsonFile = json!;
  if (jsonFile.size === 0) fail(`${jsonFile.name} is empty: it is not a model file.`);
  if (jsonFile.size > MAX_JSON_BYTES) {
    fail(
      `${jsonFile.name} is ${megabytes(jsonFile.size)}, far larger than a model.json (at most ${megabytes(MAX_JSON_BYTES)}): it is not one.`,
    );
  }
  const bytes = new Uint8Array(await jsonFile.arrayBuffer());
  const kind = sniff(bytes);
  if (kind) fail(`${jsonFile.name} is ${kind}, not a model file.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    fail(`${jsonFile.name} is not a model file: it is not JSON text.`);
  }
  const model = parsed as {
    format?: unknown;
    modelTopology?: unknown;
    weightsManifest?: { paths?: unknown; weights?: unknown }[];
    userDefinedMetadata?: { playground?: Partial<PlaygroundMetadata> };
  };
  if (typeof model !== 'object' || model === null || !model.modelTopology || !Array.isArray(model.weightsManifest)) {
    fail(`${jsonFile.name} is JSON, but not a TF.js model: it has no modelTopology and weightsManifest.`);
  }
  if (model.format === 'graph-model') fail(`${jsonFile.name} is a TF.js graph model; the playground opens Layers models it saved.`);
  const shape = inputShape(model.modelTopology);
  const inputs = shape ? shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1) : null;
  if (shape && inputs !== PIXELS) {
    fail(
      `${jsonFile.name} is a model for inputs of ${inputs!.toLocaleString('en-US')} numbers (${shape.slice(1).join(' × ')}); ` +
        `the playground’s digits have ${PIXELS} (28 × 28).`,
    );
  }
  const meta = model.userDefinedMetadata?.playground;
  if (typeof meta?.settings !== 'string') {
    fail(`${jsonFile.name} is a TF.js model, but not one the playground saved: it has no playground settings.`);
  }
  const { settings, problems } = parseSettings(meta!.settings!);
  if (problems.length) fail(`${jsonFile.name} has settings the playground cannot use: ${problems.map((p) => p.message).join('; ')}.`);

  const specs: SavedWeight[] = model.weightsManifest!.flatMap((g) => (Array.isArray(g.weights) ? (g.weights as SavedWeight[]) : []));
  const paths = model.weightsManifest!.flatMap((g) => (Array.isArray(g.paths) ? (g.paths as unknown[]).map(String) : []));
  if (paths.length === 0) fail(`${jsonFile.name} names no weights file.`);
  const parts = paths.map((path) => {
    const file = files.find((f) => f !== jsonFile && f.name === baseName(path));
    if (!file) return fail(`The weights file ${baseName(path)} is missing: choose it together with ${jsonFile.name}.`);
    if (file.size === 0) fail(`${file.name} is empty: the weights are missing.`);
    return file;
  });
  const total = parts.reduce((s, f) => s + f.size, 0);
  if (total > MAX_WEIGHTS_BYTES)
    fail(`The weights are ${megabytes(total)}, more than any playground model has: this is not its weights file.`);
  const mismatch = weightMismatch(weightShapes(settings), specs, total);
  if (mismatch) fail(`${jsonFile.name} does not fit: ${mismatch}.`);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    weightData.set(new Uint8Array(await part.arrayBuffer()), offset);
    offset += part.size;
  }
  const picture = sniff(weightData);
  if (picture) fail(`${parts[0].name} is ${picture}, not a weights file.`);
  if (!new Float32Array(weightData.buffer).every(Number.isFinite))
    fail(`${parts[0].name} holds numbers that are not finite: it is damaged.`);
  return {
    settings,
    name: typeof meta!.name === 'string' ? meta!.name : jsonFile.name.replace(/\.json$/i, ''),
    step: typeof meta!.step === 'number' ? meta!.step : 0,
    modelTopology: model.modelTopology as object,
    weightSpecs: specs,
    weightData: weightData.buffer,
  };
}

/** A file name from a run's name: letters, digits and dashes. */
export function fileBase(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug.slice(0, 60) || 'autoencoder';
}

/** The model.json text of a model (Layers format), naming its weights file. */
export function modelJson(
  artifacts: { modelTopology: object; weightSpecs: SavedWeight[]; format: string; generatedBy: string; convertedBy: string | null },
  meta: { settings: Settings; name: string; step: number; savedAt: number },
  weightsFile: string,
): string {
  const playground: PlaygroundMetadata = { ...meta, settings: serializeSettings(meta.settings) };
  return JSON.stringify({
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [weightsFile], weights: artifacts.weightSpecs }],
    userDefinedMetadata: { playground },
  });
}
