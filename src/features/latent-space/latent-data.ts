/** The codes of the latent view's test digits, as the worker sends them, and their 2-D view. */
export interface LatentData {
  step: number;
  points: Float32Array;
  labels: Uint8Array;
  codes: Float32Array;
  codeSize: number;
  method: 'identity' | 'pca';
  explained?: [number, number];
  mean?: Float32Array;
  axes?: Float32Array;
}
