import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../http/api-error.js';
import { principalOf } from '../../http/request-auth.js';
import type { FoodJournalView } from '../../services/food-journal-service.js';
import type { ApiDeps } from '../api-deps.js';
import { JournalDayAnswer, JournalEntryAnswer, JournalEntryParams, JournalParams, JournalQuery, NewJournalEntryBody, RecentFoodsAnswer, TrendsAnswer, TrendsQuery } from '../contract/food-journal.js';
import { answered, calendarDate, journalAccess, readingsCommitted } from './personal-journal-access.js';

function journalOf(deps: ApiDeps): FoodJournalView {
  const view = deps.foodJournal.current();
  if (view === undefined) throw new ApiError(503, 'journal_unavailable', 'the food and drink journal is turned off on this hub (nutriverse.enabled)');
  return view;
}

/**
 * A person's food and drink journal. Its entries name what they ate: personal text, read by the
 * person and the owner only; a caregiver sees the intake as readings, like any other metric.
 */
export function registerFoodJournalRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  const { readable, writable } = journalAccess(deps, 'a journal is');
  const committed = readingsCommitted(server, deps);

  app.get('/api/v1/people/:id/food-journal', { schema: { params: JournalParams, querystring: JournalQuery, response: { 200: JournalDayAnswer } } }, async (request) => {
    readable(principalOf(request), request.params.id);
    const journal = journalOf(deps);
    return journal.day(request.params.id, request.query.date === undefined ? journal.today() : calendarDate(request.query.date));
  });

  app.get('/api/v1/people/:id/food-journal/recent', { schema: { params: JournalParams, response: { 200: RecentFoodsAnswer } } }, async (request) => {
    readable(principalOf(request), request.params.id);
    return journalOf(deps).recent(request.params.id);
  });

  app.get('/api/v1/people/:id/food-journal/trends', { schema: { params: JournalParams, querystring: TrendsQuery, response: { 200: TrendsAnswer } } }, async (request) => {
    readable(principalOf(request), request.params.id);
    return journalOf(deps).trends(request.params.id, request.query.days ?? 28);
  });

  app.post('/api/v1/people/:id/food-journal', { schema: { params: JournalParams, body: NewJournalEntryBody, response: { 200: JournalEntryAnswer, 201: JournalEntryAnswer } } }, async (request, reply) => {
    const principal = principalOf(request);
    const personId = request.params.id;
    writable(principal, personId);
    const { id, foodId, meal, grams, count, portion, ts } = request.body;
    const { entry, created } = answered(() =>
      journalOf(deps).add(personId, { id, foodId, meal, grams, count: count ?? 1, portion: portion ?? null, ts: ts ?? deps.clock.now() }),
    );
    if (created) await committed();
    return reply.code(created ? 201 : 200).send(entry);
  });

  app.delete('/api/v1/people/:id/food-journal/:entryId', { schema: { params: JournalEntryParams } }, async (request, reply) => {
    const principal = principalOf(request);
    const personId = request.params.id;
    writable(principal, personId);
    if (!answered(() => journalOf(deps).remove(personId, request.params.entryId))) throw new ApiError(404, 'entry_not_found', 'no such entry in this journal');
    return reply.code(204).send();
  });
}
