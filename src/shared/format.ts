/** A compression ratio as the page writes it everywhere: 24.5, 392, 6.13. */
export function formatRatio(ratio: number): string {
  if (Number.isInteger(ratio)) return String(ratio);
  return ratio.toFixed(ratio < 10 ? 2 : 1);
}

/** A digit with its article, as a sentence says it: "a 7", "an 8". */
export function aDigit(digit: number | string): string {
  return `${String(digit) === '8' ? 'an' : 'a'} ${digit}`;
}
