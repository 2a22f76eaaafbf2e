/**
 * The model's shape: input → encoder layers → code → decoder layers → output,
 * each drawn as a bar whose height grows with the layer's size, with the
 * parameter count and how much the code compresses an image.
 */
import { memo } from 'react';
import type { Architecture, LayerInfo } from '../../model/architecture';
import { formatRatio } from '../../shared/format';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const fmt = (n: number) => n.toLocaleString('en-US');

type Role = 'input' | 'encoder' | 'code' | 'sample' | 'decoder' | 'output';

function BarBody({ layer, role }: { layer: LayerInfo; role: Role }) {
  const units = size(layer.shape);
  const height = 14 + Math.sqrt(units / 12544) * 110;
  return (
    <span className={`layer ${role}`} title={`${layer.label}: ${layer.shape.join('×')}, ${fmt(layer.params)} parameters`}>
      <span className="bar" style={{ height }} />
      <span className="layer-label">{layer.label}</span>
      <span className="layer-shape">{layer.shape.join('×')}</span>
    </span>
  );
}

function Bar({ layer, role }: { layer: LayerInfo; role: Role }) {
  return (
    <li className="column">
      <BarBody layer={layer} role={role} />
    </li>
  );
}

function ModelSummaryImpl({ arch, kindLabel }: { arch: Architecture; kindLabel: string }) {
  const k = arch.codeSize;
  const input: LayerInfo = { label: 'Input image', shape: [784], params: 0 };
  const trunk = arch.encoder.filter((l) => !l.code);
  const heads = arch.encoder.filter((l) => l.code);
  const sampling: LayerInfo = { label: 'Sample z = μ + σ·ε', shape: [k], params: 0 };
  const summary =
    `${kindLabel} autoencoder: 784 inputs, encoder ${trunk.map((l) => l.shape.join('×')).join(' → ')}` +
    (heads.length > 1 ? ` → mean and log-variance heads of ${k}, sampled to a code of ${k}, ` : ` → code ${k}, `) +
    `decoder ${arch.decoder.map((l) => l.shape.join('×')).join(' → ')}; ${fmt(arch.paramCount)} parameters; ` +
    `code of ${k}, compression ${arch.compressionRatio.toFixed(1)}×`;
  return (
    <section className="model-summary" aria-label="Model">
      <ol className="layers" role="img" aria-label={summary}>
        <Bar layer={input} role="input" />
        {trunk.map((l, i) => (
          <Bar key={`e${i}`} layer={l} role="encoder" />
        ))}
        {heads.length > 1 ? (
          <>
            <li className="column heads">
              {heads.map((l, i) => (
                <BarBody key={`h${i}`} layer={l} role="code" />
              ))}
            </li>
            <Bar layer={sampling} role="sample" />
          </>
        ) : (
          heads.map((l, i) => <Bar key={`c${i}`} layer={l} role="code" />)
        )}
        {arch.decoder.map((l, i) => (
          <Bar
            key={`d${i}`}
            layer={i === arch.decoder.length - 1 ? { ...l, label: `${l.label} → image` } : l}
            role={i === arch.decoder.length - 1 ? 'output' : 'decoder'}
          />
        ))}
      </ol>
      <p className="stage-labels" aria-hidden="true">
        <span>encoder</span>
        <span className="code-tag">code</span>
        <span>decoder</span>
      </p>
      <dl className="facts">
        <div>
          <dt>Parameters</dt>
          <dd>{fmt(arch.paramCount)}</dd>
        </div>
        <div>
          <dt>Code size</dt>
          <dd>{k}</dd>
        </div>
        <div>
          <dt>Compression</dt>
          <dd>
            784 / {k} = {formatRatio(arch.compressionRatio)}×
          </dd>
        </div>
        <div>
          <dt>Bytes per image</dt>
          <dd>
            784 as 8-bit pixels, {fmt(4 * k)} as a float32 code
            {4 * k < 784 ? ` (${formatRatio(784 / (4 * k))}× smaller)` : ' (no smaller: the code is compressed in numbers, not bytes)'}
          </dd>
        </div>
      </dl>
    </section>
  );
}

export const ModelSummary = memo(ModelSummaryImpl);
