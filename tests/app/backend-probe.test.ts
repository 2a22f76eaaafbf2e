import { describe, expect, it } from 'vitest';
import {
  chooseFastest,
  measureLines,
  probeCandidates,
  probeKey,
  readProbe,
  writeProbe,
  type BackendMeasure,
  type BackendProbe,
} from '../../src/app/backend-probe';

const timed = (backend: string, samplesPerSecond: number | null, threads = 1): BackendMeasure => ({
  backend,
  started: true,
  threads,
  timing: { samplesPerSecond, firstStepMs: 40, steps: samplesPerSecond === null ? 0 : 5 },
});

const probe = (over: Partial<BackendProbe> = {}): BackendProbe => ({
  key: 'k',
  measuredAt: '2026-12-04T18:00:00.000Z',
  model: 'vanilla, code 32, batch 128',
  ms: 960,
  candidates: ['wasm', 'webgl', 'webgpu'],
  tried: ['wasm', 'webgl', 'webgpu'],
  results: [timed('wasm', 6100, 2), timed('webgl', 2200)],
  chosen: 'wasm',
  ...over,
});

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
}

describe('chooseFastest', () => {
  it('picks the highest measured rate', () => {
    expect(chooseFastest([timed('wasm', 6100), timed('webgl', 9000), timed('webgpu', 8000)])).toBe('webgl');
    expect(chooseFastest([timed('wasm', 6100), timed('webgl', 2200)])).toBe('wasm');
  });

  it('never picks a backend without a figure, and falls back to WASM', () => {
    expect(chooseFastest([timed('webgl', null), { backend: 'webgpu', started: false, threads: 1, timing: null }])).toBe('wasm');
    expect(chooseFastest([])).toBe('wasm');
  });
});

describe('the kept measurement', () => {
  it('is read back for the same browser and machine only', () => {
    const storage = new MemoryStorage();
    writeProbe(storage, probe());
    expect(readProbe(storage, 'k')).toEqual(probe());
    expect(readProbe(storage, 'another browser')).toBeNull();
  });

  it('is ignored when unreadable or of another shape, and storage that refuses is survived', () => {
    const storage = new MemoryStorage();
    storage.items.set('autoencoder-playground:backend-probe', '{not json');
    expect(readProbe(storage, 'k')).toBeNull();
    storage.items.set('autoencoder-playground:backend-probe', JSON.stringify({ key: 'k', chosen: 'wasm' }));
    expect(readProbe(storage, 'k')).toBeNull();
    expect(readProbe(null, 'k')).toBeNull();
    const full = {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => writeProbe(full, probe())).not.toThrow();
  });

  it('is keyed by the browser, its cores and whether threads may share memory', () => {
    const nav = { userAgent: 'Chromium 156', hardwareConcurrency: 2 };
    expect(probeKey(nav, true)).not.toBe(probeKey(nav, false));
    expect(probeKey(nav, true)).not.toBe(probeKey({ ...nav, hardwareConcurrency: 8 }, true));
  });
});

describe('probeCandidates', () => {
  it('tries WASM first, then the GPU backends the browser has', () => {
    expect(probeCandidates({})).toEqual(['wasm']);
    expect(probeCandidates({ WebGL2RenderingContext: class {}, gpu: {} })).toEqual(['wasm', 'webgl', 'webgpu']);
  });
});

describe('measureLines', () => {
  it('gives each backend its rate, or why it has none', () => {
    const lines = measureLines(
      probe({ results: [timed('wasm', 6100.4, 2), timed('webgl', null), { backend: 'webgpu', started: false, threads: 1, timing: null }] }),
    );
    expect(lines).toEqual([
      'wasm (2 threads): 6,100 images/s',
      'webgl: its first step took 40 ms, too long to time more',
      'webgpu: could not start here',
    ]);
    const cut = measureLines(probe({ tried: ['wasm', 'webgl'], results: [timed('wasm', 6100)] }));
    expect(cut[1]).toMatch(/^webgl: still preparing when the time was up/);
    expect(cut[2]).toBe('webgpu: not measured, the time was up before its turn');
  });
});
