/**
 * A turn of the event loop: resolves after the messages already queued (a
 * Pause, a newer request) have been handled. A MessageChannel turn is much
 * faster than setTimeout(0), which browsers clamp to 4 ms after a few nests.
 */
export function createYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}
