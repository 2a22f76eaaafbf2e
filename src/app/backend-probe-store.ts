/**
 * The page's record of the backend measurement (backend-probe.ts): kept in
 * this browser, made on a first visit with `backend=auto`, again when the
 * learner asks, and passed to the run store, which makes 'auto' use it.
 */
import { useSyncExternalStore } from 'react';
import { bodyOf, type ExperimentConfig } from '../model/config';
import { ExternalStore } from './external-store';
import { measureBackends, probeCandidates, probeKey, readProbe, writeProbe, type BackendProbe } from './backend-probe';
import { runStore } from './run-store';

export interface ProbeState {
  probe: BackendProbe | null;
  measuring: boolean;
}

const storage = () => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/** The model measured, in words ("vanilla, code 32, batch 128"). */
export function modelWords(config: ExperimentConfig): string {
  const body = config.kind === 'denoising' ? ` (${bodyOf(config)} body)` : '';
  return `${config.kind}${body}, code ${config.codeSize}, batch ${config.batchSize}`;
}

class BackendProbeStore extends ExternalStore<ProbeState> {
  constructor() {
    super({ probe: null, measuring: false });
  }

  /** For 'auto': this browser's kept measurement, or a new one (`again`: a new one whatever is kept). */
  async ensure(config: ExperimentConfig, again = false): Promise<void> {
    if (this.state.measuring) return;
    const key = probeKey(navigator, self.crossOriginIsolated === true);
    const kept = again ? null : readProbe(storage(), key);
    if (kept) {
      this.patch({ probe: kept });
      runStore.useMeasuredBackend(kept.chosen);
      return;
    }
    this.patch({ measuring: true });
    runStore.setProbing(true);
    let probe: BackendProbe;
    try {
      probe = await measureBackends(
        config,
        modelWords(config),
        key,
        probeCandidates({ gpu: navigator.gpu, WebGL2RenderingContext: self.WebGL2RenderingContext }),
      );
    } finally {
      runStore.setProbing(false);
    }
    writeProbe(storage(), probe);
    this.patch({ probe, measuring: false });
    runStore.useMeasuredBackend(probe.chosen);
  }
}

export const backendProbeStore = new BackendProbeStore();

export function useBackendProbe(): ProbeState {
  return useSyncExternalStore(backendProbeStore.subscribe, backendProbeStore.getSnapshot);
}
