import type { FastifyInstance } from 'fastify';
import { canAdminister, canAdministerHousehold, canReadPerson, canWrite, withinTokenPeople } from '../accounts/access.js';
import type { Principal } from '../accounts/principal.js';
import { ApiError } from '../http/api-error.js';
import { principalOf } from '../http/request-auth.js';
import type { HouseholdRegistry } from '../household/household-registry.js';
import { CONSENT_PURPOSES, type ConsentPurpose } from './consent-log.js';
import type { RelayService } from './relay-service.js';

/** The owner decides for anyone (a token limited to people, only for them); a member only for themselves; caregivers and viewers never. */
export function canChangeConsent(principal: Principal, personId: string): boolean {
  if (!withinTokenPeople(principal, personId)) return false;
  if (canAdminister(principal)) return true;
  return canWrite(principal) && principal.user.role === 'member' && principal.user.personId === personId;
}

/**
 * The relay under /api/v1/relay, behind the API's login (its hook covers every /api path): consent
 * per person and purpose with its verifiable log, the outbox, the payloads that left, backups.
 */
export function registerRelayRoutes(app: FastifyInstance, relay: RelayService, registry: HouseholdRegistry): void {
  app.get('/api/v1/relay/consent', async (request) => {
    const principal = principalOf(request);
    const people = registry.listPeople().filter((p) => canReadPerson(principal, p.id));
    const ids = people.map((p) => p.id);
    return {
      people: people.map((p) => ({
        personId: p.id,
        consent: Object.fromEntries(CONSENT_PURPOSES.map((purpose) => [purpose, relay.consent.granted(p.id, purpose)])),
      })),
      log: relay.consent.entries(canAdminister(principal) ? undefined : ids),
      verification: relay.consent.verify(),
    };
  });

  app.post<{ Body: { personId: string; purpose: ConsentPurpose; granted: boolean } }>(
    '/api/v1/relay/consent',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['personId', 'purpose', 'granted'],
          properties: { personId: { type: 'string', minLength: 1, maxLength: 64 }, purpose: { type: 'string', enum: CONSENT_PURPOSES }, granted: { type: 'boolean' } },
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { personId, purpose, granted } = request.body;
      if (!registry.listPeople().some((p) => p.id === personId)) throw new ApiError(404, 'not_found', 'no such person');
      if (!canChangeConsent(principal, personId)) throw new ApiError(403, 'forbidden', 'only the owner, or the person themselves, may change this consent');
      const entry = relay.consent.record({ personId, purpose, granted, actor: principal.user.id });
      return reply.code(201).send(entry);
    },
  );

  app.get('/api/v1/relay/status', async (request) => {
    if (!canAdminister(principalOf(request))) throw new ApiError(403, 'forbidden', 'only the owner sees the relay status');
    return relay.status();
  });

  app.get<{ Querystring: { limit?: number } }>(
    '/api/v1/relay/sent',
    { schema: { querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 } } } } },
    async (request) => {
      // A batch mixes everyone's pseudonymous figures: the owner reads the log of what left.
      if (!canAdministerHousehold(principalOf(request))) throw new ApiError(403, 'forbidden', 'only the owner sees what was sent');
      return { sent: relay.outbox.sent(request.query.limit ?? 100) };
    },
  );

  app.put<{ Body: { passphrase: string } }>(
    '/api/v1/relay/backup/passphrase',
    { schema: { body: { type: 'object', additionalProperties: false, required: ['passphrase'], properties: { passphrase: { type: 'string', maxLength: 1024 } } } } },
    async (request, reply) => {
      if (!canAdministerHousehold(principalOf(request))) throw new ApiError(403, 'forbidden', 'only the owner sets the recovery passphrase');
      try {
        await relay.setPassphrase(request.body.passphrase);
      } catch (error) {
        throw new ApiError(400, 'weak_passphrase', error instanceof Error ? error.message : 'the passphrase was refused');
      }
      return reply.code(204).send();
    },
  );
}
