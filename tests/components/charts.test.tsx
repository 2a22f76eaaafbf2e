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

/** A numeric SVG attribute. */
function num(el: Element, name: string): number {
  return Number(el.getAttribute(name));
}

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
    expect(screen.getByRole('figure').querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getByRole('figure').textContent).toContain('10,000 digits · median ≈ 0.167 · worst 1 % ≥ 0.300 (dashed line)');
  });

  it('leaves the cut-off out when there is none, and says when there is no data', () => {
    const { container, rerender } = render(<ErrorHistogram edges={edges} counts={[1, 2, 3, 4]} metricLabel="BCE" />);
    const name = screen.getByRole('figure').getAttribute('aria-label') ?? '';
    expect(name).toContain('over 10 images');
    expect(name).not.toContain('worst');
    expect(container.querySelector('.histogram-cut')).toBeNull();
    rerender(<ErrorHistogram edges={[0, 1]} counts={[0]} metricLabel="BCE" />);
    expect(screen.getByRole('figure').getAttribute('aria-label')).toContain('no images measured yet');
    expect(screen.getByText('No errors measured yet.')).toBeTruthy();
    expect(container.querySelectorAll('.histogram-bars rect')).toHaveLength(0);
    expect(container.querySelector('figcaption')).toBeNull();
  });

  it('draws one bar per non-empty bin, left to right, as tall as its count', () => {
    const { container } = render(<ErrorHistogram edges={edges} counts={[5, 0, 3, 2]} metricLabel="BCE" />);
    const bars = Array.from(container.querySelectorAll('.histogram-bars rect'));
    expect(bars.map((b) => b.querySelector('title')?.textContent)).toEqual([
      '0–0.100: 5 digits',
      '0.200–0.300: 3 digits',
      '0.300–0.400: 2 digits',
    ]);
    const xs = bars.map((b) => num(b, 'x'));
    expect(xs[1]).toBeGreaterThan(xs[0]);
    expect(xs[2]).toBeGreaterThan(xs[1]);
    // Equal bins are equally wide and placed by their edges: the empty bin leaves one bar's room.
    const binWidth = xs[2] - xs[1];
    expect(xs[1] - xs[0]).toBeCloseTo(2 * binWidth, 6);
    for (const b of bars) {
      expect(num(b, 'width')).toBeLessThanOrEqual(binWidth);
      expect(num(b, 'width')).toBeGreaterThan(0.8 * binWidth);
    }
    // Heights in proportion to the counts, all standing on the same baseline.
    const heights = bars.map((b) => num(b, 'height'));
    expect(heights[0] / 5).toBeCloseTo(heights[1] / 3, 6);
    expect(heights[2] / 2).toBeCloseTo(heights[1] / 3, 6);
    const bases = bars.map((b) => num(b, 'y') + num(b, 'height'));
    expect(bases[1]).toBeCloseTo(bases[0], 6);
    expect(bases[2]).toBeCloseTo(bases[0], 6);
  });

  it('says "digit" for a bin of one', () => {
    const { container } = render(<ErrorHistogram edges={edges} counts={[1, 0, 0, 0]} metricLabel="BCE" />);
    expect(container.querySelector('.histogram-bars rect title')?.textContent).toBe('0–0.100: 1 digit');
  });

  it('puts the bars on the scale of the count axis and labels both axes', () => {
    const { container } = render(<ErrorHistogram edges={edges} counts={[5, 0, 3, 2]} metricLabel="test BCE per pixel" />);
    const texts = Array.from(container.querySelectorAll('svg text'));
    const at = (label: string) => texts.find((t) => t.textContent === label);
    // Counts up to 5 get the round ticks 0, 2, 4, 6; errors 0 to 0.4 get a tick every 0.1.
    for (const t of ['0', '2', '4', '6', '0.0', '0.1', '0.2', '0.3', '0.4', 'test BCE per pixel', 'digits']) expect(at(t)).toBeTruthy();
    const yOf = (count: string) => num(at(count)!, 'y');
    const [five, three] = Array.from(container.querySelectorAll('.histogram-bars rect'));
    expect(num(five, 'y')).toBeCloseTo((yOf('4') + yOf('6')) / 2, 6);
    expect(num(three, 'y')).toBeCloseTo((yOf('2') + yOf('4')) / 2, 6);
    expect(num(five, 'y') + num(five, 'height')).toBeCloseTo(yOf('0'), 6);
    // The error ticks line up with the bin edges.
    expect(num(at('0.0')!, 'x')).toBeCloseTo(num(five, 'x'), 6);
    expect(num(at('0.2')!, 'x')).toBeCloseTo(num(three, 'x'), 6);
  });

  it('sets the tail beyond the cut-off apart and draws the cut-off at its error', () => {
    const { container, rerender } = render(<ErrorHistogram edges={edges} counts={[5, 4, 3, 2]} threshold={0.3} metricLabel="BCE" />);
    let bars = Array.from(container.querySelectorAll('.histogram-bars rect'));
    let line = container.querySelector('.histogram-cut line')!;
    expect(num(line, 'x1')).toBeCloseTo(num(bars[3], 'x'), 6);
    expect(num(line, 'x2')).toBe(num(line, 'x1'));
    expect(line.getAttribute('stroke-dasharray')).toBeTruthy();
    // Only the last bin lies at or past 0.3; it takes the colour of the cut-off.
    const body = bars[0].getAttribute('fill');
    expect(bars.slice(0, 3).map((b) => b.getAttribute('fill'))).toEqual([body, body, body]);
    expect(bars[3].getAttribute('fill')).not.toBe(body);
    expect(bars[3].getAttribute('stroke')).toBe(line.getAttribute('stroke'));
    expect(bars[0].getAttribute('stroke')).not.toBe(line.getAttribute('stroke'));

    // A cut-off inside a bin: the line between its edges, the straddling bin not in the tail.
    rerender(<ErrorHistogram edges={edges} counts={[5, 4, 3, 2]} threshold={0.25} metricLabel="BCE" />);
    bars = Array.from(container.querySelectorAll('.histogram-bars rect'));
    line = container.querySelector('.histogram-cut line')!;
    expect(num(line, 'x1')).toBeCloseTo((num(bars[2], 'x') + num(bars[3], 'x')) / 2, 6);
    expect(bars[2].getAttribute('fill')).toBe(body);
    expect(bars[3].getAttribute('fill')).not.toBe(body);
  });

  it('writes the cut-off in two lines on the side of its line with more room', () => {
    const { container, rerender } = render(
      <ErrorHistogram edges={edges} counts={[5, 4, 3, 2]} threshold={0.3} thresholdLabel="worst 1 %" metricLabel="BCE" />,
    );
    const label = () => {
      const text = container.querySelector('.histogram-cut text')!;
      return {
        lines: Array.from(text.querySelectorAll('tspan')).map((t) => t.textContent),
        anchor: text.getAttribute('text-anchor'),
        dx: num(text, 'x') - num(container.querySelector('.histogram-cut line')!, 'x1'),
      };
    };
    // Three quarters of the way along: the label goes to the left of the line.
    expect(label()).toMatchObject({ lines: ['worst 1 %', '≥ 0.300'], anchor: 'end' });
    expect(label().dx).toBeLessThan(0);
    rerender(<ErrorHistogram edges={edges} counts={[5, 4, 3, 2]} threshold={0.1} thresholdLabel="worst 1 %" metricLabel="BCE" />);
    expect(label()).toMatchObject({ lines: ['worst 1 %', '≥ 0.100'], anchor: 'start' });
    expect(label().dx).toBeGreaterThan(0);
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
    const figure = screen.getByRole('figure');
    const name = figure.getAttribute('aria-label') ?? '';
    expect(name).toContain('Mean error per digit: 0: 0.081, 1: 0.032, 2: 0.112');
    expect(name).toContain('Highest for 8 (0.120), lowest for 1 (0.032)');
    expect(figure.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(figure.querySelector('figcaption')?.textContent).toBe('mean error per digit');
  });

  it('writes the ten digits in bold under the bars and each value over its bar', () => {
    const { container } = render(<ClassBarChart values={means} label="Mean error" format={(v) => `${Math.round(v * 1000)}‰`} />);
    const texts = Array.from(container.querySelectorAll('svg text'));
    const digits = texts.filter((t) => /^\d$/.test(t.textContent ?? ''));
    expect(digits.map((t) => t.textContent)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    for (const t of digits) expect(t.getAttribute('font-weight')).toBe('700');
    const values = Array.from(container.querySelectorAll('svg text.class-value'));
    expect(values.map((t) => t.textContent)).toEqual(['81‰', '32‰', '112‰', '104‰', '95‰', '108‰', '83‰', '71‰', '120‰', '90‰']);
    const bars = Array.from(container.querySelectorAll('svg rect.class-bar'));
    bars.forEach((bar, d) => {
      const centre = num(bar, 'x') + num(bar, 'width') / 2;
      expect(num(values[d], 'x')).toBeCloseTo(centre, 6);
      expect(num(digits[d], 'x')).toBeCloseTo(centre, 6);
      expect(num(values[d], 'y')).toBeLessThan(num(bar, 'y'));
      expect(num(digits[d], 'y')).toBeGreaterThanOrEqual(num(bar, 'y') + num(bar, 'height'));
    });
  });

  it('draws ten bars left to right, as tall as their values, on one baseline', () => {
    const { container } = render(<ClassBarChart values={means} label="Mean error" />);
    const bars = Array.from(container.querySelectorAll('svg rect.class-bar'));
    expect(bars).toHaveLength(10);
    for (let d = 1; d < 10; d++) expect(num(bars[d], 'x')).toBeGreaterThan(num(bars[d - 1], 'x') + num(bars[d - 1], 'width'));
    const perUnit = num(bars[8], 'height') / means[8];
    expect(perUnit).toBeGreaterThan(0);
    bars.forEach((bar, d) => {
      expect(num(bar, 'height')).toBeCloseTo(means[d] * perUnit, 6);
      expect(num(bar, 'y') + num(bar, 'height')).toBeCloseTo(num(bars[0], 'y') + num(bars[0], 'height'), 6);
    });
    // The tallest bar leaves room above it for its value.
    expect(num(bars[8], 'y')).toBeGreaterThan(12);
  });

  it('colours the bars like the latent space, and shows a digit with no data as a dash', () => {
    const { container } = render(<ClassBarChart values={[...means.slice(0, 9), NaN]} label="Mean error" />);
    const bars = Array.from(container.querySelectorAll('svg rect.class-bar'));
    const fills = bars.map((r) => r.getAttribute('fill'));
    expect(fills).toHaveLength(10);
    expect(fills.slice(0, 3)).toEqual(['#E69F00', '#56B4E9', '#009E73']);
    expect(num(bars[9], 'height')).toBe(0);
    expect(num(bars[8], 'height')).toBeGreaterThan(0);
    expect(screen.getByRole('figure').getAttribute('aria-label')).toContain('9: —');
    const values = Array.from(container.querySelectorAll('svg text.class-value')).map((t) => t.textContent);
    expect(values[9]).toBe('—');
    expect(bars[9].querySelector('title')?.textContent).toBe('9: —');
  });
});
