/** The decoded grid with its two sliders: the grid's size and its range (in σ of the prior for the VAE). */
import { ManifoldGrid } from './ManifoldGrid';
import type { DecodedGrid } from './use-decoded-grid';

export function DecodedGridBlock({ grid: state, vae }: { grid: DecodedGrid; vae: boolean }) {
  const { grid, n, setN, r, setR, rStep } = state;
  return (
    <div className="manifold-block">
      <div className="latent-options">
        <label>
          Grid size {n} × {n}
          <input type="range" min={4} max={20} value={n} onChange={(e) => setN(Number(e.target.value))} />
        </label>
        <label>
          Range ±{+r.toPrecision(3)}
          {vae ? ' σ' : ''}
          <input type="range" min={rStep} max={rStep * 30} step={rStep} value={r} onChange={(e) => setR(Number(e.target.value))} />
        </label>
      </div>
      {grid && <ManifoldGrid images={grid.images} n={grid.n} center={grid.center} radius={grid.r} step={grid.step} />}
    </div>
  );
}
