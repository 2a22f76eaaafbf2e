/**
 * Every setting of the experiment, and the run buttons. Settings come in as
 * props and leave through onChange; this component keeps only the text of
 * fields being typed in.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { KIND_LABELS, KINDS, bodyOf, type AutoencoderKind } from '../../model/config';
import { codeBits } from '../../model/architecture';
import { formatRatio } from '../../shared/format';
import { BACKEND_CHOICES, type BackendChoice } from '../../shared/backends';
import { FIELDS, switchKind, type Settings } from '../../state/url-state';

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

export interface RunButtonsState {
  canTrain: boolean;
  training: boolean;
  paused: boolean;
  hasRun: boolean;
}

interface Props {
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
  run: RunButtonsState;
  onTrain: () => void;
  onPause: () => void;
  onResume: () => void;
  onStep: () => void;
  onReset: () => void;
}

/**
 * A text field that commits when the text is valid for its URL field, on blur
 * or Enter. Callers pass key={value} so that a new value from outside (Back,
 * a link) resets the text being edited.
 */
function FieldInput({
  label,
  param,
  value,
  onCommit,
  hint,
  inputMode,
}: {
  label: string;
  param: string;
  value: string;
  onCommit: (v: string) => void;
  hint?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const field = FIELDS.find((f) => f.param === param)!;
  const commit = () => {
    if (text === value) return;
    const result = field.parse(text.trim());
    if (result.ok) {
      setError(null);
      onCommit(text.trim());
    } else {
      setError(`Expected ${result.expected}.`);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode ?? 'decimal'}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setText(value);
            setError(null);
          }
        }}
      />
      <small id={`${id}-hint`} className={error ? 'error' : 'hint'}>
        {error ?? hint}
      </small>
    </div>
  );
}

function Slider({
  label,
  min,
  max,
  step,
  value,
  onChange,
  display,
  children,
}: {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  onChange: (v: number) => void;
  display: string;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} <span className="value">{display}</span>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      {children}
    </div>
  );
}

function Select<T extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
}) {
  const id = useId();
  const all = options.some((o) => o.value === value) ? options : [...options, { value, label: String(value) }];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => onChange(all.find((o) => String(o.value) === e.target.value)!.value)}
      >
        {all.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const parseList = (v: string) => v.split(',').map((x) => Number(x.trim()));

/**
 * Keeps keyboard focus on the run buttons: a button that becomes disabled
 * (Train once training, Pause once paused) would drop focus to the page, so
 * focus moves to the button that now does the opposite.
 */
function useRunFocus(training: boolean, paused: boolean) {
  const primary = useRef<HTMLButtonElement>(null);
  const pause = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);
  useEffect(() => {
    const track = () => {
      const active = document.activeElement;
      hadFocus.current = active === primary.current || active === pause.current;
    };
    document.addEventListener('focusin', track);
    return () => document.removeEventListener('focusin', track);
  }, []);
  useEffect(() => {
    const active = document.activeElement;
    const lost = !active || active === document.body || (active as HTMLButtonElement).disabled;
    if (!hadFocus.current || !lost) return;
    (training ? pause.current : primary.current)?.focus();
  }, [training, paused]);
  return { primaryRef: primary, pauseRef: pause };
}

export function Controls({ settings, onChange, run, onTrain, onPause, onResume, onStep, onReset }: Props) {
  const body = bodyOf(settings);
  const k = settings.codeSize;
  const bits = codeBits(k);
  const { primaryRef, pauseRef } = useRunFocus(run.training, run.paused);
  return (
    <div className="controls">
      <div className="run-buttons">
        {run.paused ? (
          <button type="button" className="primary" onClick={onResume} ref={primaryRef}>
            Resume
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={onTrain}
            disabled={!run.canTrain || run.training}
            ref={primaryRef}
          >
            Train
          </button>
        )}
        <button type="button" onClick={onPause} disabled={!run.training} ref={pauseRef}>
          Pause
        </button>
        <button type="button" onClick={onStep} disabled={!run.paused} title="Train one batch">
          Step
        </button>
        <button type="button" onClick={onReset} disabled={!run.hasRun} title="Clear the run (the settings stay)">
          Reset
        </button>
      </div>

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

      <Slider
        label="Bottleneck size"
        min={1}
        max={128}
        step={1}
        value={k}
        onChange={(codeSize) => onChange({ codeSize })}
        display={`${k}`}
      >
        <small className="hint">
          {k} number{k === 1 ? '' : 's'} per image instead of 784: {formatRatio(784 / k)}× smaller
        </small>
        <small className="hint" data-testid="code-bits">
          In bits: {bits.float32.toLocaleString('en-US')} as float32, {bits.float16.toLocaleString('en-US')} as float16,
          against {bits.image.toLocaleString('en-US')} for the 8-bit image ({formatRatio(bits.image / bits.float16)}× smaller at
          float16)
        </small>
        {k <= 2 && settings.kind === 'vanilla' && (
          <small className="hint">
            With {k === 1 ? 'one number' : 'two numbers'}, one linear layer can only keep a blurry average. Try Deep or
            Variational for a {k}-D map that sorts the digits.
          </small>
        )}
      </Slider>

      {body === 'dense' && (
        <FieldInput
          key={settings.hidden.join(',')}
          label="Hidden layers"
          param="hidden"
          inputMode="text"
          value={settings.hidden.join(',')}
          onCommit={(v) => onChange({ hidden: parseList(v) })}
          hint="widths of the encoder's layers, e.g. 128,64 (the decoder mirrors them)"
        />
      )}
      {body === 'conv' && (
        <FieldInput
          key={settings.filters.join(',')}
          label="Conv filters"
          param="filters"
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
      <FieldInput
        key={settings.epochs}
        label="Epochs"
        param="epochs"
        inputMode="numeric"
        value={String(settings.epochs)}
        onCommit={(v) => onChange({ epochs: Number(v) })}
        hint="passes over the 60,000 training digits"
      />
      <div className="seed-row">
        <FieldInput
          key={settings.seed}
          label="Seed"
          param="seed"
          inputMode="numeric"
          value={String(settings.seed)}
          onCommit={(v) => onChange({ seed: Number(v) })}
          hint="same seed, same run"
        />
        <button
          type="button"
          onClick={() => onChange({ seed: Math.floor(Math.random() * 100000) })}
          title="Pick a new random seed"
        >
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
