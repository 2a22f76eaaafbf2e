/**
 * Draw your own digit: the pad, what the model makes of the drawing (updated
 * while drawing), and its code — the few numbers everything passes through.
 * The code is also marked in the latent space (a star), through onCode.
 */
import { useEffect, useMemo, useState } from 'react';
import { DigitImage } from '../../components/DigitImage';
import { latestOnly } from '../../shared/latest-only';
import type { AskModel } from '../../training/protocol';
import { DrawPad } from './DrawPad';
import { PanelError } from '../../components/PanelError';

export interface DrawnDigit {
  digit: Float32Array;
  code: Float32Array;
  output: Uint8Array;
}

export interface DrawPanelProps {
  ask: AskModel | null;
  /** The model's step: the drawing is encoded again as it trains. */
  step: number;
  onCode(drawn: DrawnDigit | null): void;
}

const fmt = (v: number) => (v < 0 ? '−' : '') + Math.abs(v).toFixed(2);

export function DrawPanel({ ask, step, onCode }: DrawPanelProps) {
  const [digit, setDigit] = useState<Float32Array | null>(null);
  const [drawn, setDrawn] = useState<DrawnDigit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const encoder = useMemo(
    () =>
      ask &&
      latestOnly(
        (d: Float32Array) => ask({ kind: 'encode', images: d, count: 1 }),
        (answer, d) => {
          setError(null);
          setDrawn({ digit: d, code: answer.result.codes, output: answer.result.outputs });
        },
        (err) => setError(err instanceof Error ? err.message : String(err)),
      ),
    [ask],
  );
  useEffect(() => {
    if (digit && encoder) encoder.call(digit);
  }, [digit, encoder, step]);
  useEffect(() => onCode(digit && ask ? drawn : null), [digit, drawn, ask, onCode]);

  // With no model (after Reset) there is nothing to show for the drawing.
  const shown = digit && ask ? drawn : null;
  const k = shown?.code.length ?? 0;
  return (
    <div className="draw-panel">
      <DrawPad onChange={setDigit} />
      <div className="draw-result">
        <h3>The model’s reconstruction</h3>
        <DigitImage digit={shown?.output ?? null} scale={4} label={shown ? 'Reconstruction of your drawing' : 'No drawing yet'} />
        <PanelError message={error} />
        {!ask && <p className="hint">Train a model to see what it makes of your drawing.</p>}
        {shown && (
          <p className="code-values">
            Its code ({k} number{k === 1 ? '' : 's'}
            {k > 16 ? ', first 16 shown' : ''}): {Array.from(shown.code.subarray(0, 16), fmt).join(', ')}
            {k > 16 ? ', …' : ''}
          </p>
        )}
        {shown && <p className="hint">Its place in the latent space is the white star.</p>}
      </div>
    </div>
  );
}
