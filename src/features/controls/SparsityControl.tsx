/**
 * The weight λ of the L1 penalty on the code (URL `l1`): the third way to keep
 * an autoencoder from copying its input, beside a small code and noise on the
 * input. Shown for every kind; those that take no penalty show why.
 */
import { Select } from '../../components/inputs/Select';
import { Term } from '../../components/Term';
import { SPARSITY_CHOICES, SUGGESTED_SPARSITY, takesSparsity } from '../../model/config';
import type { Settings } from '../../state/url-state';

/** Why a kind takes no L1 penalty, or null when it does. */
function reasonOff(settings: Settings): string | null {
  if (settings.kind === 'vae') return 'The variational autoencoder has its own penalty on the code already: the KL term, weighted by β.';
  if (!takesSparsity(settings)) return 'Only for a dense code: vanilla, deep, or denoising with the dense body.';
  return null;
}

export function SparsityControl({ settings, onChange }: { settings: Settings; onChange: (patch: Partial<Settings>) => void }) {
  const reason = reasonOff(settings);
  return (
    <Select
      label="Sparsity penalty (L1 on the code)"
      value={settings.sparsity}
      options={SPARSITY_CHOICES.map((v) => ({
        value: v,
        label: v === 0 ? 'off' : `λ = ${v}${v === SUGGESTED_SPARSITY ? ' (suggested)' : ''}`,
      }))}
      onChange={(sparsity) => onChange({ sparsity })}
      disabled={reason !== null}
      hint={
        reason ?? (
          <>
            pushes most of the code’s numbers to zero, so each digit is described by a few of them (a <Term id="sparsity">penalty</Term> of
            λ times their mean size is added to the loss)
          </>
        )
      }
    />
  );
}
