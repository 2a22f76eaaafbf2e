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
import { codeBits } from '../../model/architecture';
import { formatRatio } from '../../shared/format';
import { BACKEND_CHOICES, type BackendChoice } from '../../shared/backends';
import { FIELDS, switchKind, type Settings } from '../../state/url-state';
import { RunButtons, type RunButtonsProps } from './RunButtons';
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

export function Controls({ settings, onChange, run, onTrain, onPause, onResume, onStep, onReset }: Props) {
  const body = bodyOf(settings);
  const k = settings.codeSize;
  const bits = codeBits(k);
  return (
    <div className="controls">
      <RunButtons run={run} onTrain={onTrain} onPause={onPause} onResume={onResume} onStep={onStep} onReset={onReset} />

      <Select
        label="Data"
        value={settings.dataset}
        options={DATASETS.map((d) => ({ value: d, label: DATASET_INFO[d].label }))}
        onChange={(dataset) => onChange({ dataset })}
      />

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

      <Slider label="Bottleneck size" min={1} max={128} step={1} value={k} onChange={(codeSize) => onChange({ codeSize })} display={`${k}`}>
        <small className="hint">
          {k} number{k === 1 ? '' : 's'} per image instead of 784: {formatRatio(784 / k)}× smaller
        </small>
        <small className="hint">
          In bits: {bits.float32.toLocaleString('en-US')} as float32, {bits.float16.toLocaleString('en-US')} as float16, against{' '}
          {bits.image.toLocaleString('en-US')} for the 8-bit image ({formatRatio(bits.image / bits.float16)}× smaller at float16)
        </small>
        {k <= 2 && settings.kind === 'vanilla' && (
          <small className="hint">
            With {k === 1 ? 'one number' : 'two numbers'}, one linear layer can only keep a blurry average. Try Deep or Variational for a{' '}
            {k}-D map that sorts the digits.
          </small>
        )}
      </Slider>

      {body === 'dense' && (
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
      {body === 'conv' && (
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
          <Select
            label="Denoising body"
            value={settings.body}
            options={[
              { value: 'dense', label: 'Dense (fast)' },
              { value: 'conv', label: 'Convolutional' },
            ]}
            onChange={(b) => onChange({ body: b })}
          />
          <Slider
            label="Noise level"
            min={0}
            max={1}
            step={0.05}
            value={settings.noise}
            onChange={(noise) => onChange({ noise })}
            display={settings.noise.toFixed(2)}
          >
            <small className="hint">standard deviation of the Gaussian noise added to each pixel</small>
          </Slider>
        </>
      )}
      {settings.kind === 'vae' && (
        <Slider
          label="KL weight β"
          min={0}
          max={10}
          step={0.05}
          value={settings.beta}
          onChange={(beta) => onChange({ beta })}
          display={settings.beta.toFixed(2)}
        >
          <small className="hint">β = 1 is the standard VAE; larger pulls codes towards the prior</small>
        </Slider>
      )}
      <SparsityControl settings={settings} onChange={onChange} />

      <Select
        label="Loss"
        value={settings.loss}
        options={[
          { value: 'bce', label: 'Binary cross-entropy' },
          { value: 'mse', label: 'Mean squared error' },
        ]}
        onChange={(loss) => onChange({ loss })}
      />
      <Select
        label="Learning rate"
        value={settings.learningRate}
        options={[0.0001, 0.0003, 0.001, 0.002, 0.003, 0.01, 0.03, 0.1].map((v) => ({ value: v, label: String(v) }))}
        onChange={(learningRate) => onChange({ learningRate })}
      />
      <Select
        label="Batch size"
        value={settings.batchSize}
        options={[16, 32, 64, 128, 256, 512].map((v) => ({ value: v, label: String(v) }))}
        onChange={(batchSize) => onChange({ batchSize })}
      />
      <TextField
        key={settings.epochs}
        label="Epochs"
        check={urlCheck('epochs')}
        inputMode="numeric"
        value={String(settings.epochs)}
        onCommit={(v) => onChange({ epochs: Number(v) })}
        hint="passes over the 60,000 training digits"
      />
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
      <Select
        label="Backend"
        value={settings.backend}
        options={BACKEND_CHOICES.map((b) => ({ value: b, label: BACKEND_LABELS[b] }))}
        onChange={(backend) => onChange({ backend })}
      />
    </div>
  );
}
