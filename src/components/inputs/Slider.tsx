/** A labelled range input showing its value in the label; children go under it (hints). */
import { useId, type ReactNode } from 'react';

export interface SliderProps {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  onChange: (v: number) => void;
  /** The value as the label shows it. */
  display: string;
  children?: ReactNode;
}

export function Slider({ label, min, max, step, value, onChange, display, children }: SliderProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} <span className="value">{display}</span>
      </label>
      <input id={id} type="range" min={min} max={max} step={step} value={value} onChange={(e) => onChange(Number(e.target.value))} />
      {children}
    </div>
  );
}
