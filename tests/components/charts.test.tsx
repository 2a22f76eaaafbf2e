// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { ErrorVsCodeSizeChart } from '../../src/components/ErrorVsCodeSizeChart';
import { ErrorHistogram, histogramMedian } from '../../src/components/ErrorHistogram';
import { ClassBarChart } from '../../src/components/ClassBarChart';

afterEach(cleanup);

const SWEEP = [
  { codeSize: 1, autoencoder: 0.26, pca: 0.3 },
  { codeSize: 2, autoencoder: 0.19, pca: 0.25 },
  { codeSize: 4, autoencoder: 0.14, pca: 0.2 },
  { codeSize: 8, autoencoder: 0.11, pca: 0.15 },
  { codeSize: 16, autoencoder: 0.095, pca: 0.12 },
  { codeSize: 32, autoencoder: 0.09, pca: 0.1 },
  { codeSize: 64, autoencoder: 0.088, pca: 0.085 },
];

/** The cells of each body row of the numbers table, as text. */
function tableRows(figure: HTMLElement): string[][] {
  const table = within(figure).getByRole('table', { hidden: true });
  return within(table)
    .getAllByRole('row', { hidden: true })
    .slice(1)
    .map((tr) => Array.from(tr.children).map((c) => c.textContent ?? ''));
}

describe('ErrorVsCodeSizeChart', () => {
  it('lists each code size with both errors and their ratio, in order of k', () => {
    const shuffled = [SWEEP[3], SWEEP[0], SWEEP[6], SWEEP[1], SWEEP[5], SWEEP[2], SWEEP[4]];
    render(<ErrorVsCodeSizeChart points={shuffled} floor={0.057} metric="bce" highlight={16} />);
    const rows = tableRows(screen.getByRole('figure'));
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '4', '8', '16', '32', '64']);
    expect(rows[0]).toEqual(['1', '0.260', '0.300', '0.87']);
    expect(rows[4]).toEqual(['16', '0.095', '0.120', '0.79']);
    expect(rows[6]).toEqual(['64', '0.088', '0.085', '1.04']);
  });

  it('marks the current code size in the table', () => {
    render(<ErrorVsCodeSizeChart points={SWEEP} metric="bce" highlight={8} />);
    const current = screen.getAllByRole('row', { hidden: true }).filter((r) => r.getAttribute('aria-current') === 'true');
    expect(current).toHaveLength(1);
    expect(current[0].textContent).toContain('0.110');
  });

  it('names the figure with the current, the lowest and the floor errors', () => {
    render(<ErrorVsCodeSizeChart points={SWEEP} floor={0.057} metric="bce" highlight={16} />);
    const name = screen.getByRole('figure').getAttribute('aria-label') ?? '';
    expect(name).toContain('Test BCE per pixel against code size k');
    expect(name).toContain('7 sizes from k = 1 to 64');
    expect(name).toContain('At k = 16: autoencoder 0.095, PCA 0.120');
    expect(name).toContain('autoencoder 0.088 at k = 64');
    expect(name).toContain('PCA 0.085 at k = 64');
    expect(name).toContain('0.057');
    expect(screen.getByRole('figure', { name: /Test BCE per pixel/ })).toBeTruthy();
  });

  it('shows a sweep in progress: missing errors as a dash, with no ratio', () => {
    const partial = SWEEP.map((p, i) => ({ ...p, autoencoder: i < 3 ? p.autoencoder : null, pca: i < 4 ? p.pca : null }));
    render(<ErrorVsCodeSizeChart points={partial} metric="mse" highlight={8} />);
    const rows = tableRows(screen.getByRole('figure'));
    expect(rows[2]).toEqual(['4', '0.140', '0.200', '0.70']);
    expect(rows[3]).toEqual(['8', '—', '0.150', '—']);
    expect(rows[6]).toEqual(['64', '—', '—', '—']);
    const name = screen.getByRole('figure').getAttribute('aria-label') ?? '';
    expect(name).toContain('Test MSE per pixel');
    expect(name).toContain('At k = 8: autoencoder not measured, PCA 0.150');
    expect(name).toContain('4 sizes from k = 1 to 8');
  });

  it('handles a single point and no points', () => {
    const { rerender } = render(<ErrorVsCodeSizeChart points={[{ codeSize: 2, autoencoder: 0.19, pca: null }]} metric="bce" />);
    expect(tableRows(screen.getByRole('figure'))).toEqual([['2', '0.190', '—', '—']]);
    expect(screen.getByRole('figure').getAttribute('aria-label')).toContain('measured at k = 2 only');
    rerender(<ErrorVsCodeSizeChart points={[]} metric="bce" />);
    expect(screen.getByRole('figure').getAttribute('aria-label')).toContain('no code sizes measured yet');
    expect(screen.getByText('No code sizes measured yet.')).toBeTruthy();
    expect(screen.queryByRole('table', { hidden: true })).toBeNull();
  });

  it('draws and names the floor only when it is given', () => {
    const { container, rerender } = render(<ErrorVsCodeSizeChart points={SWEEP} metric="bce" />);
    expect(container.textContent).not.toContain('perfect reconstruction');
    expect(screen.getByRole('figure').getAttribute('aria-label')).not.toContain('floor');
    rerender(<ErrorVsCodeSizeChart points={SWEEP} floor={0.057} metric="bce" />);
    expect(screen.getByRole('figure').getAttribute('aria-label')).toContain('Perfect reconstruction (BCE floor): 0.057');
    expect(container.querySelector('svg')).not.toBeNull();
    expect(container.textContent).toContain('perfect reconstruction (BCE floor 0.057)');
  });

  it('labels the series directly and on the y axis by metric', () => {
    const { container } = render(<ErrorVsCodeSizeChart points={SWEEP} metric="mse" highlight={16} />);
    const texts = Array.from(container.querySelectorAll('svg text')).map((t) => t.textContent);
    expect(texts).toContain('Autoencoder');
    expect(texts).toContain('PCA');
    expect(texts).toContain('test MSE per pixel');
    expect(texts).toContain('k = 16');
    for (const k of ['1', '2', '4', '8', '16', '32', '64', '128']) expect(texts).toContain(k);
  });
});

describe('ErrorHistogram', () => {
  const edges = [0, 0.1, 0.2, 0.3, 0.4];
  const counts = [1000, 6000, 2900, 100];

  it('names the figure with the number of images, the median and the cut-off', () => {
    render(<ErrorHistogram edges={edges} counts={counts} threshold={0.3} metricLabel="test BCE per pixel" />);
    const name = screen.getByRole('figure').getAttribute('aria-label') ?? '';
    expect(name).toContain('10,000 images');
    // Half the images (5,000) are reached 4,000 into the 6,000 of the second bin.
    expect(name).toContain('median ≈ 0.167');
    expect(name).toContain('worst 1 % above 0.300');
    expect(name).toContain('test BCE per pixel');
  });

  it('leaves the cut-off out when there is none, and says when there is no data', () => {
    const { rerender } = render(<ErrorHistogram edges={edges} counts={[1, 2, 3, 4]} metricLabel="BCE" />);
    const name = screen.getByRole('figure').getAttribute('aria-label') ?? '';
    expect(name).toContain('over 10 images');
    expect(name).not.toContain('worst');
    rerender(<ErrorHistogram edges={[0, 1]} counts={[0]} metricLabel="BCE" />);
    expect(screen.getByRole('figure').getAttribute('aria-label')).toContain('no images measured yet');
  });

  it('draws one bar per non-empty bin, the tail beyond the cut-off set apart', () => {
    const { container } = render(<ErrorHistogram edges={edges} counts={[5, 0, 3, 2]} threshold={0.3} metricLabel="BCE" />);
    const bars = container.querySelectorAll('.histogram-bars rect');
    expect(bars).toHaveLength(3);
    expect(Array.from(bars).map((b) => b.querySelector('title')?.textContent)).toEqual([
      '0–0.100: 5 digits',
      '0.200–0.300: 3 digits',
      '0.300–0.400: 2 digits',
    ]);
    expect(bars[2].getAttribute('fill')).not.toBe(bars[0].getAttribute('fill'));
    expect(container.textContent).toContain('worst 1 %');
  });

  it('takes the median inside the bin where the running count passes half', () => {
    expect(histogramMedian([0, 1, 2], [1, 1])).toBeCloseTo(1);
    expect(histogramMedian([0, 1, 2, 3], [0, 4, 0])).toBeCloseTo(1.5);
    expect(histogramMedian([0, 1], [0])).toBeNull();
  });
});

describe('ClassBarChart', () => {
  const means = [0.081, 0.032, 0.112, 0.104, 0.095, 0.108, 0.083, 0.071, 0.12, 0.09];

  it('names the figure with every value and the extremes', () => {
    render(<ClassBarChart values={means} label="mean error" />);
    const name = screen.getByRole('figure').getAttribute('aria-label') ?? '';
    expect(name).toContain('Mean error per digit: 0: 0.081, 1: 0.032, 2: 0.112');
    expect(name).toContain('Highest for 8 (0.120), lowest for 1 (0.032)');
  });

  it('writes the ten digits under the bars and each value over its bar', () => {
    const { container } = render(<ClassBarChart values={means} label="Mean error" format={(v) => `${Math.round(v * 1000)}‰`} />);
    const texts = Array.from(container.querySelectorAll('svg text')).map((t) => t.textContent);
    for (let d = 0; d < 10; d++) expect(texts).toContain(String(d));
    const values = Array.from(container.querySelectorAll('svg text.class-value')).map((t) => t.textContent);
    expect(values).toEqual(['81‰', '32‰', '112‰', '104‰', '95‰', '108‰', '83‰', '71‰', '120‰', '90‰']);
  });

  it('colours the bars like the latent space, and shows a digit with no data as a dash', () => {
    const { container } = render(<ClassBarChart values={[...means.slice(0, 9), NaN]} label="Mean error" />);
    const fills = Array.from(container.querySelectorAll('svg rect.class-bar')).map((r) => r.getAttribute('fill'));
    expect(fills).toHaveLength(10);
    expect(fills.slice(0, 3)).toEqual(['#E69F00', '#56B4E9', '#009E73']);
    expect(screen.getByRole('figure').getAttribute('aria-label')).toContain('9: —');
    const values = Array.from(container.querySelectorAll('svg text.class-value')).map((t) => t.textContent);
    expect(values[9]).toBe('—');
  });
});
