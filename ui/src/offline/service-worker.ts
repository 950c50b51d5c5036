/**
 * The dashboard's service worker (built on its own into ui/dist/service-worker.js). It keeps the
 * app shell, the files this build made, so the page opens when the hub cannot be reached, and
 * nothing else: API answers carry health data and always go to the hub, never into Cache
 * Storage. The last values a person saw are kept by the page itself (last-overview.ts).
 */

/** The shell's paths, from the build. */
declare const __HEARTH_SHELL__: readonly string[];
/** This build's cache name: a new build gets a new cache and the old one is deleted. */
declare const __HEARTH_CACHE__: string;

// The DOM library has no service-worker types, and the webworker one cannot sit beside it: the
// few members used here.
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(answer: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const worker = self as unknown as WorkerScope;
const SHELL = new Set(__HEARTH_SHELL__);
const CACHE_PREFIX = 'hearth-shell-';

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(__HEARTH_CACHE__)
      .then((cache) => cache.addAll([...SHELL]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== __HEARTH_CACHE__).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin || url.pathname.startsWith('/api/')) return;
  // Every page of the app is index.html (hash routes, and the hub answers deep links with it).
  const path = request.mode === 'navigate' ? '/index.html' : url.pathname;
  if (!SHELL.has(path)) return;
  event.respondWith(
    caches.open(__HEARTH_CACHE__).then(async (cache) => (await cache.match(path)) ?? fetch(request)),
  );
});
