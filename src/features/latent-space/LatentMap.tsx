/**
 * The latent space as an instrument. Point anywhere and the decoder's image
 * of that point shows at once; point at a test digit and its image and
 * reconstruction show too. A 2-D code can be mapped whole (the decoded
 * grid); a wider code is seen through PCA (linear: every point of the view
 * is a code) or UMAP (non-linear: neighbourhoods kept, points between
 * digits decoded from their nearest codes). The VAE's prior is drawn as
 * contours over the codes it is meant to shape.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SaveImageButton } from '../../components/SaveImageButton';
import { usePaced } from '../../components/use-paced';
import type { AutoencoderKind } from '../../model/config';
import { aDigit } from '../../shared/format';
import { latestOnly } from '../../shared/latest-only';
import type { AskModel } from '../../training/protocol';
import { DecodedGridBlock } from './DecodedGridBlock';
import { DecodedPreview, type Decoded, type HoverDigit } from './DecodedPreview';
import type { LatentData } from './latent-data';
import { LatentScatter, type LatentHover } from './LatentScatter';
import type { LatentMarker } from './scatter-drawing';
import { useDecodedGrid } from './use-decoded-grid';
import { codeAt, placeCode, type ViewGeometry } from './view-mapping';

/** Lays out codes in 2-D (UMAP, in a worker); reports intermediate layouts; null when a newer layout superseded it. */
export type UmapLayout = (
  codes: Float32Array,
  n: number,
  dim: number,
  onProgress: (epoch: number, total: number, points: Float32Array) => void,
) => Promise<Float32Array | null>;

export interface CodeMarker {
  code: Float32Array;
  /** The test digit it stands for, if any: it is then drawn on that digit's own point (same step as the view). */
  index?: number;
  label: string;
  shape: LatentMarker['shape'];
}

export interface LatentMapProps {
  latent: LatentData;
  kind: AutoencoderKind;
  training: boolean;
  ask: AskModel;
  umap: UmapLayout | null;
  markers?: CodeMarker[];
  /** Two codes joined by a segment (an interpolation), with the test digits they stand for. */
  segment?: readonly [{ code: Float32Array; index?: number }, { code: Float32Array; index?: number }] | null;
  /** A test digit picked by click or Enter. */
  onPick?: (index: number) => void;
  highlight?: number[];
  size?: number;
}

/** While training, UMAP is laid out again at most this often (ms): it takes seconds. */
const UMAP_EVERY_MS = 15_000;

const fmt = (v: number) => v.toFixed(2).replace('-', '−');
/** Milliseconds since the page loaded (decode latency is measured from the pointer event to the answer). */
const now = () => performance.now();

export function LatentMap(props: LatentMapProps) {
  const { latent, kind, training, ask, umap, markers, segment, onPick, highlight, size = 420 } = props;
  const k = latent.codeSize;
  const wide = k > 2;
  const [projection, setProjection] = useState<'pca' | 'umap'>('pca');
  const row = useRef<HTMLDivElement>(null);
  const [umapView, setUmapView] = useState<{ points: Float32Array; step: number; status: string } | null>(null);
  const [decoded, setDecoded] = useState<Decoded | null>(null);
  const [decodeError, setDecodeError] = useState<string | null>(null);
  const [hoverDigit, setHoverDigit] = useState<HoverDigit | null>(null);
  const [showGrid, setShowGrid] = useState(kind === 'vae');
  const [showPrior, setShowPrior] = useState(true);
  const [announcement, setAnnouncement] = useState('');

  const useUmap = wide && projection === 'umap' && umap !== null;
  const shownPoints = useUmap && umapView ? umapView.points : latent.points;
  const method = useUmap && umapView ? 'umap' : latent.method;
  const viewName = `${method}:${k}`;
  /** A point of the view as the caption writes it: the code itself for 1 or 2 numbers. */
  const where = (x: number, y: number) => (k === 1 ? `code ${fmt(x)}` : `(${fmt(x)}, ${fmt(y)})`);
  const geometry: ViewGeometry = useMemo(
    () => ({ method, codeSize: k, codes: latent.codes, points: shownPoints, mean: latent.mean, axes: latent.axes }),
    [method, k, latent.codes, shownPoints, latent.mean, latent.axes],
  );

  // UMAP: laid out again when the codes have moved on, not more often than UMAP_EVERY_MS while training.
  const layOut = useMemo(
    () =>
      useUmap && umap
        ? () => {
            const step = latent.step;
            return umap(latent.codes, latent.labels.length, k, (epoch, total, points) =>
              setUmapView({ points, step, status: `laying out: epoch ${epoch} of ${total}` }),
            ).then(
              (points) => points && setUmapView({ points, step, status: `laid out from the codes of step ${step}` }),
              // Not tried again until the codes move on: a failure that repeats would loop.
              (err: unknown) =>
                setUmapView((v) => v && { ...v, status: `UMAP failed: ${err instanceof Error ? err.message : String(err)}` }),
            );
          }
        : null,
    [useUmap, umap, latent, k],
  );
  usePaced(layOut, `umap:${k}`, latent.step, training, UMAP_EVERY_MS);

  const decoder = useMemo(
    () =>
      latestOnly(
        (arg: { code: Float32Array; at: [number, number]; t0: number; view: string }) => ask({ kind: 'decode', codes: arg.code, count: 1 }),
        (answer, arg) => {
          setDecodeError(null);
          setDecoded({ digit: answer.result.images, ms: now() - arg.t0, step: answer.step, at: arg.at, view: arg.view });
        },
        (err) => setDecodeError(err instanceof Error ? err.message : String(err)),
      ),
    [ask],
  );
  const digitAsker = useMemo(
    () =>
      latestOnly(
        (index: number) => ask({ kind: 'digits', indices: [index] }),
        (answer, index) =>
          setHoverDigit({ index, label: answer.result.labels[0], original: answer.result.originals, output: answer.result.outputs }),
      ),
    [ask],
  );
  useEffect(
    () => () => {
      decoder.cancel();
      digitAsker.cancel();
    },
    [decoder, digitAsker],
  );

  const onHover = (h: LatentHover | null) => {
    if (!h) {
      // An answer still on its way must not bring the digit back.
      digitAsker.cancel();
      setHoverDigit(null);
      return;
    }
    decoder.call({ code: codeAt(geometry, h.x, h.y), at: [h.x, h.y], t0: performance.now(), view: viewName });
    if (h.index !== null) digitAsker.call(h.index);
    else {
      digitAsker.cancel();
      setHoverDigit(null);
    }
    if (h.via === 'keyboard') {
      setAnnouncement(
        `Cursor at ${where(h.x, h.y)}` +
          (h.index !== null ? `, on test digit ${h.index}, ${aDigit(latent.labels[h.index])}` : '') +
          '. The decoded digit is shown beside the plot.',
      );
    }
  };

  const decodedGrid = useDecodedGrid(latent, kind, ask, showGrid);

  // Stable props for the scatter: its points are redrawn only when these change, not on every hover.
  const current = decoded && decoded.view === viewName ? decoded : null;
  /** Where a marker goes: a test digit on its own point, any other code where the view maps it. */
  const place = useCallback(
    (m: { code: Float32Array; index?: number }): [number, number] => {
      const i = m.index;
      if (i !== undefined && i >= 0 && i < latent.labels.length && k > 1) return [shownPoints[2 * i], shownPoints[2 * i + 1]];
      return placeCode(geometry, m.code);
    },
    [geometry, shownPoints, latent.labels.length, k],
  );
  const markerList: LatentMarker[] = useMemo(
    () =>
      (markers ?? []).map((m) => {
        const [x, y] = place(m);
        return { x, y, label: m.label, shape: m.shape };
      }),
    [markers, place],
  );
  const segmentXY = useMemo(
    () => (segment ? (segment.map((m) => place(m)) as [[number, number], [number, number]]) : null),
    [segment, place],
  );
  const showContour = kind === 'vae' && showPrior && method !== 'umap' && k >= 2;
  const contour = useMemo(
    () =>
      showContour
        ? {
            center: (method === 'pca' ? placeCode(geometry, new Float32Array(k)) : [0, 0]) as [number, number],
            radii: [1, 2, 3],
          }
        : null,
    [showContour, method, geometry, k],
  );

  return (
    <div className="latent-explorer">
      <div className="latent-options">
        {wide && (
          <fieldset className="projection">
            <legend>Projection of the {k}-number code</legend>
            {(['pca', 'umap'] as const).map((p) => (
              <label key={p}>
                <input
                  type="radio"
                  name="projection"
                  value={p}
                  checked={projection === p}
                  disabled={p === 'umap' && !umap}
                  onChange={() => setProjection(p)}
                />
                {p === 'pca' ? 'PCA (linear)' : 'UMAP (neighbourhoods)'}
              </label>
            ))}
            {useUmap && (
              <span className="hint" role="status">
                UMAP {umapView ? umapView.status : 'laying out… (a few seconds)'}
              </span>
            )}
          </fieldset>
        )}
        {k === 2 && (
          <label>
            <input type="checkbox" checked={showGrid} onChange={(e) => setShowGrid(e.target.checked)} /> Decoded grid
          </label>
        )}
        {kind === 'vae' && method !== 'umap' && (
          <label>
            <input type="checkbox" checked={showPrior} onChange={(e) => setShowPrior(e.target.checked)} /> Prior N(0, I) contours
          </label>
        )}
      </div>
      <SaveImageButton target={row} name={`latent-space-step-${latent.step}`} what="the latent space" />
      <div className="latent-row" ref={row}>
        <LatentScatter
          step={latent.step}
          points={shownPoints}
          labels={latent.labels}
          codeSize={k}
          method={method}
          explained={latent.explained}
          size={size}
          markers={markerList}
          segment={segmentXY}
          contour={contour}
          highlight={highlight}
          onHover={onHover}
          onPick={onPick}
        />
        <DecodedPreview
          decoded={current}
          error={decodeError}
          where={where}
          method={method}
          codeSize={k}
          announcement={announcement}
          hoverDigit={hoverDigit}
        />
      </div>
      {k === 2 && showGrid && <DecodedGridBlock grid={decodedGrid} vae={kind === 'vae'} />}
    </div>
  );
}
