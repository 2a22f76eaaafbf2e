/**
 * Model files on the page: the current model saved in the browser (beside
 * its run in the history) or downloaded in TF.js's Layers format, and a
 * model opened from files or from the history. A model is checked in full
 * (history/model-file.ts) before the page changes anything; loading sets
 * the page to the model's settings and starts a paused run from its weights.
 */
import { fileBase, modelJson, readModelFiles, ModelFileError, type ModelFile, type PickedFile } from '../history/model-file';
import type { StoredModel } from '../history/run-db';
import { weightMismatch, weightShapes } from '../model/weight-check';
import { downloadBlob } from '../shared/snapshot-image';
import { parseSettings, serializeSettings, type Settings } from '../state/url-state';
import type { ExploreResult } from '../training/protocol';
import { historyStore } from './history-store';
import { modelIdentity } from './model-identity';
import { runStore } from './run-store';

type Exported = Extract<ExploreResult, { kind: 'export-model' }>;

const kilobytes = (n: number) => `${(n / 1024).toFixed(n < 10_240 ? 1 : 0)} kB`;

/** The current run's model and what it was trained with. */
async function current(): Promise<{ model: Exported; settings: Settings; step: number; runId: number }> {
  const view = runStore.getSnapshot();
  if (!view.runConfig) throw new Error('there is no model yet: press Train first');
  const answer = await runStore.explore({ kind: 'export-model' });
  const settings: Settings = {
    ...view.runConfig,
    backend: 'auto',
    dataset: view.runConfig.dataset ?? 'mnist',
    sparsity: view.runConfig.sparsity ?? 0,
  };
  return { model: answer.result, settings, step: answer.step, runId: answer.runId };
}

function nameOf(runId: number, settings: Settings): string {
  const kept = historyStore.getSnapshot().runs.find((r) => r.id === historyStore.idOf(runId));
  return kept?.name ?? `${settings.kind} autoencoder, code ${settings.codeSize}`;
}

/** Downloads the current model as model.json and its weights file; says what was written. */
export async function downloadModel(): Promise<string> {
  const { model, settings, step, runId } = await current();
  const name = nameOf(runId, settings);
  const base = fileBase(name);
  const json = modelJson(model, { settings, name, step, savedAt: Date.now() }, `${base}.weights.bin`);
  const files: [string, Blob][] = [
    [`${base}.json`, new Blob([json], { type: 'application/json' })],
    [`${base}.weights.bin`, new Blob([model.weightData], { type: 'application/octet-stream' })],
  ];
  for (const [file, blob] of files) downloadBlob(blob, file);
  return `Downloaded ${files.map(([f, b]) => `${f} (${kilobytes(b.size)})`).join(' and ')}, the model at step ${step}.`;
}

/** Keeps the current model in the browser, with its run in the history. */
export async function keepModel(): Promise<string> {
  const view = runStore.getSnapshot();
  if (view.step === 0) throw new Error('train the model first: an untrained model is not worth keeping');
  const { model, settings, step, runId } = await current();
  const id = historyStore.idOf(runId);
  // The run is kept as it stands first, so that the model has a run to belong to.
  if (runStore.getSnapshot().runId === runId) await historyStore.save(runStore.getSnapshot());
  const stored: StoredModel = {
    id,
    savedAt: Date.now(),
    modelTopology: model.modelTopology,
    weightSpecs: model.weightSpecs,
    weightData: model.weightData,
    settings: serializeSettings(settings),
    format: model.format,
    generatedBy: model.generatedBy,
    convertedBy: model.convertedBy,
  };
  await historyStore.saveModel(stored);
  const error = historyStore.getSnapshot().error;
  if (error) throw new Error(error);
  return `The model at step ${step} is kept in this browser with its run, ${nameOf(runId, settings)} (${kilobytes(model.weightData.byteLength)}).`;
}

/** Starts a paused run from a model, with the page set to its settings. */
function load(model: ModelFile, update: (s: Partial<Settings>) => void): string {
  // The page keeps its backend: a model file says what was trained, not where.
  const trained: Partial<Settings> = { ...model.settings };
  delete trained.backend;
  update(trained);
  // The model's data first: the run below waits for them, and the page's own switch then has nothing to do.
  runStore.setDataset(model.settings.dataset);
  const runId = runStore.load(model.settings, modelIdentity(model.settings), {
    weightSpecs: model.weightSpecs,
    weightData: model.weightData,
  });
  historyStore.nameRun(runId, `${model.name}, trained on`);
  return `Opened ${model.name} (saved at step ${model.step}): the views show it, paused. Press Resume to train it on.`;
}

/** Opens model files chosen from disk; throws ModelFileError (nothing changed) if they are not a playground model. */
export async function openModelFiles(files: PickedFile[], update: (s: Partial<Settings>) => void): Promise<string> {
  return load(await readModelFiles(files), update);
}

/** Opens the model kept with run `id` in the history. */
export async function openKeptModel(id: string, update: (s: Partial<Settings>) => void): Promise<string> {
  const stored = await historyStore.model(id);
  if (!stored) throw new ModelFileError('This run’s model is no longer in the browser.');
  const { settings, problems } = parseSettings(stored.settings);
  const mismatch = weightMismatch(weightShapes(settings), stored.weightSpecs, stored.weightData.byteLength);
  if (problems.length || mismatch) throw new ModelFileError(`The kept model cannot be opened: ${mismatch ?? problems[0].message}.`);
  const run = historyStore.getSnapshot().runs.find((r) => r.id === id);
  return load(
    {
      settings,
      name: run?.name ?? 'the kept model',
      step: run?.steps ?? 0,
      modelTopology: stored.modelTopology,
      weightSpecs: stored.weightSpecs,
      weightData: stored.weightData,
    },
    update,
  );
}
