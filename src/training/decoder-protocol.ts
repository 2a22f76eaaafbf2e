/**
 * The messages of the decoder copy (decoder.worker.ts): a second, light
 * worker that holds a copy of the current run's decoder, so that a hovered
 * point is decoded at once instead of waiting for the training step in
 * progress. The training worker sends it the decoder's weights over a
 * MessageChannel (at most every DECODER_SYNC_MS while training, and
 * whenever the run stops); the page asks it to decode and gets the image
 * with the step those weights are from, or a miss (no weights of that run
 * yet: the page then asks the training worker). Plain data only.
 */
import type { ModelConfig } from '../model/config';

/** While training, the copy's weights are at most about this old (ms). */
export const DECODER_SYNC_MS = 150;

/** The decoder's weights after step `step` of run `runId`: float32 arrays, one after another, of these shapes. */
export interface DecoderWeights {
  type: 'decoder-weights';
  runId: number;
  step: number;
  config: ModelConfig;
  shapes: number[][];
  data: ArrayBuffer;
}

export type DecoderRequest =
  /** The port the training worker sends DecoderWeights on. */
  | { type: 'weights-port'; port: MessagePort }
  /** Decode `count` codes (rows of k floats) with run `runId`'s decoder. */
  | { type: 'decode'; id: number; runId: number; codes: Float32Array; count: number };

export type DecoderReply =
  /** The worker has loaded and listens. */
  | { type: 'ready' }
  | { type: 'decoded'; id: number; runId: number; step: number; images: Uint8Array }
  /** No weights of that run here (yet), or the decode failed: ask the training worker. */
  | { type: 'decode-miss'; id: number; reason: string };

/** Decodes of at most this many codes go to the copy (a hovered point, a short walk); larger ones to the training worker. */
export const DECODER_MAX_CODES = 16;
