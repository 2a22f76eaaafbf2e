/**
 * Points at a part of the page: scrolls it into view and marks it with
 * `data-lesson-highlight` (styled in lessons.css). An attribute, not a
 * class, so that React, which owns the element's classes, leaves it alone.
 */
import { CONTROL_TARGETS, isControlTarget, targetSelector, type ControlTarget, type PointTarget } from '../../lessons/lesson-targets';
import { CONTROL_LABELS } from '../../state/view-params';

const MARK = 'data-lesson-highlight';

/** A control of the settings column: its field (label and input), found by its label; the row of run buttons. */
function findControl(target: ControlTarget): HTMLElement | null {
  const column = document.querySelector<HTMLElement>(targetSelector('controls'));
  const control = CONTROL_TARGETS[target];
  if (!column) return null;
  if (control === null) return column.querySelector<HTMLElement>('.run-buttons');
  const label = CONTROL_LABELS[control];
  for (const el of column.querySelectorAll<HTMLElement>('label, legend')) {
    const text = (el.textContent ?? '').trim();
    if (text === label || text.startsWith(`${label} `)) return el.closest<HTMLElement>('.field, fieldset') ?? el;
  }
  return null;
}

export function findTarget(target: PointTarget): HTMLElement | null {
  return isControlTarget(target) ? findControl(target) : document.querySelector<HTMLElement>(targetSelector(target));
}

/** Removes the mark from everything but `keep`. */
export function clearHighlight(keep: Element | null = null): void {
  document.querySelectorAll(`[${MARK}]`).forEach((el) => el !== keep && el.removeAttribute(MARK));
}

/** Marks the target if it is on the page (again, if it was drawn anew); returns it. */
export function highlight(target: PointTarget | null): HTMLElement | null {
  const el = target ? findTarget(target) : null;
  clearHighlight(el);
  if (el && !el.hasAttribute(MARK)) el.setAttribute(MARK, '');
  return el;
}

/**
 * Scrolls the target into view once it is on the page (a control may appear
 * only after the settings that show it have rendered): tries for about a
 * second, frame by frame. Returns a function that stops trying.
 */
export function scrollToTarget(target: PointTarget): () => void {
  let frames = 0;
  let id = 0;
  const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  const tryOnce = () => {
    const el = highlight(target);
    if (el) {
      // In the settings column only as far as needed; a view comes up under the lesson; a tab with its
      // section, so that what it opens is in view too.
      const shown = target.startsWith('tab:') ? (findTarget('questions') ?? el) : el;
      shown.scrollIntoView({ block: el.closest('aside') ? 'nearest' : 'start', behavior: reduce ? 'auto' : 'smooth' });
      return;
    }
    if (++frames < 60) id = requestAnimationFrame(tryOnce);
  };
  id = requestAnimationFrame(tryOnce);
  return () => cancelAnimationFrame(id);
}

/**
 * Brings the marked part of the main column back into view if `cover` (the
 * docked lesson, grown by an explanation) now hides its top.
 */
export function keepMarkedInView(cover: HTMLElement): void {
  const marked = document.querySelector<HTMLElement>(`[${MARK}]`);
  const el = marked?.getAttribute('role') === 'tab' ? (findTarget('questions') ?? marked) : marked;
  if (!el || el.closest('aside')) return;
  if (el.getBoundingClientRect().top < cover.getBoundingClientRect().bottom) el.scrollIntoView({ block: 'start' });
}
