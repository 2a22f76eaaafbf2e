// @vitest-environment jsdom
/** The model panel speaks plain words first; the layers' technical names are one click away. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelSummary, plainLabel } from '../../src/features/model-summary/ModelSummary';
import { describeArchitecture } from '../../src/model/architecture';
import { defaultsFor } from '../../src/state/url-state';

afterEach(cleanup);

describe('ModelSummary', () => {
  it('names the layers in plain words and says how much smaller the code is, once', () => {
    const { container } = render(<ModelSummary arch={describeArchitecture(defaultsFor('vanilla'))} kindLabel="Vanilla" />);
    const labels = [...container.querySelectorAll('.layer-label')].map((e) => e.textContent);
    expect(labels).toEqual(['Image in', 'Code: 32 numbers', 'Image out']);
    expect(screen.getByText(/^The code is 24\.5× smaller than the image: 32 numbers stand\s+for 784 pixels\./)).toBeTruthy();
    // The technical names are there, shown only when asked for.
    const panel = container.querySelector('.model-summary')!;
    expect(panel.classList.contains('technical')).toBe(false);
    expect(container.querySelector('.layer-tech')?.textContent).toBe('Input, 784 pixels');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show the layers’ technical names' }));
    expect(panel.classList.contains('technical')).toBe(true);
    expect([...container.querySelectorAll('.layer-tech')].map((e) => e.textContent)).toEqual([
      'Input, 784 pixels',
      'Dense 32, linear',
      'Dense 784, sigmoid → 784 pixels',
    ]);
  });

  it('gives every kind’s layers a plain name', () => {
    const conv = describeArchitecture(defaultsFor('conv'));
    expect(conv.encoder.map((l) => plainLabel(l, l.code ? 'code' : 'encoder'))).toEqual([
      '16 filter maps',
      'Shrink ÷2',
      '8 filter maps',
      'Shrink ÷2',
      'Code: 32 numbers',
    ]);
    const vae = describeArchitecture(defaultsFor('vae'));
    expect(vae.encoder.map((l) => plainLabel(l, l.code ? 'code' : 'encoder'))).toEqual([
      '128 units',
      '64 units',
      'Code: means',
      'Code: spreads',
    ]);
    expect(plainLabel({ label: 'Up-sample 2×2', shape: [14, 14, 8], params: 0 }, 'decoder')).toBe('Grow ×2');
  });
});
