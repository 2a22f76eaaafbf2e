import { beforeAll, describe, expect, it } from 'vitest';
import { trackTensors } from '../helpers/tensors';
import type { Mnist } from '../../src/data/mnist';
import type { ExperimentConfig } from '../../src/model/config';
import { ModelAnswers } from '../../src/training/answers/model-answers';
import { bceFloor } from '../../src/data/pixels';
import type { WorkerReply } from '../../src/training/protocol';
import { Sweep, type SweepRequest } from '../../src/training/sweep';
import { useWasmBackend } from '../helpers/backend';
import { smallMnist } from '../helpers/mnist';
import { testConfig } from '../helpers/config';

const TRAIN = 256;
const TEST = 200;
const BATCH = 64;

const config: ExperimentConfig = testConfig({ batchSize: BATCH, learningRate: 0.01, seed: 4 });

let data: Mnist;
/** Shared by the sweeps below, as in the worker: PCA is fitted once. */
let answers: ModelAnswers;

beforeAll(async () => {
  await useWasmBackend();
  data = smallMnist(TRAIN, TEST);
  answers = new ModelAnswers({ data: () => data, trainer: () => null, exclusive: (fn) => fn(), yieldNow: async () => {} });
});

type SweepReply = Extract<WorkerReply, { type: 'sweep-progress' | 'sweep-point' | 'sweep-done' }>;

/** A clock that moves `ms` forward each time it is read. */
const ticking = (ms: number) => {
  let t = 0;
  return () => (t += ms);
};

/**
 * A sweep whose replies are recorded; `onReply` may act on each (stop the
 * sweep, say). By default the clock moves a second per reading, so that
 * every step reports its progress.
 */
function sweepWith({
  onReply = () => {},
  dataset = () => data,
  now = ticking(1000),
}: { onReply?: (reply: WorkerReply, sweep: Sweep) => void; dataset?: () => Mnist | null; now?: () => number } = {}) {
  const replies: SweepReply[] = [];
  const sweep: Sweep = new Sweep({
    data: dataset,
    post: (reply) => {
      replies.push(reply as SweepReply);
      onReply(reply, sweep);
    },
    exclusive: (fn) => fn(),
    yieldNow: async () => {},
    now,
    answers,
  });
  const of = <T extends SweepReply['type']>(type: T) => replies.filter((r): r is Extract<SweepReply, { type: T }> => r.type === type);
  return { sweep, replies, of };
}

const request = (over: Partial<SweepRequest> = {}): SweepRequest => ({ id: 3, config, codeSizes: [1, 4], epochs: 1, ...over });

describe('Sweep', () => {
  it('trains one model per code size, in order, and reports each beside PCA; then done', async () => {
    const tensors = trackTensors();
    const { sweep, replies, of } = sweepWith();
    const running = sweep.start(request());
    expect(sweep.running).toBe(true);
    await running;
    expect(sweep.running).toBe(false);
    tensors.expectUnchanged();

    const stepsPerModel = Math.floor(TRAIN / BATCH);
    // Progress for each size comes before its point; sizes in the order asked.
    expect(
      replies
        .map((r) => (r.type === 'sweep-progress' ? `progress ${r.codeSize}` : r.type === 'sweep-point' ? `point ${r.codeSize}` : r.type))
        .filter((s, i, all) => s !== all[i - 1]),
    ).toEqual(['progress 1', 'point 1', 'progress 4', 'point 4', 'sweep-done']);
    for (const r of replies) expect(r.id).toBe(3);
    for (const k of [1, 4]) {
      const progress = of('sweep-progress').filter((p) => p.codeSize === k);
      expect(progress.every((p) => p.totalSteps === stepsPerModel)).toBe(true);
      // Steps go up, and the last report is the end of the model's training.
      expect(progress.map((p) => p.step)).toEqual([...progress.map((p) => p.step)].sort((a, b) => a - b));
      expect(progress.at(-1)!.step).toBe(stepsPerModel);
    }

    const points = of('sweep-point');
    expect(points.map((p) => p.codeSize)).toEqual([1, 4]);
    for (const p of points) {
      for (const v of [p.autoencoder.bce, p.autoencoder.mse, p.pca.bce, p.pca.mse, p.bceFloor]) expect(Number.isFinite(v)).toBe(true);
      expect(p.bceFloor).toBe(bceFloor(data.test));
      // No reconstruction beats the floor.
      expect(p.autoencoder.bce).toBeGreaterThan(p.bceFloor);
      expect(p.pca).toEqual(await answers.pcaTestErrors(p.codeSize));
    }
    // A wider code: PCA keeps more of each digit.
    expect(points[1].pca.mse).toBeLessThan(points[0].pca.mse);
    expect(points[1].pca.bce).toBeLessThan(points[0].pca.bce);
    expect(of('sweep-done')).toEqual([{ type: 'sweep-done', id: 3, stopped: false }]);
  });

  it('with training long enough, a wider code gives the autoencoder a lower error too', async () => {
    const { sweep, of } = sweepWith();
    await sweep.start(request({ codeSizes: [1, 16], epochs: 6 }));
    const [narrow, wide] = of('sweep-point');
    expect(wide.autoencoder.mse).toBeLessThan(narrow.autoencoder.mse);
    expect(wide.autoencoder.bce).toBeLessThan(narrow.autoencoder.bce);
  });

  it('stop() mid-sweep ends it with stopped: true and frees the model in training', async () => {
    const tensors = trackTensors();
    const { sweep, of } = sweepWith({
      onReply: (reply, s) => {
        // Another sweep's id leaves this one running; its own id stops it.
        if (reply.type === 'sweep-progress' && reply.step === 1) s.stop(99);
        if (reply.type === 'sweep-progress' && reply.step === 2) s.stop(3);
      },
    });
    await sweep.start(request({ epochs: 5 }));
    expect(of('sweep-progress').map((p) => p.step)).toContain(2);
    expect(of('sweep-progress').every((p) => p.codeSize === 1 && p.step <= 3)).toBe(true);
    expect(of('sweep-point')).toEqual([]);
    expect(of('sweep-done')).toEqual([{ type: 'sweep-done', id: 3, stopped: true }]);
    expect(sweep.running).toBe(false);
    tensors.expectUnchanged();
  });

  it('a new sweep stops the one in progress', async () => {
    const tensors = trackTensors();
    let second: Promise<void> | null = null;
    const { sweep, of } = sweepWith({
      onReply: (reply, s) => {
        if (reply.type === 'sweep-progress' && reply.id === 3 && !second) second = s.start(request({ id: 4, codeSizes: [2] }));
      },
    });
    const first = sweep.start(request({ epochs: 5 }));
    await first;
    await second;
    expect(of('sweep-done')).toEqual([
      { type: 'sweep-done', id: 3, stopped: true },
      { type: 'sweep-done', id: 4, stopped: false },
    ]);
    expect(of('sweep-point').map((p) => [p.id, p.codeSize])).toEqual([[4, 2]]);
    tensors.expectUnchanged();
  });

  it('reports progress at most every 250 ms, and always at the end of a model', async () => {
    // 100 ms per step: steps 1, 4, 7, … then the last.
    const { sweep, of } = sweepWith({ now: ticking(100) });
    await sweep.start(request({ codeSizes: [2], epochs: 3 }));
    expect(of('sweep-progress').map((p) => p.step)).toEqual([1, 4, 7, 10, 12]);
  });

  it('invalid epochs or code sizes end the sweep at once, with a message', async () => {
    const tensors = trackTensors();
    const cases: [Partial<SweepRequest>, RegExp][] = [
      [{ epochs: 0 }, /epochs must be a whole number from 1 to 100/],
      [{ epochs: 1.5 }, /epochs/],
      [{ epochs: 101 }, /epochs/],
      [{ codeSizes: [] }, /code sizes must be whole numbers from 1 to 128/],
      [{ codeSizes: [0, 4] }, /code sizes/],
      [{ codeSizes: [4, 129] }, /code sizes/],
      [{ codeSizes: [2.5] }, /code sizes/],
    ];
    for (const [over, message] of cases) {
      const { sweep, replies } = sweepWith();
      await sweep.start(request(over));
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatchObject({ type: 'sweep-done', id: 3, stopped: true });
      expect((replies[0] as Extract<SweepReply, { type: 'sweep-done' }>).message).toMatch(message);
    }
    const { sweep, replies } = sweepWith({ dataset: () => null });
    await sweep.start(request());
    expect(replies).toEqual([
      { type: 'sweep-done', id: 3, stopped: true, message: 'The sweep stopped: the MNIST digits are not loaded yet.' },
    ]);
    tensors.expectUnchanged();
  });

  it('a diverging model ends the sweep with a message, its model freed', async () => {
    const tensors = trackTensors();
    const { sweep, of } = sweepWith();
    await sweep.start(request({ config: { ...config, kind: 'vae', learningRate: 1e6 }, codeSizes: [2], epochs: 20 }));
    const done = of('sweep-done');
    expect(done).toHaveLength(1);
    expect(done[0].stopped).toBe(true);
    expect(done[0].message).toMatch(/code of 2 diverged .*lower the learning rate/);
    expect(of('sweep-point')).toEqual([]);
    tensors.expectUnchanged();
  });

  it('trainDigits limits the digits each model trains on: floor(trainDigits / batch) × epochs steps', async () => {
    const { sweep, of } = sweepWith();
    await sweep.start(request({ codeSizes: [2], epochs: 3, trainDigits: 150 }));
    const progress = of('sweep-progress');
    expect(progress.every((p) => p.totalSteps === Math.floor(150 / BATCH) * 3)).toBe(true);
    expect(progress.at(-1)!.step).toBe(6);
    expect(of('sweep-done')).toEqual([{ type: 'sweep-done', id: 3, stopped: false }]);

    // More than there are: all of them.
    const all = sweepWith();
    await all.sweep.start(request({ codeSizes: [2], epochs: 1, trainDigits: 10 * TRAIN }));
    expect(all.of('sweep-progress').at(-1)).toMatchObject({ step: TRAIN / BATCH, totalSteps: TRAIN / BATCH });
  });
});
