/**
 * PCA beside the autoencoder: the principal components of the training set,
 * fitted once, PCA's test errors per k, and the BCE floor. This is work on
 * data only: it runs outside the model's queue and pauses between chunks,
 * so training goes on.
 */
import { gatherImages } from '../../data/mnist';
import { bceFloor, toBytes } from '../../data/pixels';
import { meanErrors } from '../image-errors';
import { explainedVariance, fitPca, pcaReconstruct, pcaTestErrors, type PcaBasis } from '../pca-baseline';
import type { ErrorPair, ExploreQuery, ExploreResult } from '../protocol';
import type { CodeTables } from './code-table';
import { checkIndices, type Answer, type ModelAccess } from './model-access';

/** How many principal components are fitted (the bottleneck slider's maximum). */
export const PCA_COMPONENTS = 128;

export class PcaAnswers {
  private basis: Promise<PcaBasis | null> | null = null;
  private readonly errors = new Map<number, Promise<ErrorPair | null>>();
  private floor: number | null = null;

  constructor(private readonly access: ModelAccess) {}

  /** The principal components of the training set, fitted once (a few seconds, in chunks, while training goes on). */
  pcaBasis(): Promise<PcaBasis> {
    let basis = this.basis;
    if (!basis) {
      basis = fitPca(this.access.data().train, PCA_COMPONENTS, { pause: this.access.pause });
      this.basis = basis;
      basis.catch(() => (this.basis = null));
    }
    return basis.then((b) => {
      if (!b) throw new Error('PCA was interrupted');
      return b;
    });
  }

  /** PCA's test errors with k components (cached per k). */
  pcaTestErrors(k: number): Promise<ErrorPair> {
    let errors = this.errors.get(k);
    if (!errors) {
      errors = this.pcaBasis().then((basis) => pcaTestErrors(basis, k, this.access.data().test, { pause: this.access.pause }));
      errors.catch(() => this.errors.delete(k));
      this.errors.set(k, errors);
    }
    return errors.then((e) => {
      if (!e) throw new Error('PCA was interrupted');
      return e;
    });
  }

  /** The least BCE per pixel any reconstruction can reach on the test set. */
  bceFloor(): number {
    const floor = this.floor ?? bceFloor(this.access.data().test);
    this.floor = floor;
    return floor;
  }

  /** PCA with the model's code size against the model, on the test set. */
  async answer(tables: CodeTables, runId: number, query: Extract<ExploreQuery, { kind: 'pca' }>): Promise<Answer> {
    const test = this.access.data().test;
    checkIndices(test, query.indices);
    const trainer = this.access.trainer(runId);
    const k = trainer.config.codeSize;
    if (query.k !== k) throw new RangeError(`the model's code has ${k} numbers, not ${query.k}`);
    const basis = await this.pcaBasis();
    const step = trainer.step;
    const [pca, table] = await Promise.all([this.pcaTestErrors(k), tables.get(runId, test.count)]);
    const images = gatherImages(test, query.indices);
    const outputs = toBytes(pcaReconstruct(basis, k, images, query.indices.length));
    const result: ExploreResult = {
      kind: 'pca',
      k,
      outputs,
      pca,
      autoencoder: meanErrors(table),
      bceFloor: this.bceFloor(),
      explained: explainedVariance(basis, k),
    };
    return { result, step, transfer: [outputs.buffer] };
  }
}
