/**
 * One colour per digit 0–9, readable on white and on a washed-out projector:
 * the categorical palette of Okabe & Ito (2008), chosen to stay
 * distinguishable for colour-blind readers, with its pale yellow darkened
 * (#F0E442 is 1.2:1 against white) and a brown and a grey added for the ninth
 * and tenth classes. Colour is never the only cue: the latent view also
 * writes each digit at the centre of its cloud.
 */
export const DIGIT_COLORS = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#A89200',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#000000',
  '#8C564B',
  '#7F7F7F',
] as const;
