/**
 * The parts of the page a lesson can point at, by name: panels the page
 * marks with a `data-lesson-target="<name>"` attribute, controls of the
 * settings column, and the question tabs, `tab:<id>` (the tab button, id
 * `tab-<id>`). Plain names, no DOM.
 */

/** The question tabs of "Ask the model", by id. */
export const QUESTION_TABS = ['interpolate', 'denoise', 'bottleneck', 'generate', 'retrieve', 'cluster', 'anomaly'] as const;
export type QuestionTab = (typeof QUESTION_TABS)[number];

/** Parts of the page marked with `data-lesson-target`. */
export const PANEL_TARGETS = [
  /** The settings column. */
  'controls',
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

/**
 * Controls in the settings column, found there by their label: the names
 * of view-params.ts's CONTROL_LABELS (the table `hide=` links use too),
 * and the run buttons by their row.
 */
export const CONTROL_TARGETS = {
  'train-button': null,
  kind: 'kind',
  'code-size': 'code',
  noise: 'noise',
  sparsity: 'l1',
  'loss-choice': 'loss',
} as const;
export type ControlTarget = keyof typeof CONTROL_TARGETS;

export type PanelTarget = (typeof PANEL_TARGETS)[number];

export type PointTarget = PanelTarget | ControlTarget | `tab:${QuestionTab}`;

export const POINT_TARGETS: readonly PointTarget[] = [
  ...PANEL_TARGETS,
  ...(Object.keys(CONTROL_TARGETS) as ControlTarget[]),
  ...QUESTION_TABS.map((t) => `tab:${t}` as const),
];

export function isPointTarget(name: unknown): name is PointTarget {
  return typeof name === 'string' && (POINT_TARGETS as readonly string[]).includes(name);
}

export const isControlTarget = (target: PointTarget): target is ControlTarget => target in CONTROL_TARGETS;

/** The CSS selector of a panel or a tab (controls are found by label: see CONTROL_TARGETS). */
export function targetSelector(target: PanelTarget | `tab:${QuestionTab}`): string {
  return target.startsWith('tab:') ? `#tab-${target.slice(4)}` : `[data-lesson-target="${target}"]`;
}
