import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * How a hub signs a request to the relay. The signature covers the method, the path, a coarse day
 * (never an exact time: the relay must not learn when the household is awake) and a fresh nonce,
 * so that a captured request cannot be replayed, and the body by its digest.
 */
export const SIGNATURE_SCHEME = 'hearth-relay/1';

export const HEADER_KEY = 'x-hearth-key';
export const HEADER_DAY = 'x-hearth-day';
export const HEADER_NONCE = 'x-hearth-nonce';
export const HEADER_SIGNATURE = 'x-hearth-signature';

export interface SignedParts {
  readonly method: string;
  readonly path: string;
  /** UTC day of sending, YYYY-MM-DD. */
  readonly day: string;
  /** 32 hex digits, fresh per request. */
  readonly nonce: string;
  readonly body: Buffer;
}

export function signingString(parts: SignedParts): Buffer {
  const digest = createHash('sha256').update(parts.body).digest('hex');
  return Buffer.from([SIGNATURE_SCHEME, parts.method.toUpperCase(), parts.path, parts.day, parts.nonce, digest].join('\n'));
}

/** A hub's id at the relay: the SHA-256 of its public key (SPKI DER), hex. */
export function keyIdOf(publicKeyDer: Buffer): string {
  return createHash('sha256').update(publicKeyDer).digest('hex');
}

export function publicKeyFromDer(der: Buffer): KeyObject {
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

export function verifySignature(publicKeyDer: Buffer, parts: SignedParts, signature: Buffer): boolean {
  try {
    const key = publicKeyFromDer(publicKeyDer);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, signingString(parts), key, signature);
  } catch {
    return false;
  }
}

/** The UTC day of a time, as the protocol writes days. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}
