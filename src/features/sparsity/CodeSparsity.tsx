/**
 * How sparse the code is, beside the reconstructions: the share of code
 * units near zero for a digit, and the mean activation, measured on the
 * latent view's test digits (their codes come with it: no extra work for the
 * worker). Shown whether the L1 penalty is on or off, so the two can be
 * compared.
 */
import { useMemo } from 'react';
import { codeSparsity, NEAR_ZERO_FRACTION } from '../../analysis/code-sparsity';
import { formatCount } from '../../shared/format';

export interface CodeSparsityProps {
  /** n × codeSize codes of test digits, at `step`; null before the first. */
  codes: Float32Array | null;
  codeSize: number;
  step: number;
  /** The weight λ of the L1 penalty the model trains with (0: off). */
  lambda: number;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

export function CodeSparsity({ codes, codeSize, step, lambda }: CodeSparsityProps) {
  const stats = useMemo(() => (codes && codes.length > 0 ? codeSparsity(codes, codeSize) : null), [codes, codeSize]);
  return (
    <div className="code-sparsity" role="group" aria-label="How sparse the code is">
      <h3>How sparse the code is</h3>
      {stats ? (
        <>
          <p>
            <strong>{percent(stats.nearZero)}</strong> of the code’s {codeSize} units are near zero for a typical digit; mean activation{' '}
            <strong>{stats.meanActivation.toFixed(2)}</strong>.
          </p>
          <p className="explain">
            Over {formatCount(stats.count)} test digits at step {step}. A unit is near zero below{' '}
            {NEAR_ZERO_FRACTION === 0.1 ? 'a tenth' : NEAR_ZERO_FRACTION} of the largest unit of the same digit’s code, so shrinking the
            whole code does not count; the mean activation, the mean |value| of a unit, is what the penalty weighs.{' '}
            {lambda > 0
              ? `The L1 penalty (λ = ${lambda}) pushes it down.`
              : 'The L1 penalty is off: set it in the settings to see these change.'}
          </p>
        </>
      ) : (
        <p className="empty">How many of the code’s units each digit uses appears here when training starts.</p>
      )}
    </div>
  );
}
