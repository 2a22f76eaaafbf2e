/**
 * The parts of the page a lesson can point at, by name. The page marks each
 * with a `data-lesson-target="<name>"` attribute; a question tab,
 * `tab:<id>`, is its tab button (id `tab-<id>`). Plain names, no DOM.
 */

/** The question tabs of "Ask the model", by id. */
export const QUESTION_TABS = ['interpolate', 'denoise', 'bottleneck', 'generate', 'retrieve', 'cluster', 'anomaly'] as const;
export type QuestionTab = (typeof QUESTION_TABS)[number];

/** Panels and controls, each marked once on the page. */
export const PANEL_TARGETS = [
  /** The settings column. */
  'controls',
  /** Train (or Resume), Pause, Step, Reset. */
  'train-button',
  /** The choice of architecture. */
  'kind',
  /** The bottleneck-size slider. */
  'code-size',
  /** The denoising kind's noise level. */
  'noise',
  /** The sparsity penalty (L1 on the code). */
  'sparsity',
  /** The choice of loss. */
  'loss-choice',
  /** The status line: epoch, step, loss. */
  'status',
  /** Encoder → code → decoder, with its parameter count. */
  'model',
  /** Input and reconstruction of 20 test digits. */
  'reconstructions',
  /** The loss curves. */
  'loss',
  /** The latent space of 2,000 test digits. */
  'latent',
  /** The drawing pad and what the model makes of the drawing. */
  'draw',
  /** "Ask the model": the question tabs. */
  'questions',
] as const;
export type PanelTarget = (typeof PANEL_TARGETS)[number];

export type PointTarget = PanelTarget | `tab:${QuestionTab}`;

export const POINT_TARGETS: readonly PointTarget[] = [...PANEL_TARGETS, ...QUESTION_TABS.map((t) => `tab:${t}` as const)];

export function isPointTarget(name: unknown): name is PointTarget {
  return typeof name === 'string' && (POINT_TARGETS as readonly string[]).includes(name);
}

/** The CSS selector of the element that carries a target on the page. */
export function targetSelector(target: PointTarget): string {
  return target.startsWith('tab:') ? `#tab-${target.slice(4)}` : `[data-lesson-target="${target}"]`;
}
