// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { CodeSparsity } from '../../../src/features/sparsity/CodeSparsity';

afterEach(cleanup);

// Two codes of 4 units: [4, 0, 0.2, −1] has 2 units below 0.4; [1, 1, 1, 1] none. Mean |z| 9.2 / 8.
const CODES = Float32Array.from([4, 0, 0.2, -1, 1, 1, 1, 1]);

describe('CodeSparsity', () => {
  it('says in words how many units are near zero and the mean activation', () => {
    render(<CodeSparsity codes={CODES} codeSize={4} step={120} lambda={0.03} />);
    const group = screen.getByRole('group', { name: 'How sparse the code is' });
    expect(group.textContent).toContain('25 % of the code’s 4 units are near zero for a typical digit; mean activation 1.15.');
    expect(group.textContent).toContain('Over 2 test digits at step 120.');
    expect(group.textContent).toContain('The L1 penalty (λ = 0.03) pushes it down.');
  });

  it('still measures with the penalty off, and says so', () => {
    render(<CodeSparsity codes={CODES} codeSize={4} step={5} lambda={0} />);
    expect(screen.getByRole('group').textContent).toMatch(/25 % .* The L1 penalty is off/);
  });

  it('waits for the first codes', () => {
    render(<CodeSparsity codes={null} codeSize={4} step={0} lambda={0} />);
    expect(screen.getByRole('group').textContent).toMatch(/appears here when training starts/);
  });
});
