// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunHistory, formatDuration } from '../../../src/features/history/RunHistory';
import { recordOf } from '../../../src/history/run-record';
import { DEFAULT_SETTINGS } from '../../../src/state/url-state';

afterEach(cleanup);

const run = (id: string, codeSize: number, name?: string) => {
  const { summary } = recordOf(
    {
      config: { ...DEFAULT_SETTINGS, codeSize },
      state: 'done',
      step: 469,
      epochs: 1,
      seconds: 75,
      samplesPerSecond: 1000,
      train: { step: [], total: [] },
      test: [{ epoch: 1, step: 469, seconds: 75, total: 0.1234 }],
      reconstructions: null,
      latent: null,
      scores: { bce: 0.1234, mse: 0.0234 },
    },
    id,
    Date.UTC(2026, 11, 4, 9, 30),
  );
  return name ? { ...summary, name } : summary;
};

function setup() {
  const props = { onToggle: vi.fn(), onRename: vi.fn(), onDelete: vi.fn(), onClear: vi.fn(), onOpenModel: vi.fn() };
  render(
    <RunHistory runs={[run('a', 2, 'Tiny'), { ...run('b', 32), hasModel: true }]} selected={new Set(['b'])} currentId="a" {...props} />,
  );
  return props;
}

describe('RunHistory', () => {
  it('lists each run with kind, code size, epochs, test loss, time and outcome', () => {
    setup();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toMatch(
      /on screen now · finished · test BCE 0\.1234, MSE 0\.0234.*Vanilla.*2.*1 of 1.*0\.1234 BCE.*1 min 15 s/,
    );
    expect((screen.getByRole('checkbox', { name: 'Compare Vanilla, code 32, BCE, seed 1' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Compare Tiny' }) as HTMLInputElement).checked).toBe(false);
  });

  it('renames on Enter, restores on Escape, ignores an empty name', () => {
    const { onRename } = setup();
    const name = screen.getByRole('textbox', { name: 'Name of run Tiny' }) as HTMLInputElement;
    fireEvent.change(name, { target: { value: 'Two numbers' } });
    fireEvent.blur(name);
    expect(onRename).toHaveBeenCalledWith('a', 'Two numbers');
    fireEvent.change(name, { target: { value: 'Oops' } });
    fireEvent.keyDown(name, { key: 'Escape' });
    expect(name.value).toBe('Tiny');
    fireEvent.change(name, { target: { value: '   ' } });
    fireEvent.blur(name);
    expect(onRename).toHaveBeenCalledTimes(1);
    expect(name.value).toBe('Tiny');
  });

  it('opens the model of a run that kept one', () => {
    const { onOpenModel } = setup();
    expect(screen.queryByRole('button', { name: 'Open the model of Tiny' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open the model of Vanilla, code 32, BCE, seed 1' }));
    expect(onOpenModel).toHaveBeenCalledWith('b');
    expect(screen.getAllByRole('row')[2].textContent).toMatch(/model saved/);
  });

  it('deletes one at once, and all only when asked twice', () => {
    const { onDelete, onClear, onToggle } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Delete Tiny' }));
    expect(onDelete).toHaveBeenCalledWith('a');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Tiny' }));
    expect(onToggle).toHaveBeenCalledWith('a');
    fireEvent.click(screen.getByRole('button', { name: 'Delete all runs…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep them' }));
    expect(onClear).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete all runs…' }));
    expect(screen.getByText('Delete all 2 runs and their saved models?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete all' }));
    expect(onClear).toHaveBeenCalledTimes(1);
  });

  it('says what it will keep when there is nothing yet', () => {
    render(
      <RunHistory
        runs={[]}
        selected={new Set()}
        currentId={null}
        onToggle={vi.fn()}
        onRename={vi.fn()}
        onDelete={vi.fn()}
        onClear={vi.fn()}
        onOpenModel={vi.fn()}
      />,
    );
    expect(screen.getByText(/^No runs yet/)).toBeTruthy();
  });
});

describe('formatDuration', () => {
  it('in seconds under a minute, in minutes and seconds above', () => {
    expect(formatDuration(4.25)).toBe('4.3 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(125)).toBe('2 min 05 s');
  });
});
