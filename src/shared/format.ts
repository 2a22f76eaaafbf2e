/** A compression ratio as the page writes it everywhere: 24.5, 392, 6.13. */
export function formatRatio(ratio: number): string {
  if (Number.isInteger(ratio)) return String(ratio);
  return ratio.toFixed(ratio < 10 ? 2 : 1);
}

/**
 * The class names of the data on screen, by label (null: the digits, named
 * by their label). One page shows one dataset at a time; App sets them
 * before it renders, so every caption and legend follows.
 */
let names: readonly string[] | null = null;

export function setClassNames(classNames: readonly string[] | null): void {
  names = classNames;
}

/** A class as a legend writes it: "7" for a digit, "7 Sneaker" for clothes. */
export function classLabel(label: number): string {
  return names ? `${label} ${names[label] ?? ''}`.trim() : String(label);
}

/** A class with its article, as a sentence says it: "a 7", "an 8", "a Sneaker", "an Ankle boot". */
export function aDigit(digit: number | string): string {
  const name = names && typeof digit === 'number' ? (names[digit] ?? String(digit)) : String(digit);
  return `${/^(8|[AEIOU])/i.test(name) && name !== 'Trouser' ? 'an' : 'a'} ${name}`;
}

// Made once: `toLocaleString` with a locale builds a new formatter on every
// call (20 µs for a number, 120 µs for a date, in Node 20), and the status
// line is written ten times a second while a run trains.
const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dateTimes = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** A count rounded to a whole number, with thousands separators: "12,345". */
export function formatCount(n: number): string {
  return counts.format(Math.round(n));
}

/** A moment as the page writes it: "7 Dec 2026, 20:32". */
export function formatDateTime(iso: string): string {
  return dateTimes.format(new Date(iso));
}
