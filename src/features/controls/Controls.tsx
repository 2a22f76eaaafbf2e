/**
 * Every setting of the experiment, and the run buttons. Settings come in as
 * props and leave through onChange; this component keeps only the text of
 * fields being typed in.
 */
import { DATASETS, DATASET_INFO } from '../../data/datasets';
import { Select } from '../../components/inputs/Select';
import { Slider } from '../../components/inputs/Slider';
import { TextField } from '../../components/inputs/TextField';
import { KIND_LABELS, KINDS, bodyOf, type AutoencoderKind } from '../../model/config';
import { BACKEND_CHOICES, type BackendChoice } from '../../shared/backends';
import { FIELDS, switchKind, type Settings } from '../../state/url-state';
import type { HideableControl } from '../../state/view-params';
import { Term } from '../../components/Term';
import { RunButtons, type RunButtonsProps } from './RunButtons';
import { CodeSizeSlider } from './CodeSizeSlider';
import { SparsityControl } from './SparsityControl';

const KIND_HINTS: Record<AutoencoderKind, string> = {
  vanilla: 'one hidden layer: the code itself',
  deep: 'dense layers narrowing to the code, mirrored back',
  conv: 'convolution and pooling, then upsampling',
  denoising: 'learns to remove noise from its input',
  vae: 'each code is a Gaussian: a smooth space to sample from',
};

const BACKEND_LABELS: Record<BackendChoice, string> = {
  auto: 'Automatic (fastest here)',
  webgl: 'WebGL (GPU)',
  webgpu: 'WebGPU (GPU)',
  wasm: 'WebAssembly (CPU, SIMD)',
  cpu: 'Plain JavaScript (CPU)',
};

interface Props extends RunButtonsProps {
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
  /** Controls a link leaves out (an instructor's choice), and how to bring them back. */
  hidden?: readonly HideableControl[];
  onShowAll?: () => void;
}

/** Checks typed text with the URL's own rule for `param`: null when valid, else what is expected. */
function urlCheck(param: string): (text: string) => string | null {
  const field = FIELDS.find((f) => f.param === param)!;
  return (text) => {
    const result = field.parse(text);
    return result.ok ? null : result.expected;
  };
}

const parseList = (v: string) => v.split(',').map((x) => Number(x.trim()));

export function Controls({ settings, onChange, run, onTrain, onPause, onResume, onStep, onReset, hidden = [], onShowAll }: Props) {
  const show = (c: HideableControl) => !hidden.includes(c);
  const body = bodyOf(settings);
  return (
    <div className="controls">
      <RunButtons run={run} onTrain={onTrain} onPause={onPause} onResume={onResume} onStep={onStep} onReset={onReset} />

      {show('dataset') && (
        <Select
          label="Data"
          value={settings.dataset}
          options={DATASETS.map((d) => ({ value: d, label: DATASET_INFO[d].label }))}
          onChange={(dataset) => onChange({ dataset })}
        />
      )}

      {show('kind') && (
        <fieldset className="kinds">
          <legend>Architecture</legend>
          {KINDS.map((kind) => (
            <div key={kind} className="kind">
              <label>
                <input
                  type="radio"
                  name="kind"
                  value={kind}
                  checked={settings.kind === kind}
                  aria-describedby={`kind-hint-${kind}`}
                  onChange={() => onChange(switchKind(settings, kind))}
                />{' '}
                {KIND_LABELS[kind]}
              </label>
              <small id={`kind-hint-${kind}`}>{KIND_HINTS[kind]}</small>
            </div>
          ))}
        </fieldset>
      )}

      {show('code') && <CodeSizeSlider settings={settings} onChange={onChange} />}

      {body === 'dense' && show('hidden') && (
        <TextField
          key={settings.hidden.join(',')}
          label="Hidden layers"
          check={urlCheck('hidden')}
          inputMode="text"
          value={settings.hidden.join(',')}
          onCommit={(v) => onChange({ hidden: parseList(v) })}
          hint="widths of the encoder's layers, e.g. 128,64 (the decoder mirrors them)"
        />
      )}
      {body === 'conv' && show('filters') && (
        <TextField
          key={settings.filters.join(',')}
          label="Conv filters"
          check={urlCheck('filters')}
          inputMode="text"
          value={settings.filters.join(',')}
          onCommit={(v) => onChange({ filters: parseList(v) })}
          hint="filters per conv + pool stage, 1 or 2 stages, e.g. 16,8"
        />
      )}
      {settings.kind === 'denoising' && (
        <>
          {show('body') && (
            <Select
              label="Denoising body"
              value={settings.body}
              options={[
                { value: 'dense', label: 'Dense (fast)' },
                { value: 'conv', label: 'Convolutional' },
              ]}
              onChange={(b) => onChange({ body: b })}
            />
          )}
          {show('noise') && (
            <Slider
              label="Noise level"
              min={0}
              max={1}
              step={0.05}
              value={settings.noise}
              onChange={(noise) => onChange({ noise })}
              display={settings.noise.toFixed(2)}
            >
              <small className="hint">
                how much random speckle (<Term id="gaussian-noise">Gaussian noise</Term>) is added to each pixel: its standard deviation
              </small>
            </Slider>
          )}
        </>
      )}
      {settings.kind === 'vae' && show('beta') && (
        <Slider
          label="KL weight β"
          min={0}
          max={10}
          step={0.05}
          value={settings.beta}
          onChange={(beta) => onChange({ beta })}
          display={settings.beta.toFixed(2)}
        >
          <small className="hint">
            the weight of the <Term id="kl">KL penalty</Term>: 1 is the standard VAE; larger pulls codes towards a bell curve
          </small>
        </Slider>
      )}
      {show('l1') && <SparsityControl settings={settings} onChange={onChange} />}

      {show('loss') && (
        <Select
          label="Loss"
          value={settings.loss}
          options={[
            { value: 'bce', label: 'Binary cross-entropy' },
            { value: 'mse', label: 'Mean squared error' },
          ]}
          onChange={(loss) => onChange({ loss })}
          hint={
            <>
              how the output’s difference from the input is scored: <Term id="bce">cross-entropy</Term> suits pixels between 0 and 1;{' '}
              <Term id="mse">squared error</Term> is the plain distance
            </>
          }
        />
      )}
      {show('lr') && (
        <Select
          label="Learning rate"
          value={settings.learningRate}
          options={[0.0001, 0.0003, 0.001, 0.002, 0.003, 0.01, 0.03, 0.1].map((v) => ({ value: v, label: String(v) }))}
          onChange={(learningRate) => onChange({ learningRate })}
          hint={
            <>
              how big a change each <Term id="step">training step</Term> makes to the weights
            </>
          }
        />
      )}
      {show('batch') && (
        <Select
          label="Batch size"
          value={settings.batchSize}
          options={[16, 32, 64, 128, 256, 512].map((v) => ({ value: v, label: String(v) }))}
          onChange={(batchSize) => onChange({ batchSize })}
          hint={
            <>
              how many images each <Term id="step">step</Term> learns from
            </>
          }
        />
      )}
      {show('epochs') && (
        <TextField
          key={settings.epochs}
          label="Epochs"
          check={urlCheck('epochs')}
          inputMode="numeric"
          value={String(settings.epochs)}
          onCommit={(v) => onChange({ epochs: Number(v) })}
          hint="passes over the 60,000 training images"
        />
      )}
      {show('seed') && (
        <div className="seed-row">
          <TextField
            key={settings.seed}
            label="Seed"
            check={urlCheck('seed')}
            inputMode="numeric"
            value={String(settings.seed)}
            onCommit={(v) => onChange({ seed: Number(v) })}
            hint="same seed, same run"
          />
          <button type="button" onClick={() => onChange({ seed: Math.floor(Math.random() * 100000) })} title="Pick a new random seed">
            New seed
          </button>
        </div>
      )}
      {show('backend') && (
        <Select
          label="Backend"
          value={settings.backend}
          options={BACKEND_CHOICES.map((b) => ({ value: b, label: BACKEND_LABELS[b] }))}
          onChange={(backend) => onChange({ backend })}
        />
      )}
      {hidden.length > 0 && (
        <p className="hidden-controls hint">
          This link hides {hidden.length} control{hidden.length === 1 ? '' : 's'}.{' '}
          {onShowAll && (
            <button type="button" className="quiet" onClick={onShowAll}>
              Show every control
            </button>
          )}
        </p>
      )}
    </div>
  );
}
