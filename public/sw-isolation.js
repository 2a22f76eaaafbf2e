/*
 * Part of the playground's service worker (imported by the Workbox worker
 * that vite-plugin-pwa generates; see vite.config.ts). It makes the page
 * cross-origin isolated on a host that cannot send the two headers (a plain
 * static host): every same-origin response the worker serves gets
 * Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy:
 * require-corp, which lets WASM share memory between its threads. Every file
 * of the app is same-origin, so nothing it loads is refused. A response that
 * already carries the headers is left as it is. The first visit, before the
 * worker controls the page, runs on one thread; the next is isolated.
 *
 * The Workbox worker's own fetch handlers answer every request; this wraps
 * the answer they give, whichever strategy made it.
 */
(() => {
  const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

  function isolated(response) {
    if (!response || response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
    if (response.headers.get('Cross-Origin-Embedder-Policy')) return response;
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }

  const respondWith = FetchEvent.prototype.respondWith;
  FetchEvent.prototype.respondWith = function (answer) {
    if (new URL(this.request.url).origin !== self.location.origin) return respondWith.call(this, answer);
    return respondWith.call(this, Promise.resolve(answer).then(isolated));
  };
})();
