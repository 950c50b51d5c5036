import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canSeeChallenge, canSetChallenges } from '../../accounts/access.js';
import { CHALLENGE_TEMPLATE_IDS, CHALLENGE_TEMPLATES } from '../../apps/healthquest/challenge-templates.js';
import type { Challenge } from '../../apps/healthquest/challenge-store.js';
import { datePlusDays } from '../../../core/local-day.js';
import type { Principal } from '../../accounts/principal.js';
import { ApiError } from '../../http/api-error.js';
import { principalOf } from '../../http/request-auth.js';
import type { ApiDeps } from '../api-deps.js';
import { ChallengeAnswer, ChallengesAnswer, ChallengeTemplatesAnswer, NewChallenge } from '../contract/challenges.js';
import { IdParams } from '../contract/primitives.js';
import { goalsOf } from './goals-routes.js';

/** How far ahead a challenge may be set to start. */
const MAX_DAYS_AHEAD = 60;

const notFound = (): ApiError => new ApiError(404, 'challenge_not_found', 'no such challenge, or you may not see it');

/** A challenge with its board, as REST and GraphQL answer it. */
export function challengeAnswer(deps: ApiDeps, challenge: Challenge): ChallengeAnswer {
  const board = goalsOf(deps).board(challenge);
  const share = new Map(board.shares.map((s) => [s.personId, s.share]));
  return {
    id: challenge.id,
    template: challenge.template,
    label: CHALLENGE_TEMPLATES[challenge.template].label,
    target: challenge.target,
    firstDate: challenge.firstDate,
    lastDate: challenge.lastDate,
    created: challenge.created,
    today: board.today,
    status: board.status,
    progress: board.progress,
    members: challenge.personIds.map((personId) => ({ personId, name: deps.household.person(personId)?.name ?? personId, share: share.get(personId) ?? 0 })),
  };
}

/** The challenges the principal may see, latest first. */
export function visibleChallenges(deps: ApiDeps, principal: Principal): ChallengeAnswer[] {
  return goalsOf(deps)
    .challenges()
    .filter((c) => canSeeChallenge(principal, c.personIds))
    .map((c) => challengeAnswer(deps, c));
}

export function registerChallengeRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/challenge-templates', { schema: { response: { 200: ChallengeTemplatesAnswer } } }, async () => CHALLENGE_TEMPLATE_IDS.map((id) => CHALLENGE_TEMPLATES[id]));

  app.get('/api/v1/challenges', { schema: { response: { 200: ChallengesAnswer } } }, async (request) => visibleChallenges(deps, principalOf(request)));

  app.get('/api/v1/challenges/:id', { schema: { params: IdParams, response: { 200: ChallengeAnswer } } }, async (request) => {
    const challenge = goalsOf(deps).challenge(request.params.id);
    if (challenge === undefined || !canSeeChallenge(principalOf(request), challenge.personIds)) throw notFound();
    return challengeAnswer(deps, challenge);
  });

  app.post('/api/v1/challenges', { schema: { body: NewChallenge, response: { 201: ChallengeAnswer } } }, async (request, reply) => {
    const principal = principalOf(request);
    const { template, personIds, target, firstDate } = request.body;
    // Asked first, so that whoever may not set one learns nothing of who is in the household.
    if (!canSetChallenges(principal, personIds)) throw new ApiError(403, 'forbidden', 'household challenges are set by the owner');
    const unknown = personIds.filter((id) => deps.household.person(id) === undefined);
    if (unknown.length > 0) throw new ApiError(400, 'unknown_person', `no one in the household has the id ${unknown.map((id) => `"${id}"`).join(', ')}`);
    const t = CHALLENGE_TEMPLATES[template];
    const value = target ?? t.defaultTarget;
    if (!Number.isFinite(value) || value < t.minTarget || value > t.maxTarget) {
      throw new ApiError(400, 'invalid_target', t.minTarget === t.maxTarget ? `"${t.label}" has no target to choose` : `the target of "${t.label}" must be from ${t.minTarget} to ${t.maxTarget}`);
    }
    const today = goalsOf(deps).today();
    if (firstDate !== undefined && datePlusDays(firstDate, 0) !== firstDate) throw new ApiError(400, 'invalid_first_date', `${firstDate} is not a date: a challenge starts on a day of the calendar (YYYY-MM-DD)`);
    if (firstDate !== undefined && (firstDate < today || firstDate > datePlusDays(today, MAX_DAYS_AHEAD))) {
      throw new ApiError(400, 'invalid_first_date', `a challenge starts today or within ${MAX_DAYS_AHEAD} days: from ${today} to ${datePlusDays(today, MAX_DAYS_AHEAD)}`);
    }
    const challenge = goalsOf(deps).addChallenge(template, value, personIds, firstDate);
    return reply.code(201).send(challengeAnswer(deps, challenge));
  });

  app.delete('/api/v1/challenges/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const principal = principalOf(request);
    const challenge = goalsOf(deps).challenge(request.params.id);
    if (challenge === undefined || !canSeeChallenge(principal, challenge.personIds)) throw notFound();
    if (!canSetChallenges(principal, challenge.personIds)) throw new ApiError(403, 'forbidden', 'household challenges are ended by the owner');
    goalsOf(deps).removeChallenge(challenge.id);
    return reply.code(204).send();
  });
}
