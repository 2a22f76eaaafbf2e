/**
 * Model files in TF.js's own Layers format (model.json + a weights file,
 * which TensorFlow's converter turns into Keras): the end-to-end model is
 * saved through tf.io, and saved weights are read back into a model built
 * from the same settings, after weightMismatch() has checked that they fit.
 */
import * as tf from '../shared/tf';
import type { Autoencoder } from './autoencoder';
import { weightMismatch, type SavedWeight, type SavedWeights } from './weight-check';

/** What tf.io saves of a Layers model (its topology and weights), as plain data. */
export interface LayersArtifacts extends SavedWeights {
  modelTopology: object;
  format: string;
  generatedBy: string;
  convertedBy: string | null;
}

/** The model's topology and weights, as tf.io saves them. */
export async function exportModel(ae: Autoencoder): Promise<LayersArtifacts> {
  let saved: tf.io.ModelArtifacts | null = null;
  await ae.autoencoder.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = saved as tf.io.ModelArtifacts | null;
  if (!a?.modelTopology || !a.weightSpecs || !a.weightData) throw new Error('the model could not be saved');
  const data = a.weightData;
  // tf.io may split the weights into several buffers; a file holds one.
  const weightData = data instanceof ArrayBuffer ? data : tf.io.concatenateArrayBuffers(data);
  return {
    modelTopology: a.modelTopology as object,
    weightSpecs: a.weightSpecs.map(({ name, shape, dtype }) => ({ name, shape, dtype: dtype ?? 'float32' })),
    weightData,
    format: a.format ?? 'layers-model',
    generatedBy: a.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: a.convertedBy ?? null,
  };
}

/** The model's weight shapes, in the order tf.io saves them. */
export function modelWeightShapes(ae: Autoencoder): number[][] {
  return ae.autoencoder.weights.map((w) => w.shape.map((d) => d ?? 0));
}

/** Puts saved weights into a model built from the same settings; throws, changing nothing, if they do not fit. */
export function loadWeights(ae: Autoencoder, specs: SavedWeight[], data: ArrayBuffer): void {
  const mismatch = weightMismatch(modelWeightShapes(ae), specs, data.byteLength);
  if (mismatch) throw new Error(`this model file does not fit: ${mismatch}`);
  // Checked on the buffer itself (float32 throughout, as weightMismatch made sure), before any tensor exists.
  if (!new Float32Array(data).every(Number.isFinite))
    throw new Error('this model file does not fit: some of its weights are not finite numbers');
  const named = tf.io.decodeWeights(
    data,
    specs.map((s) => ({ ...s, dtype: 'float32' as const })),
  );
  try {
    ae.autoencoder.setWeights(specs.map((s) => named[s.name]));
  } finally {
    Object.values(named).forEach((t) => t.dispose());
  }
}
