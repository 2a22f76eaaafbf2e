/** A labelled select of typed values; a value missing from the options (from a link) is listed as it is. */
import { useId } from 'react';

export interface SelectProps<T extends string | number> {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
}

export function Select<T extends string | number>({ label, value, options, onChange }: SelectProps<T>) {
  const id = useId();
  const all = options.some((o) => o.value === value) ? options : [...options, { value, label: String(value) }];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={String(value)} onChange={(e) => onChange(all.find((o) => String(o.value) === e.target.value)!.value)}>
        {all.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
