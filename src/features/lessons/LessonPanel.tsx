/**
 * The open lesson, docked above the views: the step's task, how far the
 * learner is, and, once the step is done, what it shows, with Next step.
 * Leave closes it and changes nothing else. Plain data in, callbacks out.
 */
import type { Lesson } from '../../lessons/lesson-schema';
import type { LessonPosition } from '../../lessons/lesson-progress';
import { LessonText } from './LessonText';
import './lessons.css';

export interface LessonPanelProps {
  /** The lesson the position names, or null when there is none by that id. */
  lesson: Lesson | null;
  position: LessonPosition;
  /** How far the learner is with the step's training ("Trained 80 of 150 steps."), if it counts. */
  progress: string | null;
  /** The lesson after this one, offered once it is finished. */
  nextLesson: Lesson | null;
  /** Problems of a lesson file that exists but did not validate. */
  brokenProblems: string[] | null;
  onNext(): void;
  onBack(): void;
  onLeave(): void;
  onOpen(id: string): void;
  onList(): void;
}

function Unknown({ id, problems, onList, onLeave }: { id: string; problems: string[] | null; onList(): void; onLeave(): void }) {
  return (
    <section className="lesson-panel" aria-labelledby="lesson-h">
      <h2 id="lesson-h">No lesson here</h2>
      {problems ? (
        <>
          <p>The lesson “{id}” has mistakes in its file, so it cannot be shown:</p>
          <ul className="lesson-problems">
            {problems.slice(0, 5).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>There is no lesson called “{id}”. The link may be mistyped, or the lesson was renamed.</p>
      )}
      <div className="lesson-buttons">
        <button type="button" className="primary" onClick={onList}>
          See the lessons
        </button>
        <button type="button" onClick={onLeave}>
          Close
        </button>
      </div>
    </section>
  );
}

export function LessonPanel(props: LessonPanelProps) {
  const { lesson, position, progress, nextLesson, onNext, onBack, onLeave, onOpen } = props;
  if (!lesson) return <Unknown id={position.lesson} problems={props.brokenProblems} onList={props.onList} onLeave={onLeave} />;
  const total = lesson.steps.length;
  const step = lesson.steps[position.step];
  const leave = (
    <button type="button" className="lesson-leave" onClick={onLeave} title="Close the lesson (Escape); the settings and the run stay">
      Leave the lesson
    </button>
  );
  if (!step) {
    return (
      <section className="lesson-panel" aria-labelledby="lesson-h">
        <div className="lesson-head">
          <h2 id="lesson-h">Lesson finished: {lesson.title}</h2>
          {leave}
        </div>
        <p>Everything on the page stays as it is: go on playing with it.</p>
        <div className="lesson-buttons">
          {nextLesson && (
            <button type="button" className="primary" onClick={() => onOpen(nextLesson.id)}>
              Next lesson: {nextLesson.title}
            </button>
          )}
          <button type="button" onClick={onBack}>
            Back
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="lesson-panel" aria-labelledby="lesson-h">
      <div className="lesson-head">
        <h2 id="lesson-h">
          <span className="lesson-title">{lesson.title}</span> · step {position.step + 1} of {total}: {step.title}
        </h2>
        {leave}
      </div>
      <div className={position.done ? 'lesson-body done' : 'lesson-body'}>
        <div>
          <p className="lesson-task">
            <strong>Your turn: </strong>
            <LessonText text={step.task} />
          </p>
          <p className="lesson-progress" role="status">
            {position.done ? '✓ Done.' : (progress ?? 'Waiting for you…')}
          </p>
          <div className="lesson-buttons">
            <button type="button" className="primary" onClick={onNext} disabled={!position.done}>
              {position.step + 1 < total ? 'Next step' : 'Finish the lesson'}
            </button>
            {position.step > 0 && (
              <button type="button" onClick={onBack}>
                Back
              </button>
            )}
          </div>
        </div>
        {/* Beside the task once it is done (under it on a narrow screen). */}
        <div aria-live="polite">
          {position.done && (
            <div className="lesson-explain" aria-label="What you see">
              <LessonText text={step.explain} />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
