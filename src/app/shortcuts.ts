/**
 * The page's keyboard shortcuts, for a presenter who drives the page from
 * the keyboard (or a clicker that sends keys). One table gives the key, the
 * action and the words the `?` list shows; shortcutAction maps a key press
 * to an action, leaving alone keys typed into a field or held with Ctrl,
 * Alt or Meta (the browser's own shortcuts).
 */
export type ShortcutAction = 'train' | 'pause' | 'step' | 'reset' | 'next' | 'help';

export interface Shortcut {
  key: string;
  action: ShortcutAction;
  does: string;
}

export const SHORTCUTS: Shortcut[] = [
  { key: 't', action: 'train', does: 'Train (Resume when paused)' },
  { key: 'p', action: 'pause', does: 'Pause, or Resume when paused' },
  { key: 's', action: 'step', does: 'Step: train one batch (when paused)' },
  { key: 'r', action: 'reset', does: 'Reset: clear the run (the settings stay)' },
  { key: 'n', action: 'next', does: 'Next step of the open lesson' },
  { key: '?', action: 'help', does: 'Show or hide this list' },
];

/** What a key press needs to be judged. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** The element that has focus: its tag, input type and whether it is editable. */
  target: { tagName?: string; type?: string; isContentEditable?: boolean } | null;
}

/** Inputs whose typing is not a shortcut: anything that takes text. */
const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'number', 'password', 'tel', '']);

function typesText(target: KeyPress['target']): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && TEXT_INPUTS.has((target.type ?? '').toLowerCase());
}

/** The action a key press asks for, or null when it is not a shortcut here. */
export function shortcutAction(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  if (typesText(press.target)) return null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  return SHORTCUTS.find((s) => s.key === key)?.action ?? null;
}
