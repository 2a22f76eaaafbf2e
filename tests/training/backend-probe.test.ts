import { describe, expect, it } from 'vitest';
import { timeTrainingSteps } from '../../src/training/backend-probe';
import { testConfig } from '../helpers/config';
import { expectNoLeaks } from '../helpers/tensors';

describe('timeTrainingSteps', () => {
  it('times steps of the model until the deadline, and frees everything it made', async () => {
    await expectNoLeaks(async () => {
      const now = () => performance.now();
      const start = now();
      const timing = await timeTrainingSteps(testConfig({ batchSize: 16 }), start + 1000, now);
      expect(timing.steps).toBeGreaterThan(0);
      expect(timing.samplesPerSecond).toBeGreaterThan(0);
      expect(timing.firstStepMs).toBeGreaterThan(0);
      // Only the step in flight at the deadline may end after it.
      expect(now() - start).toBeLessThan(1000 + 2 * timing.firstStepMs + 200);
    });
  });

  it('reports no rate when the first step already used the time', async () => {
    await expectNoLeaks(async () => {
      const timing = await timeTrainingSteps(testConfig({ kind: 'conv', batchSize: 8 }), 0, () => performance.now());
      expect(timing).toMatchObject({ samplesPerSecond: null, steps: 0 });
    });
  });
});
