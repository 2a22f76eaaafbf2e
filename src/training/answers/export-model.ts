/** The model as a file: TF.js's Layers format, topology and weights (the weights' buffer is transferred). */
import { exportModel } from '../../model/model-io';
import type { Answer, ModelAccess } from './model-access';

export function answerExportModel(access: ModelAccess, runId: number): Promise<Answer> {
  return access.withModel(runId, async (t) => {
    const artifacts = await exportModel(t.model);
    return { result: { kind: 'export-model', ...artifacts }, step: t.step, transfer: [artifacts.weightData] };
  });
}
