import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canReadPerson } from '../../accounts/access.js';
import { ApiError } from '../../http/api-error.js';
import { principalOf } from '../../http/request-auth.js';
import type { ApiDeps } from '../api-deps.js';
import { SleepAnswer, SleepQuery } from '../contract/sleep.js';
import { personNotFound } from './people-routes.js';

/** Two months of nights is what the sleep page's longest view shows. */
export const MAX_SLEEP_RANGE_MS = 62 * 86_400_000;

export function registerSleepRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/sleep', { schema: { querystring: SleepQuery, response: { 200: SleepAnswer } } }, async (request): Promise<SleepAnswer> => {
    const { personId, from, to } = request.query;
    if (!canReadPerson(principalOf(request), personId) || deps.household.person(personId) === undefined) throw personNotFound();
    if (to <= from) throw new ApiError(400, 'invalid_range', '"to" must be after "from"');
    if (to - from > MAX_SLEEP_RANGE_MS) throw new ApiError(400, 'range_too_long', 'ask for at most 62 days of sleep at once');
    const view = deps.sleep.current();
    if (view === undefined) throw new ApiError(503, 'sleep_unavailable', 'sleep analysis is turned off on this hub (sleeporacle.enabled)');
    return { sessions: view.sessions(personId, from, to) };
  });
}
