/// <reference lib="webworker" />
/**
 * The benchmark's worker: times bare TF.js training loops (no views, no
 * safety copies, one loss read-back per step as the playground does), and
 * trains the playground's Trainer, scoring the test set, until a target or
 * an epoch or time budget is reached (time to quality, and quality), or for
 * a number of epochs to measure how sparse its code is (sparsity).
 */
import * as tf from '../src/shared/tf';
import { loadMnist } from '../src/data/load-mnist';
import { gatherImages, PIXELS, type Mnist } from '../src/data/mnist';
import { buildAutoencoder, disposeAutoencoder, lossTerms } from '../src/model/autoencoder';
import type { ModelConfig } from '../src/model/config';
import { bcePerExample } from '../src/model/losses';
import { createRng, shuffledIndices } from '../src/shared/rng';
import { startBackend, setWasmThreads, wasmThreadCount } from '../src/training/backend';
import { meanErrors, scoreImages } from '../src/training/image-errors';
import { Trainer } from '../src/training/trainer';
import { codeSparsity } from '../src/analysis/code-sparsity';
import type { BackendChoice } from '../src/shared/backends';
import type { BenchModel, BenchReply, BenchRequest } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let data: Promise<Mnist> | null = null;
const mnist = () => (data ??= loadMnist(new URL('data/mnist.bin', `${self.location.origin}/`).href));

async function switchBackend(choice: BackendChoice): Promise<string> {
  const { name } = await startBackend(choice);
  if (choice !== 'auto' && name !== choice) throw new Error(`${choice} did not start (fell back to ${name})`);
  return name;
}

/** The reference conv autoencoder: Conv16-pool-Conv8-pool, mirrored with upsampling. */
function referenceConv(): tf.LayersModel {
  const x = tf.input({ shape: [PIXELS] });
  let h = tf.layers.reshape({ targetShape: [28, 28, 1] }).apply(x) as tf.SymbolicTensor;
  const conv = (filters: number, activation: 'relu' | 'sigmoid') =>
    tf.layers.conv2d({
      filters,
      kernelSize: 3,
      padding: 'same',
      activation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: filters }),
    });
  h = conv(16, 'relu').apply(h) as tf.SymbolicTensor;
  h = tf.layers.maxPooling2d({ poolSize: 2 }).apply(h) as tf.SymbolicTensor;
  h = conv(8, 'relu').apply(h) as tf.SymbolicTensor;
  h = tf.layers.maxPooling2d({ poolSize: 2 }).apply(h) as tf.SymbolicTensor;
  h = conv(8, 'relu').apply(h) as tf.SymbolicTensor;
  h = tf.layers.upSampling2d({ size: [2, 2] }).apply(h) as tf.SymbolicTensor;
  h = conv(16, 'relu').apply(h) as tf.SymbolicTensor;
  h = tf.layers.upSampling2d({ size: [2, 2] }).apply(h) as tf.SymbolicTensor;
  h = conv(1, 'sigmoid').apply(h) as tf.SymbolicTensor;
  h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: x, outputs: h });
}

const REFERENCE_DENSE: ModelConfig = {
  kind: 'deep',
  codeSize: 32,
  hidden: [256],
  filters: [16, 8],
  body: 'dense',
  loss: 'bce',
  noise: 0,
  beta: 1,
  seed: 1,
};

/** A training step function for the model, and how to free it. */
function stepper(model: BenchModel, optimizer: tf.Optimizer): { step: (x: tf.Tensor2D, i: number) => tf.Scalar; dispose: () => void } {
  if (model.type === 'reference-conv') {
    const net = referenceConv();
    return {
      step: (x) =>
        optimizer.minimize(
          () => tf.div(tf.mean(bcePerExample(x, net.apply(x, { training: true }) as tf.Tensor2D)), PIXELS) as tf.Scalar,
          true,
        )!,
      dispose: () => net.dispose(),
    };
  }
  const ae = buildAutoencoder(model.type === 'reference-dense' ? REFERENCE_DENSE : model.config);
  return {
    step: (x, i) => optimizer.minimize(() => lossTerms(ae, x, i + 1, true).total, true, ae.trainableVariables)!,
    dispose: () => disposeAutoencoder(ae),
  };
}

async function throughput(req: Extract<BenchRequest, { type: 'throughput' }>): Promise<BenchReply> {
  const backend = await switchBackend(req.backend);
  const set = await mnist();
  const rng = createRng(7);
  const order = shuffledIndices(set.train.count, rng);
  const optimizer = tf.train.adam(req.model.type === 'playground' ? req.model.config.learningRate : 1e-3);
  const { step, dispose } = stepper(req.model, optimizer);
  const buffer = new Float32Array(req.batchSize * PIXELS);
  const batches = Math.floor(set.train.count / req.batchSize);
  const run = async (i: number) => {
    const b = i % batches;
    const x = tf.tensor2d(gatherImages(set.train, order.subarray(b * req.batchSize, (b + 1) * req.batchSize), buffer), [
      req.batchSize,
      PIXELS,
    ]);
    const cost = step(x, i);
    await cost.data();
    cost.dispose();
    x.dispose();
  };
  try {
    const warmStart = performance.now();
    for (let i = 0; i < 2; i++) await run(i);
    const warmupSeconds = (performance.now() - warmStart) / 1000;
    const start = performance.now();
    let steps = 0;
    while (steps < 3 || performance.now() - start < req.seconds * 1000) await run(2 + steps++);
    const seconds = (performance.now() - start) / 1000;
    return {
      type: 'throughput',
      id: req.id,
      backend,
      threads: backend === 'wasm' ? wasmThreadCount() : 1,
      samplesPerSecond: (steps * req.batchSize) / seconds,
      steps,
      warmupSeconds,
    };
  } finally {
    dispose();
    optimizer.dispose();
  }
}

async function fit(req: Extract<BenchRequest, { type: 'fit' }>): Promise<BenchReply> {
  const backend = await switchBackend(req.backend);
  const trainer = new Trainer(await mnist(), { ...req.config, epochs: req.epochs });
  const curve: { epochs: number; value: number; bce: number; mse: number }[] = [];
  let seconds = 0;
  let best = Infinity;
  try {
    for (;;) {
      const start = performance.now();
      for (let i = 0; i < req.evalEvery && !trainer.finished; i++) {
        const out = await trainer.trainStep();
        if (out.kind === 'diverged') throw new Error(out.message);
      }
      seconds += (performance.now() - start) / 1000;
      // The denoising kind is scored on corrupted inputs against clean images: how well it denoises.
      const noise = trainer.config.kind === 'denoising' ? { std: trainer.config.noise, seed: trainer.config.seed } : undefined;
      const errors = meanErrors((await scoreImages(trainer.model, (await mnist()).test, { chunk: 1000, noise }))!);
      const value = req.metric === 'negElbo' ? (await trainer.evaluate())!.total : errors[req.metric];
      best = Math.min(best, value);
      const epochs = trainer.step / trainer.stepsPerEpoch;
      curve.push({ epochs, value, ...errors });
      const reached = value <= req.target;
      if (reached || trainer.finished || seconds >= (req.maxSeconds ?? Infinity)) {
        return { type: 'fit', id: req.id, backend, reached, epochs, value, best, seconds, curve };
      }
    }
  } finally {
    trainer.dispose();
  }
}

/** The code's sparsity and the reconstruction after `epochs` epochs, over the 10,000 test digits. */
async function sparsity(req: Extract<BenchRequest, { type: 'sparsity' }>): Promise<BenchReply> {
  const backend = await switchBackend(req.backend);
  const set = await mnist();
  const trainer = new Trainer(set, { ...req.config, epochs: req.epochs });
  try {
    const start = performance.now();
    while (!trainer.finished) {
      const out = await trainer.trainStep();
      if (out.kind === 'diverged') throw new Error(out.message);
    }
    const seconds = (performance.now() - start) / 1000;
    const codes = await trainer.codes(Array.from({ length: set.test.count }, (_, i) => i));
    const stats = codeSparsity(codes, req.config.codeSize);
    let fixed = 0;
    for (const v of codes) if (Math.abs(v) < 0.1) fixed++;
    const errors = meanErrors((await scoreImages(trainer.model, set.test, { chunk: 1000 }))!);
    return { type: 'sparsity', id: req.id, backend, ...stats, belowFixed: fixed / codes.length, ...errors, seconds };
  } finally {
    trainer.dispose();
  }
}

/**
 * One matrix product, timed alone (see BenchRequest 'product'). The new
 * operands are made outside the timed span; each call's result is read back,
 * so the time includes the whole product.
 */
async function product(req: Extract<BenchRequest, { type: 'product' }>): Promise<BenchReply> {
  await switchBackend('wasm');
  const a = tf.randomNormal([req.m, req.k]);
  let b = tf.randomNormal([req.k, req.n]);
  const times: number[] = [];
  try {
    for (let i = 0; i < req.calls; i++) {
      if (req.newOperand) {
        const old = b;
        b = tf.add(old, 0);
        old.dispose();
      }
      const start = performance.now();
      const y = tf.matMul(a, b);
      y.dataSync();
      times.push(performance.now() - start);
      y.dispose();
    }
  } finally {
    a.dispose();
    b.dispose();
  }
  times.sort((x, y) => x - y);
  return { type: 'product', id: req.id, threads: wasmThreadCount(), medianMs: times[Math.floor(times.length / 2)] };
}

async function handle(req: BenchRequest): Promise<BenchReply> {
  switch (req.type) {
    case 'throughput':
      return throughput(req);
    case 'fit':
      return fit(req);
    case 'sparsity':
      return sparsity(req);
    case 'product':
      return product(req);
  }
}

let threadsChosen = false;
let queue = Promise.resolve();
self.addEventListener('message', (event: MessageEvent<BenchRequest>) => {
  const req = event.data;
  if (!threadsChosen && req.threads) setWasmThreads(req.threads);
  threadsChosen = true;
  queue = queue.then(async () => {
    try {
      self.postMessage(await handle(req));
    } catch (err) {
      self.postMessage({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) } satisfies BenchReply);
    }
  });
});
