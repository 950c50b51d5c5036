import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { keyIdOf, publicKeyFromDer, utcDay } from '../protocol/signing.js';
import { signedBy } from '../request-signature.js';
import type { RelayRouteDeps } from './route-deps.js';

interface RegisterBody {
  publicKey: string;
  enrolment: string;
}

function tokenMatches(sent: string, allowed: readonly string[]): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return allowed.some((token) => timingSafeEqual(digest(sent), digest(token)));
}

/** Registration: a hub proves it holds its key (the request is signed with it) and shows an enrolment token. */
export function registerHubRoutes(app: FastifyInstance, deps: RelayRouteDeps): void {
  app.post<{ Body: RegisterBody }>(
    '/v1/hubs',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['publicKey', 'enrolment'],
          properties: { publicKey: { type: 'string', maxLength: 200 }, enrolment: { type: 'string', minLength: 1, maxLength: 200 } },
        },
      },
      preHandler: signedBy(deps, (request) => {
        const body = request.body as RegisterBody;
        try {
          const der = Buffer.from(body.publicKey, 'base64');
          if (publicKeyFromDer(der).asymmetricKeyType !== 'ed25519') return undefined;
          return { keyId: keyIdOf(der), publicKey: der };
        } catch {
          return undefined;
        }
      }),
    },
    async (request, reply) => {
      if (!tokenMatches(request.body.enrolment, deps.config.enrolmentTokens)) {
        return reply.code(403).send({ error: 'enrolment_refused', message: 'the enrolment token is not valid' });
      }
      const hub = request.hub;
      if (hub === undefined) throw new Error('signature check did not run');
      const outcome = await deps.storage.registerHub(hub, utcDay(deps.now()));
      return reply.code(outcome === 'created' ? 201 : 200).send({ keyId: hub.keyId, registered: outcome });
    },
  );
}
