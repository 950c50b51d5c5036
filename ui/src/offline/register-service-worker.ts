/**
 * Registers the service worker that keeps the dashboard's files for when the hub cannot be
 * reached. Browsers allow it only on https or on localhost; elsewhere (http://hearth.local) the
 * dashboard works as before, just not offline.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/service-worker.js', { scope: '/' }).catch(() => undefined);
}
