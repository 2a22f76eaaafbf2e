/**
 * A text field that commits its text on blur or Enter when `check` accepts
 * it, and otherwise says what it expects; Escape restores the value. Callers
 * pass key={value} so that a new value from outside (Back, a link) resets
 * the text being edited.
 */
import { useId, useState } from 'react';

export interface TextFieldProps {
  label: string;
  value: string;
  /** What the text should be ("an integer from 1 to 500"), or null when it is valid. */
  check: (text: string) => string | null;
  onCommit: (text: string) => void;
  hint?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
}

export function TextField({ label, value, check, onCommit, hint, inputMode }: TextFieldProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (text === value) return;
    const expected = check(text.trim());
    if (expected === null) {
      setError(null);
      onCommit(text.trim());
    } else {
      setError(`Expected ${expected}.`);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode ?? 'decimal'}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setText(value);
            setError(null);
          }
        }}
      />
      <small id={`${id}-hint`} className={error ? 'error' : 'hint'}>
        {error ?? hint}
      </small>
    </div>
  );
}
