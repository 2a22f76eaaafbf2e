/**
 * The model's shape: input → encoder layers → code → decoder layers → output,
 * each drawn as a bar whose height grows with the layer's size, with the
 * parameter count and how much the code compresses an image. Bars are named
 * in plain words; the layers' technical names are one click away.
 */
import { memo, useState } from 'react';
import type { Architecture, LayerInfo } from '../../model/architecture';
import { Term } from '../../components/Term';
import { formatCount, formatRatio } from '../../shared/format';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const fmt = formatCount;

type Role = 'input' | 'encoder' | 'code' | 'sample' | 'decoder' | 'output';

/** A layer's name in plain words, from its technical label and its place in the model. */
export function plainLabel(layer: LayerInfo, role: Role): string {
  const units = size(layer.shape);
  if (role === 'input') return 'Image in';
  if (role === 'output') return 'Image out';
  if (role === 'sample') return 'Sample a code';
  if (role === 'code') {
    if (layer.label.includes('mean')) return 'Code: means';
    if (layer.label.includes('variance')) return 'Code: spreads';
    return `Code: ${units} number${units === 1 ? '' : 's'}`;
  }
  if (layer.label.startsWith('Max-pool')) return 'Shrink ÷2';
  if (layer.label.startsWith('Up-sample')) return 'Grow ×2';
  if (layer.label.startsWith('Conv')) return `${layer.shape[2]} filter maps`;
  return `${fmt(units)} units`;
}

function BarBody({ layer, role }: { layer: LayerInfo; role: Role }) {
  const units = size(layer.shape);
  const height = 14 + Math.sqrt(units / 12544) * 110;
  const technical = role === 'input' ? 'Input, 784 pixels' : role === 'output' ? `${layer.label} → 784 pixels` : layer.label;
  return (
    <span className={`layer ${role}`} title={`${technical}: ${layer.shape.join('×')}, ${fmt(layer.params)} parameters`}>
      <span className="bar" style={{ height }} />
      <span className="layer-label">{plainLabel(layer, role)}</span>
      <span className="layer-tech">{technical}</span>
      <span className="layer-shape">{layer.shape.join('×')}</span>
    </span>
  );
}

function Bar({ layer, role }: { layer: LayerInfo; role: Role }) {
  return (
    <div className="column">
      <BarBody layer={layer} role={role} />
    </div>
  );
}

function ModelSummaryImpl({ arch, kindLabel }: { arch: Architecture; kindLabel: string }) {
  const [technical, setTechnical] = useState(false);
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
    <section className={`model-summary${technical ? ' technical' : ''}`} aria-label="Model">
      <div className="layers" role="img" aria-label={summary}>
        <Bar layer={input} role="input" />
        {trunk.map((l, i) => (
          <Bar key={`e${i}`} layer={l} role="encoder" />
        ))}
        {heads.length > 1 ? (
          <>
            <div className="column heads">
              {heads.map((l, i) => (
                <BarBody key={`h${i}`} layer={l} role="code" />
              ))}
            </div>
            <Bar layer={sampling} role="sample" />
          </>
        ) : (
          heads.map((l, i) => <Bar key={`c${i}`} layer={l} role="code" />)
        )}
        {arch.decoder.map((l, i) => (
          <Bar key={`d${i}`} layer={l} role={i === arch.decoder.length - 1 ? 'output' : 'decoder'} />
        ))}
      </div>
      <p className="stage-labels" aria-hidden="true">
        <span>encoder</span>
        <span className="code-tag">code</span>
        <span>decoder</span>
      </p>
      <div className="model-text">
        <p className="compression">
          <strong>
            The code is {formatRatio(arch.compressionRatio)}× smaller than the image: {k} number{k === 1 ? '' : 's'} stand
            {k === 1 ? 's' : ''} for 784 pixels.
          </strong>{' '}
          The model learns {fmt(arch.paramCount)} <Term id="parameters">weights</Term> to do it.
        </p>
        <p className="hint">
          <label className="tech-toggle">
            <input type="checkbox" checked={technical} onChange={(e) => setTechnical(e.target.checked)} /> Show the layers’ technical names
          </label>
        </p>
      </div>
    </section>
  );
}

export const ModelSummary = memo(ModelSummaryImpl);
