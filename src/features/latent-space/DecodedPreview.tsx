/**
 * Beside the latent map: the decoder's image of the point under the cursor,
 * how long it took, what a point of this view means, and the test digit
 * under the cursor with its reconstruction.
 */
import { DigitImage } from '../../components/DigitImage';
import { aDigit } from '../../shared/format';

export interface Decoded {
  digit: Uint8Array;
  ms: number;
  /** The training step of the weights that decoded it. */
  step: number;
  at: [number, number];
  /** The view it was decoded from: a caption from another projection would name the wrong point. */
  view: string;
}

export interface HoverDigit {
  index: number;
  label: number;
  original: Uint8Array;
  output: Uint8Array;
}

export interface DecodedPreviewProps {
  /** The decoded point of the view shown, if any. */
  decoded: Decoded | null;
  error: string | null;
  /** A point of the view as the caption writes it. */
  where: (x: number, y: number) => string;
  method: 'identity' | 'pca' | 'umap';
  codeSize: number;
  /** What the polite live region says about the keyboard's cursor. */
  announcement: string;
  hoverDigit: HoverDigit | null;
}

export function DecodedPreview({
  decoded: current,
  error: decodeError,
  where,
  method,
  codeSize: k,
  announcement,
  hoverDigit,
}: DecodedPreviewProps) {
  return (
    <div className="decoded-preview" aria-live="off">
      <h3>Decoded point</h3>
      <DigitImage
        digit={current?.digit ?? null}
        scale={4}
        label={current ? `Decoded digit at ${where(current.at[0], current.at[1])}` : 'No point decoded yet'}
      />
      <p className="hint">
        {decodeError
          ? `Cannot decode: ${decodeError}`
          : current
            ? `at ${where(current.at[0], current.at[1])}, model of step ${current.step}, decoded in ${Math.round(current.ms)} ms`
            : 'Point anywhere in the latent space, or focus it and use the arrow keys.'}
      </p>
      {method === 'pca' && (
        <p className="hint">
          A point of this view is the mean code moved along the two axes; the other {k - 2} numbers stay at their mean, so it can differ
          from a digit’s own reconstruction.
        </p>
      )}
      {method === 'umap' && <p className="hint">Between digits, the decoded code is the weighted mean of the nearest digits’ codes.</p>}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {hoverDigit && (
        <div className="hover-digit">
          <h3>
            Test digit #{hoverDigit.index}: {aDigit(hoverDigit.label)}
          </h3>
          <div className="pair">
            <DigitImage digit={hoverDigit.original} scale={2} label={`Test digit ${hoverDigit.index}, ${aDigit(hoverDigit.label)}`} />
            <DigitImage digit={hoverDigit.output} scale={2} label={`Reconstruction of test digit ${hoverDigit.index}`} />
          </div>
          <p className="hint">image · reconstruction</p>
        </div>
      )}
    </div>
  );
}
