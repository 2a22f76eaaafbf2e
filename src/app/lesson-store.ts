/**
 * The open lesson: where the learner is (lesson-progress.ts) and the step's
 * set-up waiting to be done by the page. The lesson and its step live in the
 * URL (view-store.ts), so a lesson is a link; this store follows the URL and
 * writes it. Whether the step is done is kept here, not in the URL: a
 * reloaded page has a new run, and the step has to be done again.
 */
import { useSyncExternalStore } from 'react';
import type { PageSnapshot } from '../lessons/lesson-conditions';
import { lessonById } from '../lessons/lesson-catalog';
import { lessonTransition, showsSetUp, type LessonEvent, type LessonPosition, type StepSetUp } from '../lessons/lesson-progress';
import { ExternalStore } from './external-store';
import { pageActivity } from './page-activity';
import { viewStore } from './view-store';

export interface LessonState {
  position: LessonPosition | null;
  /** The set-up of the step just entered, until the page has done it. */
  setUp: (StepSetUp & { id: number }) | null;
  /** The page's count of drawings when the step was entered: a step asking for a drawing wants a new one. */
  drawingsAtEntry: number;
}

class LessonStore extends ExternalStore<LessonState> {
  private setUps = 0;
  /** The settings of the step just entered, until the page shows them. */
  private awaited: StepSetUp['settings'] = null;

  constructor() {
    super({ position: null, setUp: null, drawingsAtEntry: 0 });
    this.follow();
    viewStore.subscribe(() => this.follow());
  }

  /** Takes the view's lesson and step when they change outside this store (a link, Back, the lead's shortcuts). */
  private follow(): void {
    const { lesson, step } = viewStore.getSnapshot();
    const position = this.state.position;
    if (!lesson) {
      if (position) this.patch({ position: null, setUp: null });
      return;
    }
    if (position?.lesson === lesson && position.step === step) return;
    this.dispatch({ type: 'open', lesson, step });
  }

  /** Applies an event; returns whether anything changed. */
  dispatch(event: LessonEvent): boolean {
    const before = this.state.position;
    const { position, setUp } = lessonTransition(before, event, (id) => lessonById(id));
    if (position === before && !setUp) return false;
    const entered = position && (position.lesson !== before?.lesson || position.step !== before.step);
    if (entered || !position) this.awaited = setUp?.settings ?? null;
    this.patch({
      position,
      setUp: setUp ? { ...setUp, id: ++this.setUps } : this.state.setUp,
      drawingsAtEntry: entered ? pageActivity.getSnapshot().drawings : this.state.drawingsAtEntry,
    });
    const view = viewStore.getSnapshot();
    const lesson = position?.lesson ?? null;
    const step = position?.step ?? 0;
    if (view.lesson !== lesson || view.step !== step) viewStore.set({ lesson, step });
    return true;
  }

  /** The set-up waiting to be done, handed out once. */
  takeSetUp(): LessonState['setUp'] {
    const setUp = this.state.setUp;
    if (setUp) this.patch({ setUp: null });
    return setUp;
  }

  /** Checks the step's condition against the page, once the page shows the step's set-up. */
  observe(snapshot: PageSnapshot): void {
    if (this.awaited && !showsSetUp(this.awaited, snapshot.settings)) return;
    this.awaited = null;
    this.dispatch({ type: 'observe', snapshot });
  }
}

export const lessonStore = new LessonStore();

/**
 * Moves to the next step of the open lesson when the current one is done
 * (as the Next step button does); does nothing otherwise. For a keyboard
 * shortcut. Returns whether it moved.
 */
export function nextLessonStep(): boolean {
  return lessonStore.dispatch({ type: 'next' });
}

/** Back to the step before (already done); settings stay as they are. */
export const previousLessonStep = (): boolean => lessonStore.dispatch({ type: 'back' });

/** Opens a lesson at its first step (and sets that step up). */
export const openLesson = (id: string): boolean => lessonStore.dispatch({ type: 'open', lesson: id });

/** Closes the lesson; the settings and the run stay as they are. */
export const leaveLesson = (): boolean => lessonStore.dispatch({ type: 'leave' });

export function useLesson(): LessonState {
  return useSyncExternalStore(lessonStore.subscribe, lessonStore.getSnapshot);
}
