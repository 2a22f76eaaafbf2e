import { describe, expect, it } from 'vitest';
import { comparedCsv, curvesCsv } from '../../src/shared/curves-csv';

describe('curvesCsv', () => {
  const train = { step: [1, 2], total: [0.5, 0.4], reconstruction: [0.5, 0.4], penalty: [0, 0] };
  const test = [{ epoch: 1, step: 2, seconds: 1.5, total: 0.3, reconstruction: 0.3 }];

  it('a row per batch and per test pass, in the run’s loss; both penalty columns empty without a penalty', () => {
    expect(curvesCsv({ train, test, penalty: null })).toBe(
      'split,step,epoch,seconds,loss,reconstruction,kl,l1\ntrain,1,,,0.5,0.5,,\ntrain,2,,,0.4,0.4,,\ntest,2,1,1.5,0.3,0.3,,\n',
    );
  });

  it('the VAE’s penalty in the kl column, a sparse code’s in the l1 column', () => {
    const withPenalty = { train: { ...train, penalty: [3, 2] }, test: [{ ...test[0], penalty: 1.25 }] };
    const vae = curvesCsv({ ...withPenalty, penalty: 'kl' }).split('\n');
    expect(vae[1]).toBe('train,1,,,0.5,0.5,3,');
    expect(vae[3]).toBe('test,2,1,1.5,0.3,0.3,1.25,');
    const sparse = curvesCsv({ ...withPenalty, penalty: 'l1' }).split('\n');
    expect(sparse[0]).toBe('split,step,epoch,seconds,loss,reconstruction,kl,l1');
    expect(sparse[2]).toBe('train,2,,,0.4,0.4,,2');
    expect(sparse[3]).toBe('test,2,1,1.5,0.3,0.3,,1.25');
  });

  it('leaves a non-finite loss empty rather than writing NaN', () => {
    const csv = curvesCsv({ train: { step: [1], total: [NaN], reconstruction: [Infinity], penalty: [NaN] }, test: [], penalty: 'l1' });
    expect(csv.split('\n')[1]).toBe('train,1,,,,,,');
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
