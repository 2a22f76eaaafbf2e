// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Select } from '../../../src/components/inputs/Select';
import { Slider } from '../../../src/components/inputs/Slider';
import { TextField } from '../../../src/components/inputs/TextField';

afterEach(cleanup);

/** Accepts whole numbers from 1 to 500, as the epochs field does. */
const check = (text: string) => (/^\d+$/.test(text) && +text >= 1 && +text <= 500 ? null : 'an integer from 1 to 500');

describe('TextField', () => {
  it('commits valid text, trimmed, on Enter and on blur', () => {
    const onCommit = vi.fn();
    render(<TextField label="Epochs" value="10" check={check} onCommit={onCommit} hint="passes" />);
    const input = screen.getByLabelText('Epochs');
    fireEvent.change(input, { target: { value: ' 20 ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onCommit).toHaveBeenLastCalledWith('20');
    fireEvent.change(input, { target: { value: '30' } });
    fireEvent.blur(input);
    expect(onCommit).toHaveBeenLastCalledWith('30');
  });

  it('says what it expects for invalid text, commits nothing, and Escape restores the value', () => {
    const onCommit = vi.fn();
    render(<TextField label="Epochs" value="10" check={check} onCommit={onCommit} hint="passes" />);
    const input = screen.getByLabelText('Epochs');
    expect(screen.getByText('passes')).toBeTruthy();
    fireEvent.change(input, { target: { value: '0' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onCommit).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Expected an integer from 1 to 500.')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Escape' });
    expect((input as HTMLInputElement).value).toBe('10');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByText('passes')).toBeTruthy();
  });

  it('commits nothing when the text is unchanged', () => {
    const onCommit = vi.fn();
    render(<TextField label="Seed" value="1" check={check} onCommit={onCommit} />);
    fireEvent.blur(screen.getByLabelText('Seed'));
    expect(onCommit).not.toHaveBeenCalled();
  });
});

describe('Slider', () => {
  it('shows its value in the label and reports numbers', () => {
    const onChange = vi.fn();
    render(<Slider label="Noise level" min={0} max={1} step={0.05} value={0.5} display="0.50" onChange={onChange} />);
    const slider = screen.getByLabelText('Noise level 0.50');
    fireEvent.change(slider, { target: { value: '0.25' } });
    expect(onChange).toHaveBeenCalledWith(0.25);
  });
});

describe('Select', () => {
  it('reports the typed value of the option chosen', () => {
    const onChange = vi.fn();
    const options = [16, 32, 64].map((v) => ({ value: v, label: String(v) }));
    render(<Select label="Batch size" value={32} options={options} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Batch size'), { target: { value: '64' } });
    expect(onChange).toHaveBeenCalledWith(64);
  });

  it('can be shown disabled, with a hint read as its description', () => {
    const options = [16, 32].map((v) => ({ value: v, label: String(v) }));
    render(<Select label="Batch size" value={16} options={options} onChange={() => {}} disabled hint="not for this kind" />);
    const select = screen.getByLabelText('Batch size') as HTMLSelectElement;
    expect(select.disabled).toBe(true);
    expect(screen.getByRole('combobox', { description: 'not for this kind' })).toBe(select);
  });

  it('lists a value that is not among the options (from a link) as it is', () => {
    const options = [16, 32].map((v) => ({ value: v, label: String(v) }));
    render(<Select label="Batch size" value={100} options={options} onChange={() => {}} />);
    const select = screen.getByLabelText('Batch size') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['16', '32', '100']);
    expect(select.value).toBe('100');
  });
});
