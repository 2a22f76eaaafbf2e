import { describe, expect, it } from 'vitest';
import { comparedCsv, curvesCsv } from '../../src/shared/curves-csv';

describe('curvesCsv', () => {
  it('a row per batch and per test pass, in the run’s loss; KL only for the VAE', () => {
    const train = { step: [1, 2], total: [0.5, 0.4], reconstruction: [0.5, 0.4], kl: [0, 0] };
    const test = [{ epoch: 1, step: 2, seconds: 1.5, total: 0.3, reconstruction: 0.3 }];
    expect(curvesCsv({ train, test, kl: false })).toBe(
      'split,step,epoch,seconds,loss,reconstruction,kl\ntrain,1,,,0.5,0.5,\ntrain,2,,,0.4,0.4,\ntest,2,1,1.5,0.3,0.3,\n',
    );
    const vae = curvesCsv({ train: { ...train, kl: [3, 2] }, test: [{ ...test[0], kl: 1.25 }], kl: true });
    expect(vae.split('\n')[1]).toBe('train,1,,,0.5,0.5,3');
    expect(vae.split('\n')[3]).toBe('test,2,1,1.5,0.3,0.3,1.25');
  });

  it('leaves a non-finite loss empty rather than writing NaN', () => {
    const csv = curvesCsv({ train: { step: [1], total: [NaN], reconstruction: [Infinity], kl: [0] }, test: [], kl: false });
    expect(csv.split('\n')[1]).toBe('train,1,,,,,');
  });
});

describe('comparedCsv', () => {
  it('a row per run and test pass, names quoted', () => {
    const csv = comparedCsv([
      { name: 'Deep, "best"', test: [{ epoch: 1, seconds: 3, total: 0.2 }] },
      { name: 'Vanilla', test: [] },
    ]);
    expect(csv).toBe('run,epoch,seconds,test loss\n"Deep, ""best""",1,3,0.2\n');
  });
});
