import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { canIngestFor } from '../../accounts/access.js';
import type { Principal } from '../../accounts/principal.js';
import type { MessageRefusalReason } from '../../bus/hub-events.js';
import { isHubDeviceId, makeDeviceId } from '../../../core/device-id.js';
import { ApiError } from '../../http/api-error.js';
import { DurableAck } from '../../store/durable-ack.js';
import type { ApiDeps } from '../api-deps.js';
import { IngestBody, IngestParams, type IngestOutcome } from '../contract/ingest.js';
import { principalOf } from '../../http/request-auth.js';

/** An owner's token with the ingest scope; one limited to people, only for a device of theirs. */
function mayIngest(deps: ApiDeps, principal: Principal | null, deviceId: string | undefined): boolean {
  return principal !== null && canIngestFor(principal, deviceId === undefined ? undefined : deps.registry.device(deviceId));
}

/** Longest an answer waits before its commit is forced; requests arriving meanwhile share it. */
const COMMIT_WITHIN_MS = 10;

/**
 * Readings pushed by an integration (a script, a phone shortcut) with an ingest-scoped token. Each
 * reading is taken or refused on its own; the answer says which were refused and why. A body that
 * is not JSON or not of the right shape is refused whole and counted with the hub's other refusals.
 * The answer comes once the accepted readings are committed, so that "accepted" survives the hub
 * being killed a moment later. When the store gives up queued readings (its queue overflowing while
 * the disk fails), the answers still waiting say 503: those readings may be lost and are to be sent
 * again.
 */
export function registerIngestRoute(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const durable = new DurableAck(deps.store.writer, COMMIT_WITHIN_MS);
  server.addHook('onClose', async () => durable.stop());
  app.post(
    '/api/v1/ingest/:deviceId',
    {
      schema: { params: IngestParams, body: IngestBody },
      onError: async (request, _reply, error) => countRefusedBody(deps, request, error),
    },
    async (request): Promise<IngestOutcome> => {
      const principal = principalOf(request);
      const deviceId = makeDeviceId('given', request.params.deviceId);
      // The hub's own devices carry what its models worked out and what people wrote down: nobody else speaks for them.
      if (isHubDeviceId(deviceId)) throw new ApiError(403, 'forbidden', 'device ids beginning "hub:" are the hub’s own (its models’ readings, its journals): send readings under the device’s own id');
      if (!mayIngest(deps, principal, deviceId)) {
        throw new ApiError(403, 'forbidden', 'sending readings needs an API token with the ingest scope, made by the owner (and, if the token is limited to people, a device of theirs)');
      }
      const outcome = deps.ingest.submit({ deviceId, readings: request.body.readings }, { seenVia: 'http', reasons: true });
      if (outcome.accepted > 0) {
        try {
          await durable.committed();
        } catch (error) {
          throw new ApiError(503, 'not_stored', `the hub could not confirm that the readings were stored (${(error as Error).message}); send them again with their ts, so that none is stored twice`);
        }
      }
      return outcome;
    },
  );
}

/** Why Fastify refused an ingest body before the route saw it, as a refusal the ingest counts; undefined for other errors. */
function bodyRefusal(error: FastifyError): { reason: MessageRefusalReason; detail: string } | undefined {
  if (error.validation !== undefined && error.validationContext !== 'params') return { reason: 'invalid_payload', detail: `the body does not match the ingest schema (${error.validation.length} problem${error.validation.length === 1 ? '' : 's'})` };
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) return { reason: 'malformed_json', detail: 'the request body is not valid JSON' };
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return { reason: 'invalid_payload', detail: 'the request body is empty' };
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { reason: 'oversized', detail: 'the request body is larger than the hub takes' };
  return undefined;
}

/** Only for a caller who may send readings: anyone else's request is refused before it counts. */
function countRefusedBody(deps: ApiDeps, request: FastifyRequest, error: FastifyError): void {
  const param = (request.params as { deviceId?: unknown } | undefined)?.deviceId;
  const deviceId = typeof param === 'string' && param.length > 0 && param.length <= 128 ? makeDeviceId('given', param) : undefined;
  if (!mayIngest(deps, request.principal, deviceId)) return;
  const refusal = bodyRefusal(error);
  if (refusal === undefined) return;
  const source = deviceId ?? 'http';
  deps.ingest.refuse({ via: 'http', source, ...refusal });
}
