import { beforeAll, describe, expect, it } from 'vitest';
import { trackTensors } from '../helpers/tensors';
import { PIXELS, type MnistSplit } from '../../src/data/mnist';
import { explainedVariance, fitPca, pcaProject, pcaReconstruct, pcaTestErrors, type PcaBasis } from '../../src/training/pca-baseline';
import { bceFloor } from '../../src/data/pixels';
import { useWasmBackend } from '../helpers/backend';
import { loadMnist } from '../helpers/mnist';

beforeAll(async () => {
  await useWasmBackend();
});

/** Walsh function j on the first 512 pixels: (−1)^popcount(j & p), 0 elsewhere. */
const walsh = (j: number, p: number) => {
  if (p >= 512) return 0;
  let bits = j & p;
  let parity = 0;
  while (bits) {
    parity ^= 1;
    bits &= bits - 1;
  }
  return parity ? -1 : 1;
};

/** Amplitudes (in grey levels) of six planted directions; 128 ± 118 stays within 0–255. */
const AMPLITUDES = [40, 28, 20, 14, 10, 6];
const DIRECTIONS = [3, 5, 6, 9, 17, 40];

/**
 * Images 128 + Σ_j a_j f_j w_j(p) on pixels 0–511 (0 elsewhere), where the
 * factors f_j = ±1 run through all 64 sign combinations, `repeats` times.
 * Each factor has mean 0, variance 1 and is uncorrelated with the others, so
 * the covariance is exactly Σ_j (a_j/255)² w_j w_jᵀ: eigenvectors w_j/√512,
 * eigenvalues 512 (a_j/255)², rank 6.
 */
function plantedSplit(repeats: number): MnistSplit {
  const count = 64 * repeats;
  const images = new Uint8Array(count * PIXELS);
  for (let i = 0; i < count; i++) {
    const combo = i % 64;
    for (let p = 0; p < 512; p++) {
      let v = 128;
      AMPLITUDES.forEach((a, j) => (v += a * ((combo >> j) & 1 ? 1 : -1) * walsh(DIRECTIONS[j], p)));
      images[i * PIXELS + p] = v;
    }
  }
  return { images, labels: new Uint8Array(count), count };
}

const plantedVariance = (j: number) => 512 * (AMPLITUDES[j] / 255) ** 2;

function floats(split: MnistSplit, count = split.count): Float32Array {
  return Float32Array.from(split.images.subarray(0, count * PIXELS), (v) => v / 255);
}

function dotWithPlanted(basis: PcaBasis, i: number, j: number): number {
  let d = 0;
  for (let p = 0; p < PIXELS; p++) d += basis.components[i * PIXELS + p] * walsh(DIRECTIONS[j], p);
  return d / Math.sqrt(512);
}

describe('fitPca on data with a known covariance', () => {
  const split = plantedSplit(4);

  it('finds the planted directions and their variances', async () => {
    const basis = (await fitPca(split, 4, { seed: 3 }))!;
    expect(basis.trainCount).toBe(256);
    expect(basis.components.length).toBe(4 * PIXELS);
    for (let p = 0; p < PIXELS; p++) expect(basis.mean[p]).toBeCloseTo(p < 512 ? 128 / 255 : 0, 6);
    for (let j = 0; j < 4; j++) {
      expect(Math.abs(dotWithPlanted(basis, j, j))).toBeCloseTo(1, 5);
      expect(basis.variances[j] / plantedVariance(j)).toBeCloseTo(1, 5);
    }
    const total = AMPLITUDES.reduce((s, _, j) => s + plantedVariance(j), 0);
    expect(basis.totalVariance / total).toBeCloseTo(1, 10);
    expect(explainedVariance(basis, 4)).toBeCloseTo((total - plantedVariance(4) - plantedVariance(5)) / total, 5);
  });

  it('reconstructs with an error that falls with k and vanishes at the data rank (6)', async () => {
    const basis = (await fitPca(split, 8, { seed: 1 }))!;
    // Beyond the rank, components are still unit vectors orthogonal to the others, with no
    // variance (to float32 round-off of the largest).
    for (let i = 6; i < 8; i++) {
      expect(basis.variances[i]).toBeLessThan(1e-7 * basis.variances[0]);
      for (let j = 0; j < 8; j++) {
        let d = 0;
        for (let p = 0; p < PIXELS; p++) d += basis.components[i * PIXELS + p] * basis.components[j * PIXELS + p];
        expect(d).toBeCloseTo(i === j ? 1 : 0, 5);
      }
    }
    let previous = Infinity;
    for (let k = 0; k <= 6; k++) {
      const { mse } = (await pcaTestErrors(basis, k, split, { chunk: 100 }))!;
      // On the data it was fitted to, the squared error is the variance left out.
      let left = 0;
      for (let j = k; j < 6; j++) left += plantedVariance(j);
      expect(mse).toBeCloseTo(left / PIXELS, 7);
      expect(mse).toBeLessThan(previous);
      previous = mse;
    }
    expect(previous).toBeLessThan(1e-10);
    const images = floats(split, 64);
    const restored = pcaReconstruct(basis, 6, images, 64);
    for (let i = 0; i < images.length; i++) expect(Math.abs(restored[i] - images[i])).toBeLessThan(1e-5);
    // k = 0: the mean image.
    expect(pcaReconstruct(basis, 0, images, 1)).toEqual(basis.mean);
  });

  it('projects onto uncorrelated codes with the components’ variances', async () => {
    const basis = (await fitPca(split, 3, { seed: 2 }))!;
    const codes = pcaProject(basis, 3, floats(split), split.count);
    expect(codes.length).toBe(3 * split.count);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let s = 0;
        for (let i = 0; i < split.count; i++) s += codes[i * 3 + a] * codes[i * 3 + b];
        expect(s / split.count).toBeCloseTo(a === b ? basis.variances[a] : 0, 4);
      }
    }
    expect(pcaProject(basis, 0, floats(split, 2), 2).length).toBe(0);
    expect(() => pcaProject(basis, 4, floats(split, 2), 2)).toThrow(RangeError);
  });

  it('stops and returns null when pause says so, in either phase, without leaking', async () => {
    const tensors = trackTensors();
    let calls = 0;
    const counting = async () => (calls++, true);
    expect(await fitPca(split, 2, { pause: counting })).not.toBeNull();
    const all = calls;
    // One block of 256 images, the start and 8 iterations of the subspace, the projection, Jacobi sweeps.
    expect(all).toBeGreaterThan(1 + 1 + 8 + 1);
    for (const stopAt of [1, 2, all]) {
      let seen = 0;
      const stop = async () => ++seen < stopAt;
      expect(await fitPca(split, 2, { pause: stop })).toBeNull();
      expect(seen).toBe(stopAt);
    }
    const basis = (await fitPca(split, 2))!;
    expect(await pcaTestErrors(basis, 2, split, { chunk: 50, pause: async () => false })).toBeNull();
    tensors.expectUnchanged();
  });

  it('leaves no tensor behind after fitting, errors, projection and reconstruction', async () => {
    const tensors = trackTensors();
    const basis = (await fitPca(split, 5, { seed: 9 }))!;
    await pcaTestErrors(basis, 3, split);
    await pcaTestErrors(basis, 0, split);
    pcaProject(basis, 5, floats(split, 10), 10);
    pcaReconstruct(basis, 2, floats(split, 10), 10);
    pcaReconstruct(basis, 0, floats(split, 10), 10);
    tensors.expectUnchanged();
  });

  it('rejects impossible component counts', async () => {
    await expect(fitPca(split, 0)).rejects.toThrow(RangeError);
    await expect(fitPca(split, PIXELS + 1)).rejects.toThrow(RangeError);
  });
});

describe('PCA of the real MNIST', () => {
  it('fitted on all 60,000 training images, reaches the expected test errors', async () => {
    const { train, test } = loadMnist();
    const tensors = trackTensors();
    const basis = (await fitPca(train, 32, { seed: 1 }))!;
    expect(basis.trainCount).toBe(60_000);
    const errors: Record<number, { mse: number; bce: number }> = {};
    for (const k of [2, 8, 32]) errors[k] = (await pcaTestErrors(basis, k, test))!;
    const floor = bceFloor(test);
    console.log(
      `PCA test errors per pixel: ${Object.entries(errors)
        .map(([k, e]) => `k=${k} MSE ${e.mse.toFixed(5)} BCE ${e.bce.toFixed(4)}`)
        .join('; ')}; BCE floor ${floor.toFixed(5)}; explained variance at 32: ${explainedVariance(basis, 32).toFixed(4)}`,
    );
    expect(Math.abs(errors[32].mse / 0.0173 - 1)).toBeLessThan(0.1);
    expect(errors[8].mse).toBeGreaterThan(errors[32].mse);
    expect(errors[2].mse).toBeGreaterThan(errors[8].mse);
    expect(errors[2].mse).toBeLessThan(0.06);
    expect(errors[32].bce).toBeGreaterThan(floor);
    expect(Math.abs(floor - 0.057)).toBeLessThan(0.005);
    // 32 components hold about three quarters of the variance.
    expect(explainedVariance(basis, 32)).toBeGreaterThan(0.7);
    expect(explainedVariance(basis, 32)).toBeLessThan(0.8);
    tensors.expectUnchanged();
  });
});
