/**
 * What the learner has done on the page beyond the settings and the run:
 * the question tab open and the drawings the model has encoded. The
 * views report it (ModelQuestions); lessons read it (lesson-store.ts).
 */
import { useSyncExternalStore } from 'react';
import type { QuestionTab } from '../lessons/lesson-targets';
import { ExternalStore } from './external-store';

export interface PageActivity {
  tab: QuestionTab | null;
  /** How many drawings the model has encoded since the page opened (a drawing changed is a new one). */
  drawings: number;
}

class PageActivityStore extends ExternalStore<PageActivity> {
  private lastDrawing: object | null = null;

  /** The open tab, and the drawing the model encoded (the same object while it is only encoded again). */
  report({ tab, drawing }: { tab: QuestionTab; drawing: object | null }): void {
    const drawings = drawing && drawing !== this.lastDrawing ? this.state.drawings + 1 : this.state.drawings;
    this.lastDrawing = drawing;
    if (tab !== this.state.tab || drawings !== this.state.drawings) this.patch({ tab, drawings });
  }
}

export const pageActivity = new PageActivityStore({ tab: null, drawings: 0 });

export function usePageActivity(): PageActivity {
  return useSyncExternalStore(pageActivity.subscribe, pageActivity.getSnapshot);
}
