/**
 * Lessons on the page, mounted once at the top of the main column: the way
 * in (the first lesson, the list) or the open lesson's panel, sticky above
 * the views. It gives the lesson a snapshot of the page, does each step's
 * set-up (its settings through the page's own update, then points at its
 * part of the page), and closes on Escape. Closing changes nothing else.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { LessonMenu } from '../features/lessons/LessonMenu';
import { LessonPanel } from '../features/lessons/LessonPanel';
import { clearHighlight, highlight, keepMarkedInView, scrollToTarget } from '../features/lessons/point-at';
import { progressOf, type PageSnapshot } from '../lessons/lesson-conditions';
import { LESSONS, lessonAfter, lessonById } from '../lessons/lesson-catalog';
import type { Settings } from '../state/url-state';
import { leaveLesson, lessonStore, nextLessonStep, openLesson, previousLessonStep, useLesson } from './lesson-store';
import { usePageActivity } from './page-activity';
import type { RunView } from './run-state';
import { runStore } from './run-store';

export interface LessonDockProps {
  settings: Settings;
  update(patch: Partial<Settings>): void;
  view: RunView;
  /** The page's model settings (App's modelKey): the run counts for a lesson when it was started with them. */
  modelKey: string;
}

/** The height of the docked panel, for the views it points at to come up under it (scroll-margin in lessons.css). */
function useDockHeight(ref: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const measure = () => root.style.setProperty('--lesson-dock-height', `${el.offsetHeight}px`);
    // At once too: the first scroll to a target comes before the observer's first report.
    measure();
    const observer = new ResizeObserver(() => {
      measure();
      keepMarkedInView(el);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--lesson-dock-height');
    };
  }, [ref]);
}

export function LessonDock({ settings, update, view, modelKey }: LessonDockProps) {
  const { position, setUp, drawingsAtEntry } = useLesson();
  const activity = usePageActivity();
  const [listOpen, setListOpen] = useState(false);
  const dock = useRef<HTMLDivElement>(null);
  useDockHeight(dock);

  const snapshot = useMemo<PageSnapshot>(
    () => ({
      settings,
      run: { current: view.state !== 'idle' && view.runKey === modelKey, steps: view.step, epochs: view.test.at(-1)?.epoch ?? 0 },
      tab: activity.tab,
      drawing: activity.drawings > drawingsAtEntry,
    }),
    [settings, view.state, view.runKey, modelKey, view.step, view.test, activity, drawingsAtEntry],
  );
  useEffect(() => lessonStore.observe(snapshot), [snapshot, position]);

  // The step just entered: its settings, then its part of the page. After
  // the page's own effects (a first render writes its settings to the URL).
  useEffect(() => {
    const taken = setUp && lessonStore.takeSetUp();
    if (!taken) return;
    // Neither is cancelled with the effect: the set-up is taken once, and the scroll gives up by itself.
    setTimeout(() => {
      if (taken.fresh) runStore.reset();
      if (taken.settings) update(taken.settings);
      if (taken.point) scrollToTarget(taken.point);
    }, 0);
  }, [setUp, update]);

  const lesson = position ? lessonById(position.lesson) : null;
  const point = lesson && position ? (lesson.steps[position.step]?.point ?? null) : null;
  // The part pointed at stays marked, also when it is drawn anew (a tab panel, a control shown again).
  useEffect(() => {
    highlight(point);
  });
  useEffect(() => () => clearHighlight(), []);

  useEffect(() => {
    if (!position) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      // Escape in an open dialog closes the dialog, not the lesson.
      if (t?.closest?.('dialog') || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      leaveLesson();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [position]);

  const step = lesson && position ? lesson.steps[position.step] : undefined;
  const progress = step?.done && position && !position.done ? progressOf(step.done, snapshot) : null;
  return (
    <div className={position ? 'lesson-dock open' : 'lesson-dock'} ref={dock}>
      {position ? (
        <LessonPanel
          lesson={lesson}
          position={position}
          progress={progress}
          nextLesson={lesson ? lessonAfter(lesson.id) : null}
          brokenProblems={LESSONS.broken.find((b) => b.id === position.lesson)?.problems ?? null}
          onNext={nextLessonStep}
          onBack={previousLessonStep}
          onLeave={leaveLesson}
          onOpen={openLesson}
          onList={() => {
            leaveLesson();
            setListOpen(true);
          }}
        />
      ) : (
        <LessonMenu lessons={LESSONS.lessons} open={listOpen} onToggle={setListOpen} onOpen={openLesson} />
      )}
    </div>
  );
}
