import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canReadPerson } from '../../accounts/access.js';
import { principalOf } from '../../http/request-auth.js';
import type { ApiDeps } from '../api-deps.js';
import type { LogbookPage } from '../contract/logbook.js';
import { PageQuery } from '../contract/pages.js';
import { IdParams } from '../contract/primitives.js';
import { logbookSources } from '../logbook/logbook-sources.js';
import { mergeNewestFirst } from '../logbook/newest-first.js';
import { personNotFound } from './people-routes.js';

/** `GET /api/v1/people/:id/logbook`: whoever may read the person's series may read their logbook. */
export function registerLogbookRoute(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const sources = logbookSources(deps);

  app.get('/api/v1/people/:id/logbook', { schema: { params: IdParams, querystring: PageQuery } }, async (request): Promise<LogbookPage> => {
    const personId = request.params.id;
    if (!canReadPerson(principalOf(request), personId) || deps.household.person(personId) === undefined) throw personNotFound();
    const { limit } = request.query;
    // One more than the page from each source: the page's end is then known to be complete.
    const wanted = { before: request.query.before ?? Number.MAX_SAFE_INTEGER, limit: limit + 1 };
    const read = await Promise.all(sources.map(async (source) => source(personId, wanted)));
    return mergeNewestFirst(read, limit);
  });
}
