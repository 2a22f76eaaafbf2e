/**
 * What the page says and allows about a run: whether it still matches the
 * settings, which buttons apply, the status line, what the live region
 * announces, and the loss chart's unit. Pure functions of the run's view and
 * the settings, so they are tested without a browser.
 */
import { sparsityOf, type ExperimentConfig } from '../model/config';
import { latestLoss, runEpochs, type RunView } from './run-state';
import { formatCount } from '../shared/format';

export interface RunPhase {
  /** The run was started with other model settings: kept on screen, paused, until Train. */
  stale: boolean;
  /** The run on screen trains (or is being built) with the page's settings. */
  training: boolean;
  /** Resume and Step apply: paused or diverged, with the page's settings. */
  canContinue: boolean;
  /** Data and backend are ready. */
  canTrain: boolean;
  hasRun: boolean;
}

/** Where the run stands against the page's model settings (`modelKey`, see modelIdentity). */
export function runPhase(view: RunView, modelKey: string): RunPhase {
  const stale = view.runKey !== null && view.runKey !== modelKey && view.state !== 'idle';
  return {
    stale,
    training: !stale && (view.state === 'training' || view.state === 'starting'),
    canContinue: !stale && (view.state === 'paused' || view.state === 'diverged'),
    canTrain: view.load.status === 'ready' && view.backend.name !== null,
    hasRun: view.state !== 'idle',
  };
}

const fmt = formatCount;

/** "40 s", "12 min", "2 h 5 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The status line: epoch, step, loss, speed, time left and, last, the state
 * in one word, joined by " · ". The backend has its own line (backendLine).
 */
export function statusText(view: RunView, settings: Pick<ExperimentConfig, 'epochs' | 'batchSize'>): string {
  const parts: string[] = [];
  if (view.load.status === 'loading') parts.push('loading the images');
  if (view.load.status === 'error') parts.push('the images failed to load');
  const epochs = runEpochs(view) ?? settings.epochs;
  const epochShown = Math.min(epochs, view.epoch + (view.state === 'done' ? 0 : 1));
  if (view.state !== 'idle') {
    parts.push(`epoch ${view.state === 'starting' ? 0 : epochShown}/${epochs}`);
    parts.push(`step ${view.step}${view.totalSteps ? `/${view.totalSteps}` : ''}`);
    const loss = latestLoss(view);
    if (loss !== null) parts.push(`loss ${loss.toFixed(4)}`);
    if (view.samplesPerSecond > 0 && view.state === 'training') {
      parts.push(`${fmt(view.samplesPerSecond)} images/s`);
      const batch = view.runConfig?.batchSize ?? settings.batchSize;
      const left = ((view.totalSteps - view.step) * batch) / view.samplesPerSecond;
      if (view.totalSteps > 0 && Number.isFinite(left)) parts.push(`about ${formatDuration(left)} left`);
    }
    // A GPU backend's first step compiles its programs: seconds on some machines, which must not look frozen.
    const gpu = view.backend.name === 'webgl' || view.backend.name === 'webgpu';
    if (gpu && view.step === 0 && (view.state === 'starting' || view.state === 'training')) {
      parts.push(`preparing ${view.backend.name}: compiling its programs for this model (seconds on some machines)`);
    } else parts.push(view.state === 'starting' ? 'building the model' : view.state);
  } else if (view.load.status === 'ready' && view.backend.name) {
    parts.push('ready to train');
  } else if (view.load.status === 'ready') {
    parts.push('starting the maths engine');
  }
  return parts.join(' · ');
}

/** What each backend is, in plain words. */
export const BACKEND_PLAIN: Record<string, string> = {
  wasm: 'WebAssembly, on your processor',
  webgl: 'WebGL, on your graphics card',
  webgpu: 'WebGPU, on your graphics card',
  cpu: 'plain JavaScript, on your processor (the slowest)',
};

/** "Computed with wasm on 2 threads (WebAssembly, on your processor)", or that it is starting. */
export function backendLine(view: RunView): string {
  const { name, threads = 1 } = view.backend;
  if (!name) return 'Starting the maths engine…';
  const onThreads = name === 'wasm' && threads > 1 ? ` on ${threads} threads` : '';
  return `Computed with ${name}${onThreads} (${BACKEND_PLAIN[name] ?? name})`;
}

/**
 * The one sentence that says what to do now, in plain words: the first
 * thing a newcomer reads.
 */
export function nextStepText(view: RunView, phase: RunPhase): string {
  if (view.load.status === 'error') return 'The images could not be loaded: press Retry below.';
  if (!phase.canTrain && view.state === 'idle') return 'Loading 70,000 small images to learn from: a few seconds…';
  if (phase.stale) {
    return 'The settings changed: the views still show the model trained with the previous ones. Press Train for a new model with these settings, or go back in the browser to return to that run.';
  }
  switch (view.state) {
    case 'idle':
      return 'Start here: press Train. Within seconds the outputs below begin to look like the inputs.';
    case 'starting':
      return 'Building the model…';
    case 'training':
      return 'Training: the model looks at a batch of images at a time and learns to rebuild them. Watch the outputs sharpen.';
    case 'paused':
      return 'Paused. Resume goes on from here; Step trains one batch at a time.';
    case 'done':
      return 'Finished. Ask the model questions below, or change a setting and press Train for a new model.';
    case 'diverged':
    case 'failed':
      return 'Training stopped: the message below says why and what to try.';
  }
}

/** What the polite live region says: changes of state only, not every step. */
export function announcement(view: RunView): string {
  const loss = latestLoss(view);
  const at = `at step ${view.step}${loss !== null ? `, loss ${loss.toFixed(3)}` : ''}`;
  switch (view.state) {
    case 'starting':
      return 'Building the model.';
    case 'training':
      return 'Training.';
    case 'paused':
      return `Paused ${at}.`;
    case 'done': {
      const test = view.test.at(-1);
      return `Training finished ${at}${test ? `; test loss ${test.total.toFixed(3)}` : ''}.`;
    }
    case 'diverged':
    case 'failed':
      return view.message ?? 'Training stopped.';
    case 'idle':
      return view.load.status === 'ready' && view.backend.name ? 'Ready to train.' : '';
  }
}

/** What the loss chart's numbers are, for a kind and a loss (and its L1 penalty, if any). */
export function lossUnit(config: Pick<ExperimentConfig, 'kind' | 'loss'> & Partial<Pick<ExperimentConfig, 'body' | 'sparsity'>>): string {
  if (config.kind === 'vae') {
    return config.loss === 'bce'
      ? 'negative ELBO in nats per image = reconstruction (cross-entropy summed over pixels) + β·KL'
      : 'per image: reconstruction (squared error summed over pixels) + β·KL (nats)';
  }
  const name = config.loss === 'bce' ? 'binary cross-entropy' : 'mean squared error';
  const unit = config.kind === 'denoising' ? `${name} per pixel, noisy input vs clean image` : `${name} per pixel`;
  const lambda = sparsityOf({ body: 'dense', ...config });
  return lambda > 0 ? `${unit}, + ${lambda}·L1 (the code’s mean |value|)` : unit;
}

/**
 * What a link to this run cannot carry: a learning rate changed during
 * training. The link holds the latest settings only, so it trains with the
 * latest rate from the start; the page says so instead of letting the link
 * pass for a replay.
 */
export function scheduleNote(view: Pick<RunView, 'scheduleChanges' | 'runConfig'>): string | null {
  const changes = view.scheduleChanges;
  const first = view.runConfig?.learningRate;
  if (!changes.length || first === undefined) return null;
  const steps = [`${first} until step ${fmt(changes[0].step)}`];
  changes.forEach((c, i) =>
    steps.push(i + 1 < changes.length ? `${c.learningRate} until step ${fmt(changes[i + 1].step)}` : `then ${c.learningRate}`),
  );
  const latest = changes[changes.length - 1].learningRate;
  return (
    `This run changed its learning rate while it trained (${steps.join(', ')}). ` +
    `A link holds only the latest settings: opened, it trains with ${latest} from the start, so it cannot replay this run exactly.`
  );
}
