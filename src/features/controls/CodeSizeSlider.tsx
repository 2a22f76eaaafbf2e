/**
 * The bottleneck slider: the code's size k, with what it means for an image
 * in plain words first (how many times smaller), the bits for storage after.
 */
import { Slider } from '../../components/inputs/Slider';
import { Term } from '../../components/Term';
import { codeBits } from '../../model/architecture';
import { formatCount, formatRatio } from '../../shared/format';
import type { Settings } from '../../state/url-state';

export function CodeSizeSlider({ settings, onChange }: { settings: Settings; onChange: (patch: Partial<Settings>) => void }) {
  const k = settings.codeSize;
  const bits = codeBits(k);
  return (
    <Slider label="Bottleneck size" min={1} max={128} step={1} value={k} onChange={(codeSize) => onChange({ codeSize })} display={`${k}`}>
      <small className="hint">
        <strong>
          The <Term id="code">code</Term> is {formatRatio(784 / k)}× smaller than the image
        </strong>
        : {k} number{k === 1 ? '' : 's'} instead of 784 pixels.
      </small>
      <small className="hint">
        In bits (for storage): {formatCount(bits.float32)} as float32, {formatCount(bits.float16)} as float16, against{' '}
        {formatCount(bits.image)} for the 8-bit image ({formatRatio(bits.image / bits.float16)}× smaller at float16)
      </small>
      {k <= 2 && settings.kind === 'vanilla' && (
        <small className="hint">
          With {k === 1 ? 'one number' : 'two numbers'}, one linear layer can only keep a blurry average. Try Deep or Variational for a {k}
          -D map that sorts the digits.
        </small>
      )}
    </Slider>
  );
}
