import type { FastifyInstance } from 'fastify';

/**
 * What the dashboard's page may load: only its own files and its own API (and WebSocket, which
 * `'self'` covers), its service worker and web app manifest, the data-URL icon, no plug-ins, no inline script or style, and no other page
 * may frame it (clickjacking of an acknowledge button).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Features of the browser the dashboard never uses, so that no script in its page can ask for them. */
const PERMISSIONS_POLICY = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial', 'bluetooth', 'hid', 'display-capture'].map((f) => `${f}=()`).join(', ');

/** Headers of every answer of the hub, whatever the route. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Paths name people and devices (`/people/alex`): they stay on the box.
  'referrer-policy': 'no-referrer',
  'permissions-policy': PERMISSIONS_POLICY,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // Answers carry health data: no browser or proxy keeps a copy. The dashboard's files say
  // otherwise for themselves (@fastify/static sets their own Cache-Control).
  'cache-control': 'no-store',
};

/** Sets the headers on every request before any route or hook can answer it, refusals included. */
export function installSecurityHeaders(server: FastifyInstance): void {
  server.addHook('onRequest', async (_request, reply) => {
    void reply.headers(SECURITY_HEADERS);
  });
}
