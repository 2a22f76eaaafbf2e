/**
 * A walk through code space: the codes of two digits joined by a straight
 * line, decoded at evenly spaced points. In a well-trained latent space the
 * middle images are still digit-like and morph from one to the other; where
 * the line crosses empty space they blur.
 */
import { useEffect, useMemo, useState } from 'react';
import { DigitImage } from '../../components/DigitImage';
import { DigitStrip } from '../../components/DigitStrip';
import { latestOnly } from '../../shared/latest-only';
import type { AskModel } from '../../training/protocol';
import { aDigit } from '../../shared/format';
import { PanelError } from '../../components/PanelError';
import { lineBetween } from '../../shared/code-line';

export interface InterpolationEnd {
  /** A test digit index, or 'drawing'. */
  id: number | 'drawing';
  code: Float32Array;
  name: string;
}

export interface InterpolationPanelProps {
  ask: AskModel;
  step: number;
  /** Test digits to choose from: index and label. */
  choices: { index: number; label: number }[];
  /** The code of the drawing on the pad, if any. */
  drawing: Float32Array | null;
  /** The two ends chosen: test digit indices or the drawing. */
  chosen: [InterpolationChoice, InterpolationChoice];
  onChoose(chosen: [InterpolationChoice, InterpolationChoice]): void;
  /** Reports the two ends (or null), for the latent view to draw the segment. */
  onEnds(ends: [InterpolationEnd, InterpolationEnd] | null): void;
}

export type InterpolationChoice = number | 'drawing';
type Choice = InterpolationChoice;
const parseChoice = (v: string): Choice => (v === 'drawing' ? 'drawing' : Number(v));

export function InterpolationPanel({ ask, step, choices, drawing, chosen, onChoose, onEnds }: InterpolationPanelProps) {
  const [from, to] = chosen;
  const setFrom = (c: Choice) => onChoose([c, to]);
  const setTo = (c: Choice) => onChoose([from, c]);
  const [steps, setSteps] = useState(10);
  const [t, setT] = useState(0.5);
  const [ends, setEnds] = useState<[InterpolationEnd, InterpolationEnd] | null>(null);
  const [row, setRow] = useState<{ images: Uint8Array; steps: number } | null>(null);
  const [walk, setWalk] = useState<Uint8Array | null>(null);
  const [error, setError] = useState<string | null>(null);
  const missingDrawing = (from === 'drawing' || to === 'drawing') && !drawing;
  const labelOf = (c: Choice) =>
    c === 'drawing' ? 'your drawing' : `test digit #${c} (${aDigit(choices.find((x) => x.index === c)?.label ?? '?')})`;

  // The codes of the two ends, asked again as the model trains.
  useEffect(() => {
    let cancelled = false;
    const indices = [from, to].filter((c): c is number => c !== 'drawing');
    if (missingDrawing) return;
    (indices.length ? ask({ kind: 'digits', indices }) : Promise.resolve(null)).then(
      (answer) => {
        if (cancelled) return;
        const k = answer ? answer.result.codes.length / indices.length : drawing!.length;
        const codeOf = (c: Choice) =>
          c === 'drawing' ? drawing! : answer!.result.codes.slice(indices.indexOf(c) * k, (indices.indexOf(c) + 1) * k);
        setError(null);
        setEnds([
          { id: from, code: codeOf(from), name: labelOf(from) },
          { id: to, code: codeOf(to), name: labelOf(to) },
        ]);
      },
      (err: unknown) => !cancelled && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      cancelled = true;
    };
    // labelOf depends on choices only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ask, from, to, drawing, step, missingDrawing]);

  useEffect(() => onEnds(ends), [ends, onEnds]);
  // Off this tab, the latent view shows no segment.
  useEffect(() => () => onEnds(null), [onEnds]);

  const rowAsker = useMemo(
    () =>
      latestOnly(
        (arg: { a: Float32Array; b: Float32Array; steps: number }) =>
          ask({ kind: 'decode', codes: lineBetween(arg.a, arg.b, arg.steps), count: arg.steps }),
        (answer, arg) => setRow({ images: answer.result.images, steps: arg.steps }),
        (err) => setError(err instanceof Error ? err.message : String(err)),
      ),
    [ask],
  );
  const walkAsker = useMemo(
    () =>
      latestOnly(
        (arg: { a: Float32Array; b: Float32Array; t: number }) => {
          const code = arg.a.map((v, j) => (1 - arg.t) * v + arg.t * arg.b[j]);
          return ask({ kind: 'decode', codes: code, count: 1 });
        },
        (answer) => setWalk(answer.result.images),
      ),
    [ask],
  );
  useEffect(() => {
    if (ends) rowAsker.call({ a: ends[0].code, b: ends[1].code, steps });
  }, [ends, steps, rowAsker]);
  useEffect(() => {
    if (ends) walkAsker.call({ a: ends[0].code, b: ends[1].code, t });
  }, [ends, t, walkAsker]);

  const options = (
    <>
      {choices.map((c) => (
        <option key={c.index} value={c.index}>
          #{c.index}: {aDigit(c.label)}
        </option>
      ))}
      <option value="drawing" disabled={!drawing}>
        your drawing{drawing ? '' : ' (draw one first)'}
      </option>
    </>
  );
  return (
    <div className="panel-body">
      <div className="panel-options">
        <label>
          From
          <select value={String(from)} onChange={(e) => setFrom(parseChoice(e.target.value))}>
            {options}
          </select>
        </label>
        <label>
          To
          <select value={String(to)} onChange={(e) => setTo(parseChoice(e.target.value))}>
            {options}
          </select>
        </label>
        <span className="hint">or click digits in the latent space: each click becomes “To”, the old “To” becomes “From”.</span>
        <label>
          Steps {steps}
          <input type="range" min={3} max={16} value={steps} onChange={(e) => setSteps(Number(e.target.value))} />
        </label>
      </div>
      <PanelError message={missingDrawing ? 'Draw a digit on the pad first, or choose a test digit.' : error} />
      {row && ends && !missingDrawing && (
        <DigitStrip
          digits={row.images}
          scale={2}
          perRow={row.steps}
          captions={Array.from({ length: row.steps }, (_, s) => (s / (row.steps - 1)).toFixed(2))}
          label={`${row.steps} decodings on the straight line from the code of ${ends[0].name} (t = 0) to the code of ${ends[1].name} (t = 1)`}
        />
      )}
      <div className="walk">
        <label>
          Walk the line: t = {t.toFixed(2)}
          <input type="range" min={0} max={1} step={0.01} value={t} onChange={(e) => setT(Number(e.target.value))} />
        </label>
        <DigitImage digit={missingDrawing ? null : walk} scale={4} label={`Decoded at t = ${t.toFixed(2)} between the two codes`} />
      </div>
    </div>
  );
}
