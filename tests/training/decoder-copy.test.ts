/** The decoder copy: the session sends it the decoder's weights, and it decodes as the training worker's model would. */
import { afterEach, describe, expect, it } from 'vitest';
import { buildAutoencoder, disposeAutoencoder } from '../../src/model/autoencoder';
import { DecoderCopy, DecoderSync } from '../../src/training/decoder-copy';
import { DECODER_SYNC_MS, type DecoderWeights } from '../../src/training/decoder-protocol';
import { testConfig } from '../helpers/config';
import { config, harness, resetHarness } from '../helpers/session';
import { trackTensors } from '../helpers/tensors';

afterEach(resetHarness);

const codesOf = (count: number, k: number) => Float32Array.from({ length: count * k }, (_, i) => Math.sin(i));

describe('the decoder copy', () => {
  it('gets the weights while training and when the run pauses, and decodes exactly as the training worker does', async () => {
    const h = harness();
    await h.init();
    await h.handle({ type: 'decoder-port', port: {} as MessagePort });
    expect(h.decoderWeights).toEqual([]); // no model yet: nothing to send
    await h.handle({ type: 'start', runId: 1, config });
    await h.waitFor('weights of a few steps', () => h.decoderWeights.filter((w) => w.step > 0).length >= 2);
    await h.handle({ type: 'pause', runId: 1 });
    const paused = h.last('run-state', 1)!.step;
    await h.waitFor('the weights of the paused step', () => h.decoderWeights.at(-1)!.step === paused);
    const steps = h.decoderWeights.map((w) => w.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(h.decoderWeights.every((w) => w.runId === 1 && w.config.kind === config.kind)).toBe(true);

    const codes = codesOf(3, config.codeSize);
    await h.handle({ type: 'explore', id: 1, runId: 1, query: { kind: 'decode', codes, count: 3 } });
    const fromWorker = h.last('explored')!;
    expect(fromWorker.step).toBe(paused);

    const tensors = trackTensors();
    const copy = new DecoderCopy();
    copy.load(h.decoderWeights.at(-1)!);
    const answer = await copy.decode({ type: 'decode', id: 7, runId: 1, codes, count: 3 });
    expect(answer).toMatchObject({ type: 'decoded', id: 7, runId: 1, step: paused });
    expect(answer.type === 'decoded' && answer.images).toEqual((fromWorker.result as { images: Uint8Array }).images);
    // Another run's weights are not here: a miss, for the page to ask the training worker.
    expect(await copy.decode({ type: 'decode', id: 8, runId: 2, codes, count: 3 })).toMatchObject({ type: 'decode-miss', id: 8 });
    expect(await copy.decode({ type: 'decode', id: 9, runId: 1, codes, count: 2 })).toMatchObject({ type: 'decode-miss', id: 9 });
    copy.dispose();
    tensors.expectUnchanged('tensors after the copy is gone');
  });

  it('sends at most every DECODER_SYNC_MS unless forced, and only weights that changed; keeps no tensor', async () => {
    let now = 0;
    const sent: DecoderWeights[] = [];
    const sync = new DecoderSync({ post: (m) => sent.push(m), now: () => now });
    const tensors = trackTensors();
    const model = buildAutoencoder(testConfig({ kind: 'conv', body: 'conv', codeSize: 4 }));
    const trainer = { model, step: 1 };
    await sync.sync(trainer, 1, true);
    expect(sent).toHaveLength(0); // not connected yet
    sync.connect();
    await sync.sync(trainer, 1, false);
    expect(sent.map((m) => m.step)).toEqual([1]);
    sync.markChanged();
    trainer.step = 2;
    now += DECODER_SYNC_MS / 2;
    await sync.sync(trainer, 1, false);
    expect(sent).toHaveLength(1); // too soon
    await sync.sync(trainer, 1, true);
    expect(sent.map((m) => m.step)).toEqual([1, 2]);
    now += DECODER_SYNC_MS * 2;
    await sync.sync(trainer, 1, true);
    expect(sent).toHaveLength(2); // unchanged since
    const floats = model.decoder.weights.reduce((s, w) => s + w.shape.reduce((p: number, d) => p * (d ?? 1), 1), 0);
    expect(sent[1].data.byteLength).toBe(floats * 4);

    const copy = new DecoderCopy();
    copy.load(sent[1]);
    const codes = codesOf(1, 4);
    const answer = await copy.decode({ type: 'decode', id: 1, runId: 1, codes, count: 1 });
    expect(answer).toMatchObject({ type: 'decoded', step: 2 });
    // A later step of the same run reuses the model: only its weights change.
    copy.load({ ...sent[1], step: 3 });
    expect(await copy.decode({ type: 'decode', id: 2, runId: 1, codes, count: 1 })).toMatchObject({ type: 'decoded', step: 3 });
    copy.dispose();
    disposeAutoencoder(model);
    tensors.expectUnchanged();
  });
});
