/**
 * Answers the page's questions about the current run's model (ExploreQuery),
 * one module per kind of question: decode, encode and digits, denoise, the
 * code table (and the test scores from it), PCA, k-means on pixels, and the
 * model itself as a file.
 *
 * Work on the model goes through `exclusive`, between two training steps, in
 * chunks small enough that a hovered point is decoded within one step while
 * a long question (10,000 codes) is being answered. Work on data only (PCA,
 * pixel clusters) runs outside that queue and pauses between chunks, so
 * training goes on.
 */
import type { ErrorPair, ExploreQuery } from '../protocol';
import type { PcaBasis } from '../pca-baseline';
import { answerCodes, answerScores, CodeTables, type CodeTable } from './code-table';
import { answerDecode } from './decode';
import { answerDenoise } from './denoise';
import { answerDigits, answerEncode } from './encode';
import { answerExportModel } from './export-model';
import { ModelAccess, type Answer, type ModelAnswersDeps } from './model-access';
import { PcaAnswers } from './pca';
import { PixelClusters } from './pixel-clusters';

export type { ModelAnswersDeps } from './model-access';

export class ModelAnswers {
  private readonly access: ModelAccess;
  private readonly tables: CodeTables;
  private readonly pca: PcaAnswers;
  private readonly pixelClusters: PixelClusters;

  constructor(deps: ModelAnswersDeps) {
    this.access = new ModelAccess(deps);
    this.tables = new CodeTables(this.access);
    this.pca = new PcaAnswers(this.access);
    this.pixelClusters = new PixelClusters(this.access);
  }

  /** Codes and errors of the first `count` test digits (kept until the model's next step). */
  codeTable(runId: number, count: number): Promise<CodeTable> {
    return this.tables.get(runId, count);
  }

  /** The principal components of the training set, fitted once. */
  pcaBasis(): Promise<PcaBasis> {
    return this.pca.pcaBasis();
  }

  /** PCA's test errors with k components (cached per k). */
  pcaTestErrors(k: number): Promise<ErrorPair> {
    return this.pca.pcaTestErrors(k);
  }

  /** The least BCE per pixel any reconstruction can reach on the test set. */
  bceFloor(): number {
    return this.pca.bceFloor();
  }

  /** The answer to one query, with the step of the model that gave it and the buffers to transfer. */
  async answer(runId: number, query: ExploreQuery): Promise<Answer> {
    const { access } = this;
    access.data();
    switch (query.kind) {
      case 'decode':
        return answerDecode(access, runId, query);
      case 'encode':
        return answerEncode(access, runId, query);
      case 'digits':
        return answerDigits(access, runId, query);
      case 'denoise':
        return answerDenoise(access, runId, query);
      case 'codes':
        return answerCodes(access, this.tables, runId, query);
      case 'scores':
        return answerScores(access, this.tables, runId);
      case 'pca':
        return this.pca.answer(this.tables, runId, query);
      case 'pixel-clusters':
        return this.pixelClusters.answer(runId, query);
      case 'export-model':
        return answerExportModel(access, runId);
    }
  }
}
