/**
 * One colour per digit 0–9: the categorical palette of Okabe & Ito (2008),
 * chosen to stay distinguishable for colour-blind readers, extended with
 * two greys; each point also carries its digit as a label in the legend.
 */
export const DIGIT_COLORS = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#000000',
  '#8C564B',
  '#999999',
] as const;
