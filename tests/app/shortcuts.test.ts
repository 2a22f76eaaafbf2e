import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutAction, type KeyPress } from '../../src/app/shortcuts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  target: { tagName: 'BODY' },
  ...extra,
});

describe('shortcutAction', () => {
  it('maps each listed key to its action, capitals too', () => {
    expect(SHORTCUTS.map((s) => shortcutAction(press(s.key)))).toEqual(SHORTCUTS.map((s) => s.action));
    expect(shortcutAction(press('T'))).toBe('train');
    expect(shortcutAction(press('N'))).toBe('next');
  });
  it('lists Train, Pause, Step, Reset, the next lesson step and the list itself', () => {
    expect(SHORTCUTS.map((s) => s.action)).toEqual(['train', 'pause', 'step', 'reset', 'next', 'help']);
    expect(new Set(SHORTCUTS.map((s) => s.key)).size).toBe(SHORTCUTS.length);
  });
  it('leaves other keys and the browser’s own shortcuts alone', () => {
    expect(shortcutAction(press('x'))).toBeNull();
    expect(shortcutAction(press('Enter'))).toBeNull();
    expect(shortcutAction(press('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutAction(press('t', { metaKey: true }))).toBeNull();
    expect(shortcutAction(press('p', { altKey: true }))).toBeNull();
  });
  it('is not a shortcut while typing in a field', () => {
    expect(shortcutAction(press('t', { target: { tagName: 'INPUT', type: 'text' } }))).toBeNull();
    expect(shortcutAction(press('t', { target: { tagName: 'INPUT', type: 'number' } }))).toBeNull();
    expect(shortcutAction(press('s', { target: { tagName: 'TEXTAREA' } }))).toBeNull();
    expect(shortcutAction(press('r', { target: { tagName: 'SELECT' } }))).toBeNull();
    expect(shortcutAction(press('p', { target: { tagName: 'DIV', isContentEditable: true } }))).toBeNull();
  });
  it('works on sliders, radios, checkboxes and buttons, which take no text', () => {
    for (const type of ['range', 'radio', 'checkbox'])
      expect(shortcutAction(press('t', { target: { tagName: 'INPUT', type } }))).toBe('train');
    expect(shortcutAction(press('p', { target: { tagName: 'BUTTON' } }))).toBe('pause');
  });
});
