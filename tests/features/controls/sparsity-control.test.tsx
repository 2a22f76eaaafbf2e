// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { SparsityControl } from '../../../src/features/controls/SparsityControl';
import { SUGGESTED_SPARSITY } from '../../../src/model/config';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/state/url-state';

afterEach(cleanup);

const LABEL = 'Sparsity penalty (L1 on the code)';

describe('SparsityControl', () => {
  it('offers off and the weights, the suggested one marked, and reports the λ chosen', () => {
    const onChange = vi.fn();
    render(<SparsityControl settings={DEFAULT_SETTINGS} onChange={onChange} />);
    const select = screen.getByLabelText(LABEL) as HTMLSelectElement;
    expect(select.disabled).toBe(false);
    expect(select.value).toBe('0');
    expect(select.options[0].textContent).toBe('off');
    expect([...select.options].map((o) => o.textContent)).toContain(`λ = ${SUGGESTED_SPARSITY} (suggested)`);
    fireEvent.change(select, { target: { value: String(SUGGESTED_SPARSITY) } });
    expect(onChange).toHaveBeenCalledWith({ sparsity: SUGGESTED_SPARSITY });
  });

  it.each([
    [{ kind: 'vae' }, /KL term/],
    [{ kind: 'conv' }, /Only for a dense code/],
    [{ kind: 'denoising', body: 'conv' }, /Only for a dense code/],
  ] as [Partial<Settings>, RegExp][])('is disabled for %o, saying why', (patch, reason) => {
    render(<SparsityControl settings={{ ...DEFAULT_SETTINGS, ...patch }} onChange={() => {}} />);
    const select = screen.getByLabelText(LABEL) as HTMLSelectElement;
    expect(select.disabled).toBe(true);
    expect(screen.getByRole('combobox', { description: reason })).toBe(select);
  });

  it('is enabled for the dense denoising body and the deep kind', () => {
    for (const patch of [{ kind: 'denoising', body: 'dense' }, { kind: 'deep' }] as Partial<Settings>[]) {
      render(<SparsityControl settings={{ ...DEFAULT_SETTINGS, ...patch }} onChange={() => {}} />);
      expect((screen.getByLabelText(LABEL) as HTMLSelectElement).disabled).toBe(false);
      cleanup();
    }
  });
});
