import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a session id, CSRF token or API token: 256 bits, URL-safe. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function randomId(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

/** Session ids and API tokens are high-entropy, so a plain SHA-256 is enough to keep them unusable at rest. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
