/**
 * The run store's part in two things a link or a machine decides: the
 * backend 'auto' uses once it has been measured, and a learning rate changed
 * during a run, which a link cannot carry. Against a fake worker.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunStore } from '../../src/app/run-store';
import { DEFAULT_SETTINGS } from '../../src/state/url-state';
import type { FakeWorker } from '../helpers/fake-worker';

const workers = vi.hoisted(() => [] as unknown[]);

vi.mock('../../src/app/early-download', async () => (await import('../helpers/fake-worker')).fakeEarlyDownload(workers));

const latest = () => workers.at(-1) as FakeWorker;
const settle = () => vi.advanceTimersByTimeAsync(0);
const sentOf = (type: string) => latest().sent.filter((r) => r.type === type);

beforeEach(() => {
  vi.useFakeTimers();
  workers.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

describe("the measured backend, for 'auto'", () => {
  it('is told to the worker and switched to once, before any run', async () => {
    const store = new RunStore();
    store.connect('auto', 'mnist');
    await settle();
    latest().ready('wasm');
    store.useMeasuredBackend('webgl');
    await settle();
    expect(sentOf('measured-backend')).toEqual([{ type: 'measured-backend', backend: 'webgl' }]);
    expect(sentOf('set-backend')).toEqual([{ type: 'set-backend', backend: 'auto' }]);
    // WebGL failed to start and WASM took over: no switching back and forth.
    latest().reply({ type: 'backend', name: 'wasm', reason: 'webgl failed to start; using wasm', threads: 1 });
    await settle();
    expect(sentOf('set-backend')).toHaveLength(1);
  });

  it('waits for the next start while a run is on, and is passed to a new worker first', async () => {
    const store = new RunStore();
    store.connect('auto', 'mnist');
    await settle();
    latest().ready('wasm');
    store.train(DEFAULT_SETTINGS, 'model-a');
    store.useMeasuredBackend('webgl');
    await settle();
    expect(sentOf('set-backend')).toEqual([]);
    latest().crash('out of memory');
    await settle();
    expect(
      latest()
        .sent.map((r) => r.type)
        .slice(0, 2),
    ).toEqual(['measured-backend', 'init']);
  });

  it('is not used when the settings choose a backend', async () => {
    const store = new RunStore();
    store.connect('wasm', 'mnist');
    await settle();
    latest().ready('wasm');
    store.useMeasuredBackend('webgl');
    await settle();
    expect(sentOf('set-backend')).toEqual([]);
  });
});

describe('a learning rate changed during a run', () => {
  it('is recorded from the step it applies at, and a change before the first step is not', async () => {
    const store = new RunStore();
    store.connect('wasm', 'mnist');
    await settle();
    latest().ready();
    const config = { ...DEFAULT_SETTINGS, learningRate: 0.002 };
    store.train(config, 'model-a');
    store.updateTraining(0.001, config.epochs, 'model-a');
    expect(store.getSnapshot().scheduleChanges).toEqual([]);
    expect(store.getSnapshot().runConfig?.learningRate).toBe(0.001);
    const { runId } = store.getSnapshot();
    latest().reply({ type: 'run-state', runId, state: 'training', step: 120, epoch: 0 });
    store.updateTraining(0.001, config.epochs + 5, 'model-a');
    expect(store.getSnapshot().scheduleChanges).toEqual([]);
    store.updateTraining(0.0005, config.epochs + 5, 'model-a');
    expect(store.getSnapshot().scheduleChanges).toEqual([{ step: 120, learningRate: 0.0005 }]);
    store.train(config, 'model-a');
    expect(store.getSnapshot().scheduleChanges).toEqual([]);
  });
});
