/**
 * Every lesson shipped with the page: the JSON files in ./content, each
 * checked by the schema, in their order. A file with mistakes is left out of
 * the list and kept with its problems, so that its link says what is wrong
 * instead of breaking the page.
 */
import { validateLesson, type Lesson } from './lesson-schema';

export interface LessonCatalog {
  /** The valid lessons, by their order. */
  lessons: Lesson[];
  /** Files that did not validate, by their name (without ".json"). */
  broken: { id: string; problems: string[] }[];
}

/** The file's name without its folder and ".json". */
export const fileIdOf = (path: string) => path.replace(/^.*\//, '').replace(/\.json$/, '');

/** Builds a catalog from files' contents by path. */
export function catalogOf(files: Record<string, unknown>): LessonCatalog {
  const lessons: Lesson[] = [];
  const broken: LessonCatalog['broken'] = [];
  for (const [path, raw] of Object.entries(files)) {
    const id = fileIdOf(path);
    const result = validateLesson(raw, id);
    if (result.ok) lessons.push(result.lesson);
    else broken.push({ id, problems: result.problems });
  }
  lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { lessons, broken };
}

/** Problems of the set: two lessons in the same place of the order. */
export function catalogProblems(catalog: LessonCatalog): string[] {
  const problems: string[] = [];
  catalog.lessons.forEach((l, i) => {
    const before = catalog.lessons[i - 1];
    if (before && before.order === l.order) problems.push(`${before.id} and ${l.id} both have order ${l.order}`);
  });
  return problems;
}

/** The shipped lessons' files, read at build time. */
export const LESSON_FILES: Record<string, unknown> = import.meta.glob('./content/*.json', { eager: true, import: 'default' });

export const LESSONS: LessonCatalog = catalogOf(LESSON_FILES);

/** The lesson with this id, or null. */
export function lessonById(id: string, catalog: LessonCatalog = LESSONS): Lesson | null {
  return catalog.lessons.find((l) => l.id === id) ?? null;
}

/** The lesson after this one in the order, or null after the last. */
export function lessonAfter(id: string, catalog: LessonCatalog = LESSONS): Lesson | null {
  const i = catalog.lessons.findIndex((l) => l.id === id);
  return i >= 0 ? (catalog.lessons[i + 1] ?? null) : null;
}
