import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canReadPerson, canSetGoalsFor } from '../../accounts/access.js';
import type { Principal } from '../../accounts/principal.js';
import { GOAL_TEMPLATE_IDS, GOAL_TEMPLATES, type GoalTemplate } from '../../apps/healthquest/goal-templates.js';
import { ApiError } from '../../http/api-error.js';
import { principalOf } from '../../http/request-auth.js';
import type { GoalsView } from '../../services/goals-service.js';
import type { ApiDeps } from '../api-deps.js';
import { IdParams } from '../contract/primitives.js';
import { CreatedGoal, DayDeclaration, DayParams, GoalChange, GoalsQuery, GoalTemplatesAnswer, NewGoal, QuestAnswer, QuestFacesAnswer } from '../contract/goals.js';
import { personNotFound } from './people-routes.js';

/** HealthQuest's view while it runs; a hub with it turned off says so. */
export function goalsOf(deps: ApiDeps): GoalsView {
  const view = deps.goals.current();
  if (view === undefined) throw new ApiError(503, 'goals_unavailable', 'goals are turned off on this hub (healthquest.enabled)');
  return view;
}

/** A bound as the form asks for it: steps, hours, a clock time. */
function bound(kind: GoalTemplate['targetKind'], value: number): string {
  if (kind === 'minutes') return `${value / 60} h`;
  if (kind === 'kg') return `${value} kg`;
  if (kind === 'ml') return `${value} mL`;
  if (kind === 'clock') return `${String(Math.floor(value / 60)).padStart(2, '0')}:${String(value % 60).padStart(2, '0')}`;
  return String(value);
}

function checkedTarget(template: keyof typeof GOAL_TEMPLATES, target: number | undefined): number {
  const t = GOAL_TEMPLATES[template];
  const value = target ?? t.defaultTarget;
  if (!Number.isFinite(value) || value < t.minTarget || value > t.maxTarget) {
    throw new ApiError(400, 'invalid_target', `the target of "${t.label}" must be from ${bound(t.targetKind, t.minTarget)} to ${bound(t.targetKind, t.maxTarget)}`);
  }
  return value;
}

export function registerGoalRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  // The same for everyone signed in: it says nothing of anybody.
  app.get('/api/v1/goal-templates', { schema: { response: { 200: GoalTemplatesAnswer } } }, async () => GOAL_TEMPLATE_IDS.map((id) => GOAL_TEMPLATES[id]));

  app.get('/api/v1/goals', { schema: { querystring: GoalsQuery, response: { 200: QuestAnswer } } }, async (request) => {
    const { personId } = request.query;
    if (!canReadPerson(principalOf(request), personId) || deps.household.person(personId) === undefined) throw personNotFound();
    return goalsOf(deps).quest(personId);
  });

  app.get('/api/v1/goal-faces', { schema: { response: { 200: QuestFacesAnswer } } }, async (request) => {
    const view = goalsOf(deps);
    return deps.household.visiblePeople(principalOf(request)).flatMap((person) => view.face(person.id) ?? []);
  });

  app.post('/api/v1/goals', { schema: { body: NewGoal, response: { 201: CreatedGoal } } }, async (request, reply) => {
    const principal = principalOf(request);
    const { personId, template, target } = request.body;
    if (!canReadPerson(principal, personId) || deps.household.person(personId) === undefined) throw personNotFound();
    if (!canSetGoalsFor(principal, personId)) throw new ApiError(403, 'forbidden', 'goals are set by the owner, or by members for themselves');
    const checked = checkedTarget(template, target);
    if (goalsOf(deps).goalOf(personId, template) !== undefined) {
      throw new ApiError(409, 'goal_exists', `there is a "${GOAL_TEMPLATES[template].label}" goal already: change its target instead`);
    }
    const goal = goalsOf(deps).add(personId, template, checked);
    return reply.code(201).send(goal);
  });

  /** A goal the asker may change, else the same 404 as one that does not exist. */
  const changeable = (principal: Principal, id: string) => {
    const goal = goalsOf(deps).goal(id);
    if (goal === undefined || !canReadPerson(principal, goal.personId)) throw new ApiError(404, 'goal_not_found', 'no such goal, or you may not see it');
    if (!canSetGoalsFor(principal, goal.personId)) throw new ApiError(403, 'forbidden', 'goals are changed by the owner, or by members for themselves');
    return goal;
  };

  app.patch('/api/v1/goals/:id', { schema: { params: IdParams, body: GoalChange } }, async (request) => {
    const goal = changeable(principalOf(request), request.params.id);
    goalsOf(deps).setTarget(goal.id, checkedTarget(goal.template, request.body.target));
    return { ...goal, target: request.body.target };
  });

  app.delete('/api/v1/goals/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const goal = changeable(principalOf(request), request.params.id);
    goalsOf(deps).remove(goal.id);
    return reply.code(204).send();
  });

  app.put('/api/v1/goals/:id/days/:date', { schema: { params: DayParams, body: DayDeclaration } }, async (request) => {
    const goal = changeable(principalOf(request), request.params.id);
    if (!goalsOf(deps).declareMissed(goal.id, request.params.date, request.body.missed)) {
      throw new ApiError(409, 'not_a_day_without_data', 'only a day judged without data can be said to be missed: that day was judged on its readings, or not judged at all');
    }
    return { date: request.params.date, declaredMissed: request.body.missed };
  });
}
