/**
 * The URL is the experiment. One table of typed fields parses and serialises
 * the query string; each field has a default and a validator. Parsing never
 * throws: an invalid value falls back to its default and is reported, so the
 * page can say which part of a link it ignored. Pure string functions, no DOM.
 */
import { BODIES, KINDS, LOSSES, type AutoencoderKind, type ExperimentConfig } from '../model/config';
import { BACKEND_CHOICES, type BackendChoice } from '../shared/backends';
import { DATASETS, type DatasetName } from '../data/datasets';
import { VIEW_PARAM_NAMES } from './view-params';

export interface Settings extends ExperimentConfig {
  /** Which TF.js backend to use; 'auto' picks the fastest for this machine. */
  backend: BackendChoice;
  dataset: DatasetName;
  /** Always in a link (0: off), though a kept run may lack it. */
  sparsity: number;
}

export const DEFAULT_SETTINGS: Settings = {
  kind: 'vanilla',
  codeSize: 32,
  hidden: [128, 64],
  filters: [16, 8],
  body: 'dense',
  loss: 'bce',
  noise: 0.5,
  beta: 1,
  sparsity: 0,
  seed: 1,
  learningRate: 0.002,
  batchSize: 128,
  epochs: 10,
  backend: 'auto',
  dataset: 'mnist',
};

/** The settings whose default depends on the kind. */
type KindDefaults = Pick<Settings, 'learningRate' | 'batchSize' | 'hidden' | 'codeSize'>;

/**
 * Settings whose good default depends on the kind, chosen with
 * `npm run bench:quality` (test-set figures in the README):
 * - conv: about 10× slower per sample than the dense kinds on a CPU, so
 *   smaller batches (more updates per second) and a larger step: over its
 *   first 15 s on WASM, lr 0.005 with batch 32 reached a training BCE of
 *   0.138 against 0.266 with lr 0.002 and batch 128.
 * - deep: test BCE after 20 epochs 0.0807 with lr 0.002 and batch 128,
 *   0.0810 with lr 0.004, 0.0822 with lr 0.001; 0.0795 with lr 0.0015 and
 *   batch 64 (the target, Keras's 0.08 after 100 epochs, is reached at 17).
 * - denoising (noise 0.5): a denoiser needs room to guess what the noise
 *   hides. Test MSE against the clean digits after 12 epochs: 0.0174 with
 *   128-64 and a code of 32 or 64, 0.0151 with 256-128 and a code of 64.
 */
export const KIND_DEFAULTS: Record<AutoencoderKind, KindDefaults> = {
  vanilla: { learningRate: 0.002, batchSize: 128, hidden: [128, 64], codeSize: 32 },
  deep: { learningRate: 0.0015, batchSize: 64, hidden: [128, 64], codeSize: 32 },
  conv: { learningRate: 0.005, batchSize: 32, hidden: [128, 64], codeSize: 32 },
  denoising: { learningRate: 0.002, batchSize: 128, hidden: [256, 128], codeSize: 64 },
  vae: { learningRate: 0.002, batchSize: 128, hidden: [128, 64], codeSize: 32 },
};

/** The defaults of every setting for one kind. */
export function defaultsFor(kind: AutoencoderKind): Settings {
  const own = KIND_DEFAULTS[kind];
  return {
    ...DEFAULT_SETTINGS,
    filters: [...DEFAULT_SETTINGS.filters],
    kind,
    ...own,
    hidden: [...own.hidden],
  };
}

/**
 * The change that switches to another kind: kind-dependent settings still at
 * the old kind's default move to the new kind's; values the user chose stay.
 */
export function switchKind(settings: Settings, kind: AutoencoderKind): Partial<Settings> {
  const patch: Partial<Settings> = { kind };
  const from = KIND_DEFAULTS[settings.kind];
  const to = KIND_DEFAULTS[kind];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of Object.keys(to) as (keyof KindDefaults)[]) {
    if (same(settings[key], from[key]) && !same(from[key], to[key])) {
      (patch as Record<string, unknown>)[key] = Array.isArray(to[key]) ? [...(to[key] as number[])] : to[key];
    }
  }
  return patch;
}

export interface UrlProblem {
  param: string;
  value: string;
  message: string;
}

interface Field<K extends keyof Settings> {
  param: string;
  prop: K;
  /** Returns the value, or a description of what is valid. */
  parse(raw: string): { ok: true; value: Settings[K] } | { ok: false; expected: string };
  format(value: Settings[K]): string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function integer(min: number, max: number) {
  return (raw: string) => {
    const v = Number(raw);
    return /^[+-]?\d+$/.test(raw.trim()) && v >= min && v <= max
      ? { ok: true as const, value: v === 0 ? 0 : v } // -0 reads as 0
      : { ok: false as const, expected: `a whole number from ${min} to ${max}` };
  };
}

function decimal(min: number, max: number, minExclusive = false) {
  return (raw: string) => {
    const v = Number(raw);
    const aboveMin = minExclusive ? v > min : v >= min;
    return NUMBER.test(raw.trim()) && aboveMin && v <= max
      ? { ok: true as const, value: v === 0 ? 0 : v } // -0 reads as 0
      : { ok: false as const, expected: `a number ${minExclusive ? 'above' : 'from'} ${min} ${minExclusive ? 'up ' : ''}to ${max}` };
  };
}

/** One of a list of lower-case names; a link's capitals are forgiven (kind=Conv). */
function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string) => {
    const value = raw.trim().toLowerCase();
    return (values as readonly string[]).includes(value)
      ? { ok: true as const, value: value as T }
      : { ok: false as const, expected: `one of ${values.join(', ')}` };
  };
}

function integerList(min: number, max: number, minCount: number, maxCount: number) {
  return (raw: string) => {
    const parts = raw.split(',').map((p) => p.trim());
    const values = parts.map(Number);
    const ok =
      parts.length >= minCount &&
      parts.length <= maxCount &&
      parts.every((p) => /^\d+$/.test(p)) &&
      values.every((v) => v >= min && v <= max);
    return ok
      ? { ok: true as const, value: values }
      : {
          ok: false as const,
          expected: `${minCount === maxCount ? minCount : `${minCount} to ${maxCount}`} comma-separated whole numbers from ${min} to ${max}`,
        };
  };
}

const plain = (v: unknown) => String(v);

/**
 * The largest weight λ of the L1 penalty a link may ask for. The penalty is
 * a mean |z| per code unit against a reconstruction per pixel (about 0.1 for
 * BCE): at λ = 1 the code has all but collapsed (vanilla, code 32, 5 epochs:
 * 83 % of its units near zero, test BCE 0.204 against 0.092 without the
 * penalty), so a larger λ shows nothing new.
 */
export const MAX_SPARSITY = 1;

/** Every setting, its URL parameter and its rule. */
export const FIELDS: Field<keyof Settings>[] = [
  { param: 'kind', prop: 'kind', parse: oneOf(KINDS), format: plain },
  { param: 'code', prop: 'codeSize', parse: integer(1, 128), format: plain },
  { param: 'hidden', prop: 'hidden', parse: integerList(1, 1024, 1, 4), format: (v) => (v as number[]).join(',') },
  { param: 'filters', prop: 'filters', parse: integerList(1, 64, 1, 2), format: (v) => (v as number[]).join(',') },
  { param: 'body', prop: 'body', parse: oneOf(BODIES), format: plain },
  { param: 'loss', prop: 'loss', parse: oneOf(LOSSES), format: plain },
  { param: 'lr', prop: 'learningRate', parse: decimal(0, 10, true), format: plain },
  { param: 'batch', prop: 'batchSize', parse: integer(1, 1024), format: plain },
  { param: 'epochs', prop: 'epochs', parse: integer(1, 500), format: plain },
  { param: 'noise', prop: 'noise', parse: decimal(0, 1), format: plain },
  { param: 'beta', prop: 'beta', parse: decimal(0, 10), format: plain },
  { param: 'l1', prop: 'sparsity', parse: decimal(0, MAX_SPARSITY), format: plain },
  { param: 'seed', prop: 'seed', parse: integer(0, 2147483647), format: plain },
  { param: 'backend', prop: 'backend', parse: oneOf(BACKEND_CHOICES), format: plain },
  { param: 'dataset', prop: 'dataset', parse: oneOf(DATASETS), format: plain },
] as Field<keyof Settings>[];

/**
 * Reads settings from a query string ("?kind=deep&code=8" or without "?").
 * Missing parameters take their defaults silently; invalid or unknown ones
 * are reported.
 */
export function parseSettings(search: string): { settings: Settings; problems: UrlProblem[] } {
  // Parameter names are matched without regard to case (Code=8 works).
  const params = new URLSearchParams();
  const repeated = new Set<string>();
  for (const [name, value] of new URLSearchParams(search)) {
    const key = name.toLowerCase();
    if (params.has(key)) repeated.add(key);
    else params.set(key, value);
  }
  const kindField = FIELDS.find((f) => f.prop === 'kind')!;
  const rawKind = params.get('kind');
  const parsedKind = rawKind === null ? null : kindField.parse(rawKind);
  const defaults = defaultsFor(parsedKind?.ok ? (parsedKind.value as AutoencoderKind) : DEFAULT_SETTINGS.kind);
  const settings: Settings = { ...defaults, hidden: [...defaults.hidden], filters: [...defaults.filters] };
  const problems: UrlProblem[] = [];
  const known = new Set(FIELDS.map((f) => f.param));
  const view = new Set<string>(VIEW_PARAM_NAMES);
  for (const field of FIELDS) {
    const raw = params.get(field.param);
    if (raw === null) continue;
    const result = field.parse(raw);
    if (result.ok) {
      (settings as unknown as Record<string, unknown>)[field.prop] = result.value;
    } else {
      problems.push({
        param: field.param,
        value: raw,
        message: `${field.param}=${raw} is not valid (expected ${result.expected}); using ${field.format(defaults[field.prop])}`,
      });
    }
  }
  for (const param of repeated) {
    if (!known.has(param)) continue;
    problems.push({
      param,
      value: params.get(param) ?? '',
      message: `${param} was given more than once; using the first, ${params.get(param)}`,
    });
  }
  for (const param of new Set(params.keys())) {
    if (!known.has(param) && !view.has(param)) {
      problems.push({ param, value: params.get(param) ?? '', message: `unknown parameter ${param} was ignored` });
    }
  }
  return { settings, problems };
}

/** Writes every setting, defaults included, so that a link stays exact if defaults change. */
export function serializeSettings(settings: Settings): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) params.set(field.param, field.format(settings[field.prop]));
  return params.toString().replace(/%2C/g, ',');
}

/** Settings equal field by field. */
export function sameSettings(a: Settings, b: Settings): boolean {
  return serializeSettings(a) === serializeSettings(b);
}

/** The kinds, for UIs that list them. */
export const KIND_ORDER: readonly AutoencoderKind[] = KINDS;
