/**
 * Codes and per-image errors of the first test digits, for the application
 * panels (retrieval, clustering, anomalies, generation) and the PCA
 * comparison. Measured in chunks, each between two training steps, and
 * kept until the model takes another step.
 */
import { meanErrors, scoreImages, type ImageErrors } from '../image-errors';
import type { ExploreQuery, ExploreResult } from '../protocol';
import type { Trainer } from '../trainer';
import { CHUNK, NO_MODEL, type Answer, type ModelAccess } from './model-access';

/** Codes and per-image errors (per pixel) of the first `count` digits of a split. */
export type CodeTable = ImageErrors & { codes: Float32Array };

export class CodeTables {
  private cached: { trainer: Trainer; step: number; count: number; table: Promise<CodeTable> } | null = null;

  constructor(private readonly access: ModelAccess) {}

  /**
   * The table of the first `count` test digits. While training runs, chunks
   * come from successive steps; if the model is replaced in between, the
   * table fails and is not kept.
   */
  get(runId: number, count: number): Promise<CodeTable> {
    const trainer = this.access.deps.trainer(runId);
    if (!trainer) return Promise.reject(new Error(NO_MODEL));
    const split = this.access.data().test;
    const n = Math.min(count, split.count);
    const k = trainer.config.codeSize;
    const cached = this.cached;
    if (cached && cached.trainer === trainer && cached.step === trainer.step && cached.count >= n) {
      return cached.table.then((t) => ({ codes: t.codes.subarray(0, n * k), bce: t.bce.subarray(0, n), mse: t.mse.subarray(0, n) }));
    }
    const table = scoreImages(trainer.model, split, {
      count: n,
      chunk: CHUNK,
      codes: true,
      run: (work) =>
        this.access.withModel(runId, (t) => {
          if (t !== trainer) throw new Error('the model changed: ask again');
          return work();
        }),
    }) as Promise<CodeTable>;
    this.cached = { trainer, step: trainer.step, count: n, table };
    table.catch(() => {
      if (this.cached?.table === table) this.cached = null;
    });
    return table;
  }
}

export async function answerCodes(
  access: ModelAccess,
  tables: CodeTables,
  runId: number,
  query: Extract<ExploreQuery, { kind: 'codes' }>,
): Promise<Answer> {
  const test = access.data().test;
  const trainer = access.deps.trainer(runId);
  const step = trainer?.step ?? 0;
  const table = await tables.get(runId, query.count);
  const loss = trainer?.config.loss ?? 'bce';
  const n = table.bce.length;
  const result: ExploreResult = {
    kind: 'codes',
    codes: table.codes.slice(),
    labels: test.labels.slice(0, n),
    errors: (loss === 'bce' ? table.bce : table.mse).slice(),
    loss,
  };
  return { result, step, transfer: [result.codes.buffer, result.labels.buffer, result.errors.buffer] };
}

/** The model's mean BCE and MSE per pixel over the whole test set (from the same table). */
export async function answerScores(access: ModelAccess, tables: CodeTables, runId: number): Promise<Answer> {
  const test = access.data().test;
  const step = access.deps.trainer(runId)?.step ?? 0;
  const table = await tables.get(runId, test.count);
  const result: ExploreResult = { kind: 'scores', errors: meanErrors(table), count: table.bce.length };
  return { result, step, transfer: [] };
}
