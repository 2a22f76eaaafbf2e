/**
 * Draws on a canvas in a task of its own, after React's commit: the render
 * that brings new data and each canvas's drawing then count as separate
 * main-thread tasks, none long enough to hold up a click, instead of one
 * that adds them all up. A draw asked for while one waits replaces it (only
 * the newest data is drawn); unmounting cancels it.
 */
import { useEffect, useRef, type DependencyList } from 'react';

export function useDeferredDraw(draw: () => void, deps: DependencyList): void {
  const drawRef = useRef(draw);
  useEffect(() => {
    drawRef.current = draw;
  });
  useEffect(() => {
    const id = setTimeout(() => drawRef.current(), 0);
    return () => clearTimeout(id);
    // The caller's deps decide when to draw again; `draw` itself is read when the task runs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
