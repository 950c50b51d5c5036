import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { HEADER_DAY, HEADER_KEY, HEADER_NONCE, HEADER_SIGNATURE, keyIdOf, signingString, utcDay } from '../../cloud-relay/protocol/signing.js';
import type { Clock } from '../../core/clock.js';
import type { RelaySecrets } from './relay-secrets.js';

const SIGNING_KEY = 'hub-signing-key';

/** This hub's Ed25519 key pair, made on first use and kept in the database. */
export class HubIdentity {
  private readonly privateKey: KeyObject;
  readonly publicKeyDer: Buffer;
  readonly keyId: string;

  constructor(
    secrets: RelaySecrets,
    private readonly clock: Clock,
  ) {
    const der = secrets.getOrCreate(SIGNING_KEY, () => generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }));
    this.privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    this.publicKeyDer = createPublicKey(this.privateKey).export({ format: 'der', type: 'spki' });
    this.keyId = keyIdOf(this.publicKeyDer);
  }

  /** The headers that sign one request: a new nonce each time, the day (never the time) of sending. */
  signRequest(method: string, path: string, body: Buffer): Record<string, string> {
    const day = utcDay(this.clock.now());
    const nonce = randomBytes(16).toString('hex');
    const signature = sign(null, signingString({ method, path, day, nonce, body }), this.privateKey);
    return { [HEADER_KEY]: this.keyId, [HEADER_DAY]: day, [HEADER_NONCE]: nonce, [HEADER_SIGNATURE]: signature.toString('base64') };
  }
}
