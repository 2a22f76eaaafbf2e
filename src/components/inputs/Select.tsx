/** A labelled select of typed values; a value missing from the options (from a link) is listed as it is. */
import { useId, type ReactNode } from 'react';

export interface SelectProps<T extends string | number> {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
  /** A line under the select, read with it. */
  hint?: ReactNode;
  /** Shown but not changeable (the hint should say why). */
  disabled?: boolean;
}

export function Select<T extends string | number>({ label, value, options, onChange, hint, disabled }: SelectProps<T>) {
  const id = useId();
  const all = options.some((o) => o.value === value) ? options : [...options, { value, label: String(value) }];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(all.find((o) => String(o.value) === e.target.value)!.value)}
      >
        {all.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}
