import type { FastifyReply, FastifyRequest } from 'fastify';
import { HEADER_DAY, HEADER_KEY, HEADER_NONCE, HEADER_SIGNATURE, utcDay, dayStart, verifySignature } from './protocol/signing.js';
import type { RegisteredHub, RelayStorage } from './storage/relay-storage.js';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
    hub?: RegisteredHub;
  }
}

const DAY_MS = 86_400_000;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

export interface SignatureCheckDeps {
  readonly storage: RelayStorage;
  readonly now: () => number;
}

/**
 * Refuses a request unless a registered hub signed it, on a day within one of the relay's, with a
 * nonce never used before. `keyFor` lets registration verify against the key in its own body.
 */
export function signedBy(deps: SignatureCheckDeps, keyFor?: (request: FastifyRequest) => RegisteredHub | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const keyId = header(request, HEADER_KEY);
    const day = header(request, HEADER_DAY);
    const nonce = header(request, HEADER_NONCE);
    const signature = header(request, HEADER_SIGNATURE);
    if (keyId === undefined || day === undefined || nonce === undefined || signature === undefined || !/^[0-9a-f]{32}$/.test(nonce)) {
      return void (await reply.code(401).send({ error: 'unsigned', message: 'this route needs a signed request' }));
    }
    const hub = keyFor !== undefined ? keyFor(request) : await deps.storage.hub(keyId);
    if (hub === undefined || hub.keyId !== keyId) return void (await reply.code(401).send({ error: 'unknown_hub', message: 'this hub key is not registered' }));
    const sent = dayStart(day);
    if (!Number.isFinite(sent) || Math.abs(sent - dayStart(utcDay(deps.now()))) > DAY_MS) {
      return void (await reply.code(401).send({ error: 'stale', message: 'the request is dated more than a day away from the relay' }));
    }
    const path = request.url;
    const parts = { method: request.method, path, day, nonce, body: request.rawBody ?? Buffer.alloc(0) };
    if (!verifySignature(hub.publicKey, parts, Buffer.from(signature, 'base64'))) {
      return void (await reply.code(401).send({ error: 'bad_signature', message: 'the signature does not match' }));
    }
    if (!(await deps.storage.useNonce(keyId, nonce, day))) return void (await reply.code(409).send({ error: 'replay', message: 'this request was seen before' }));
    request.hub = hub;
  };
}
