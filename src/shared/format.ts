/** A compression ratio as the page writes it everywhere: 24.5, 392, 6.13. */
export function formatRatio(ratio: number): string {
  if (Number.isInteger(ratio)) return String(ratio);
  return ratio.toFixed(ratio < 10 ? 2 : 1);
}
