import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canAdminister, canReadPerson } from '../../accounts/access.js';
import { randomId } from '../../accounts/secrets.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { NewPersonBody, type PersonSummary } from '../contract/people.js';
import { IdParams } from '../contract/primitives.js';
import { principalOf } from '../../http/request-auth.js';

/** A person the asker may not see answers exactly like one that does not exist. */
export const personNotFound = (): ApiError => new ApiError(404, 'person_not_found', 'no such person, or you may not see them');

export function registerPeopleRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { household } = deps;

  app.get('/api/v1/people', async (request): Promise<PersonSummary[]> => household.visiblePeople(principalOf(request)).map((p) => household.personSummary(p)));

  app.get('/api/v1/people/:id', { schema: { params: IdParams } }, async (request): Promise<PersonSummary> => {
    const person = household.person(request.params.id);
    if (person === undefined || !canReadPerson(principalOf(request), person.id)) throw personNotFound();
    return household.personSummary(person);
  });

  app.post('/api/v1/people', { schema: { body: NewPersonBody } }, async (request, reply) => {
    if (!canAdminister(principalOf(request))) throw new ApiError(403, 'forbidden', 'only the owner adds people');
    const person = { id: randomId('p-'), name: request.body.name.trim(), ...(request.body.birthYear !== undefined ? { birthYear: request.body.birthYear } : {}) };
    deps.registry.savePerson(person);
    deps.log.info({ personId: person.id }, 'person added');
    return reply.code(201).send(household.personSummary(person) satisfies PersonSummary);
  });
}
