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
import { DigitImage } from '../../components/DigitImage';
import type { AutoencoderKind } from '../../model/config';
import { aDigit } from '../../shared/format';
import { latestOnly } from '../../shared/latest-only';
import type { AskModel } from '../../training/protocol';
import { LatentScatter, type LatentHover, type LatentMarker } from './LatentScatter';
import { ManifoldGrid } from './ManifoldGrid';
import { codeAt, gridCodes, placeCode, type ViewGeometry } from './view-mapping';

export interface LatentData {
  step: number;
  points: Float32Array;
  labels: Uint8Array;
  codes: Float32Array;
  codeSize: number;
  method: 'identity' | 'pca';
  explained?: [number, number];
  mean?: Float32Array;
  axes?: Float32Array;
}

/** Lays out codes in 2-D (UMAP, in a worker); reports intermediate layouts. */
export type UmapLayout = (
  codes: Float32Array,
  n: number,
  dim: number,
  onProgress: (epoch: number, total: number, points: Float32Array) => void,
) => Promise<Float32Array>;

export interface CodeMarker {
  code: Float32Array;
  /** The test digit it stands for, if any: it is then drawn on that digit's own point (same step as the view). */
  index?: number;
  label: string;
  shape: LatentMarker['shape'];
}

export interface LatentExplorerProps {
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

interface Decoded {
  digit: Uint8Array;
  ms: number;
  at: [number, number];
  /** The view it was decoded from: a caption from another projection would name the wrong point. */
  view: string;
}

export function LatentExplorer(props: LatentExplorerProps) {
  const { latent, kind, training, ask, umap, markers, segment, onPick, highlight, size = 420 } = props;
  const k = latent.codeSize;
  const wide = k > 2;
  const [projection, setProjection] = useState<'pca' | 'umap'>('pca');
  const [umapView, setUmapView] = useState<{ points: Float32Array; step: number; status: string } | null>(null);
  const [decoded, setDecoded] = useState<Decoded | null>(null);
  const [decodeError, setDecodeError] = useState<string | null>(null);
  const [hoverDigit, setHoverDigit] = useState<{ index: number; label: number; original: Uint8Array; output: Uint8Array } | null>(null);
  const [showGrid, setShowGrid] = useState(kind === 'vae');
  const [gridN, setGridN] = useState(12);
  const [gridR, setGridR] = useState<number | null>(null);
  const [grid, setGrid] = useState<{ images: Uint8Array; n: number; center: [number, number]; r: number; step: number } | null>(null);
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
  const umapRun = useRef<{ busy: boolean; lastStart: number; step: number }>({ busy: false, lastStart: -Infinity, step: -1 });
  useEffect(() => {
    if (!useUmap || !umap) return;
    const run = umapRun.current;
    if (run.busy || run.step === latent.step) return;
    if (training && performance.now() - run.lastStart < UMAP_EVERY_MS && umapView) return;
    run.busy = true;
    run.lastStart = performance.now();
    const step = latent.step;
    umap(latent.codes, latent.labels.length, k, (epoch, total, points) =>
      setUmapView({ points, step, status: `laying out: epoch ${epoch} of ${total}` }),
    ).then(
      (points) => {
        run.step = step;
        setUmapView({ points, step, status: `laid out from the codes of step ${step}` });
      },
      (err: unknown) => {
        // Not tried again until the codes move on: a failure that repeats would loop.
        run.step = step;
        setUmapView((v) => v && { ...v, status: `UMAP failed: ${err instanceof Error ? err.message : String(err)}` });
      },
    ).finally(() => {
      run.busy = false;
    });
  }, [useUmap, umap, latent, k, training, umapView]);

  const decoder = useMemo(
    () =>
      latestOnly(
        (arg: { code: Float32Array; at: [number, number]; t0: number; view: string }) =>
          ask({ kind: 'decode', codes: arg.code, count: 1 }),
        (answer, arg) => {
          setDecodeError(null);
          setDecoded({ digit: answer.result.images, ms: now() - arg.t0, at: arg.at, view: arg.view });
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

  // The decoded grid (2-D codes): centred on the prior for the VAE, on the codes otherwise.
  const center = useMemo<[number, number]>(() => {
    if (kind === 'vae' || k !== 2) return [0, 0];
    let sx = 0;
    let sy = 0;
    const n = latent.labels.length;
    for (let i = 0; i < n; i++) {
      sx += latent.codes[2 * i];
      sy += latent.codes[2 * i + 1];
    }
    return [sx / n, sy / n];
  }, [kind, k, latent]);
  const defaultR = useMemo(() => {
    if (kind === 'vae' || k !== 2) return 3;
    let s = 0;
    const n = latent.labels.length;
    for (let i = 0; i < n; i++) s += (latent.codes[2 * i] - center[0]) ** 2 + (latent.codes[2 * i + 1] - center[1]) ** 2;
    return +Math.max(0.1, 2 * Math.sqrt(s / (2 * n))).toPrecision(2);
  }, [kind, k, latent, center]);
  // The slider moves in tenths of the default range (half a standard deviation for the VAE).
  const rStep = kind === 'vae' ? 0.5 : +(defaultR / 10).toPrecision(2);
  const r = gridR ?? defaultR;
  const gridAsker = useMemo(
    () =>
      latestOnly(
        (arg: { n: number; center: [number, number]; r: number }) =>
          ask({ kind: 'decode', codes: gridCodes(arg.n, arg.center, arg.r), count: arg.n * arg.n }),
        (answer, arg) => setGrid({ images: answer.result.images, ...arg, step: answer.step }),
      ),
    [ask],
  );
  useEffect(() => {
    if (k === 2 && showGrid) gridAsker.call({ n: gridN, center, r });
  }, [k, showGrid, gridN, center, r, latent.step, gridAsker]);

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
            <input type="checkbox" checked={showPrior} onChange={(e) => setShowPrior(e.target.checked)} /> Prior N(0, I)
            contours
          </label>
        )}
      </div>
      <div className="latent-row">
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
        <div className="decoded-preview" aria-live="off">
          <h3>Decoded point</h3>
          <DigitImage
            digit={current?.digit ?? null}
            scale={4}
            label={current ? `Decoded digit at ${where(current.at[0], current.at[1])}` : 'No point decoded yet'}
            testId="decoded-point"
          />
          <p className="hint" data-testid="decode-ms" data-ms={current ? current.ms.toFixed(1) : ''}>
            {decodeError
              ? `Cannot decode: ${decodeError}`
              : current
                ? `at ${where(current.at[0], current.at[1])}, decoded in ${Math.round(current.ms)} ms`
                : 'Point anywhere in the latent space, or focus it and use the arrow keys.'}
          </p>
          {method === 'pca' && (
            <p className="hint">
              A point of this view is the mean code moved along the two axes; the other {k - 2} numbers stay at their
              mean, so it can differ from a digit’s own reconstruction.
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
                <DigitImage
                  digit={hoverDigit.output}
                  scale={2}
                  label={`Reconstruction of test digit ${hoverDigit.index}`}
                  testId="hover-reconstruction"
                />
              </div>
              <p className="hint">image · reconstruction</p>
            </div>
          )}
        </div>
      </div>
      {k === 2 && showGrid && (
        <div className="manifold-block">
          <div className="latent-options">
            <label>
              Grid size {gridN} × {gridN}
              <input type="range" min={4} max={20} value={gridN} onChange={(e) => setGridN(Number(e.target.value))} />
            </label>
            <label>
              Range ±{+r.toPrecision(3)}
              {kind === 'vae' ? ' σ' : ''}
              <input
                type="range"
                min={rStep}
                max={rStep * 30}
                step={rStep}
                value={r}
                onChange={(e) => setGridR(Number(e.target.value))}
              />
            </label>
          </div>
          {grid && <ManifoldGrid images={grid.images} n={grid.n} center={grid.center} radius={grid.r} step={grid.step} />}
        </div>
      )}
    </div>
  );
}
