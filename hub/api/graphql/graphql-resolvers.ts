import { GraphQLScalarType } from 'graphql';
import { canReadPerson, canReadReading } from '../../accounts/access.js';
import type { Principal } from '../../accounts/principal.js';
import { isMetricId, metricDefinition } from '../../../core/metrics.js';
import type { Reading } from '../../../core/reading.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import type { DeviceSummary } from '../contract/devices.js';
import type { PersonSummary } from '../contract/people.js';
import { MAX_POINTS } from '../contract/series.js';
import { changeDevice } from '../device-actions.js';
import { acknowledgeAlert } from '../routes/alerts-routes.js';
import { visibleChallenges } from '../routes/challenge-routes.js';
import { goalsOf } from '../routes/goals-routes.js';
import { personNotFound } from '../routes/people-routes.js';
import type { AnswerBudget } from './answer-budget.js';
import { busIterator } from './bus-subscription.js';
import type { StoreTurns } from './store-turns.js';

export interface GraphqlContext {
  /** Read at every event by a subscription: a socket's credential can change or end while it is open. */
  readonly principal?: Principal | null;
  /** What the answer may still grow by (an operation over HTTP). */
  readonly answer?: AnswerBudget;
}

/** A series point in JSON with every field asked for (`{"ts":…,"value":…,"min":…,"max":…,"count":…}`), generously. */
const SERIES_POINT_BYTES = 80;
/** A goal's day in JSON with every field (`{"date":…,"status":…,"target":…,"value":…,"progress":…}`), generously. */
const GOAL_DAY_BYTES = 100;

function principalIn(context: GraphqlContext): Principal {
  if (context.principal === undefined || context.principal === null) throw new ApiError(401, 'unauthenticated', 'log in first, or send an API token');
  return context.principal;
}

function personJson(summary: PersonSummary): Record<string, unknown> {
  return { ...summary, latest: Object.entries(summary.latest).map(([metric, v]) => ({ metric, ...v })) };
}

interface SeriesArgs {
  personId: string;
  metric: string;
  from: number;
  to: number;
  maxPoints: number;
}

/**
 * Resolvers over the same household view and access rules as the REST routes. Whatever reads the
 * store takes its turn (`turns`), so a query of many fields lets the hub's sockets in between.
 */
export function graphqlResolvers(deps: ApiDeps, owner: string, turns: StoreTurns): Record<string, unknown> {
  const { household } = deps;
  return {
    JSON: new GraphQLScalarType({ name: 'JSON', description: 'Any JSON value (alerts carry the alerts engine\'s own fields)', serialize: (value) => value }),
    Query: {
      me: (_: unknown, __: unknown, context: GraphqlContext) => {
        const { user } = principalIn(context);
        return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, personId: user.personId ?? null };
      },
      people: (_: unknown, __: unknown, context: GraphqlContext) => {
        const principal = principalIn(context);
        context.answer?.ensureRoom();
        return turns.take(() => household.visiblePeople(principal).map((p) => personJson(household.personSummary(p))));
      },
      person: (_: unknown, args: { id: string }, context: GraphqlContext) => {
        const person = household.person(args.id);
        if (person === undefined || !canReadPerson(principalIn(context), person.id)) return null;
        context.answer?.ensureRoom();
        return turns.take(() => personJson(household.personSummary(person)));
      },
      series: async (_: unknown, args: SeriesArgs, context: GraphqlContext) => {
        const principal = principalIn(context);
        if (!canReadPerson(principal, args.personId) || household.person(args.personId) === undefined) throw personNotFound();
        if (!isMetricId(args.metric) || metricDefinition(args.metric).kind !== 'scalar') throw new ApiError(400, 'unknown_metric', `"${args.metric}" is not a scalar metric`);
        if (!(args.to > args.from)) throw new ApiError(400, 'invalid_range', '"to" must be after "from"');
        if (!Number.isInteger(args.maxPoints) || args.maxPoints < 1 || args.maxPoints > MAX_POINTS) throw new ApiError(400, 'invalid_request', `maxPoints must be 1 to ${MAX_POINTS}`);
        context.answer?.ensureRoom();
        const query = { personId: args.personId, metric: args.metric, from: args.from, to: args.to, maxPoints: args.maxPoints };
        const result = await turns.take(() => deps.store.query.querySeries(query));
        context.answer?.charge(result.points.length * SERIES_POINT_BYTES);
        return { metric: args.metric, unit: metricDefinition(args.metric).unit, ...result, resolution: String(result.resolution) };
      },
      quest: (_: unknown, args: { personId: string }, context: GraphqlContext) => {
        if (!canReadPerson(principalIn(context), args.personId) || household.person(args.personId) === undefined) return null;
        context.answer?.ensureRoom();
        return turns.take(() => {
          const quest = goalsOf(deps).quest(args.personId);
          context.answer?.charge(quest.goals.reduce((bytes, g) => bytes + g.days.length * GOAL_DAY_BYTES, 0));
          return {
            ...quest,
            badges: quest.badges.map((b) => b.id),
            goals: quest.goals.map((g) => ({ ...g, streak: g.streak.current, bestStreak: g.streak.best, today: g.today ?? null })),
          };
        });
      },
      challenges: (_: unknown, __: unknown, context: GraphqlContext) => {
        const principal = principalIn(context);
        // Without HealthQuest there are no challenges: an empty list, not an error that voids the rest of the answer.
        if (deps.goals.current() === undefined) return [];
        context.answer?.ensureRoom();
        return turns.take(() => visibleChallenges(deps, principal));
      },
      devices: (_: unknown, __: unknown, context: GraphqlContext): Promise<DeviceSummary[]> => {
        const principal = principalIn(context);
        context.answer?.ensureRoom();
        return turns.take(() => household.visibleDevices(principal));
      },
    },
    Mutation: {
      assignDevice: (_: unknown, args: { deviceId: string; personId?: string | null }, context: GraphqlContext) =>
        changeDevice(deps, principalIn(context), args.deviceId, { personId: args.personId ?? null }),
      renameDevice: (_: unknown, args: { deviceId: string; name: string }, context: GraphqlContext) => {
        const name = args.name.trim();
        if (name.length === 0 || name.length > 100) throw new ApiError(400, 'invalid_request', 'a device name is 1 to 100 characters');
        return changeDevice(deps, principalIn(context), args.deviceId, { name });
      },
      acknowledgeAlert: (_: unknown, args: { id: string }, context: GraphqlContext) => acknowledgeAlert(deps, principalIn(context), args.id, 'graphql'),
    },
    Subscription: {
      readings: {
        subscribe: (_: unknown, args: { personIds?: string[] | null; metrics?: string[] | null }, context: GraphqlContext) => {
          const principal = principalIn(context);
          const personIds = args.personIds ?? null;
          if (personIds !== null && personIds.some((id) => !canReadPerson(principal, id))) throw new ApiError(403, 'forbidden', 'you may not see some of those people');
          const metrics = args.metrics === undefined || args.metrics === null ? null : new Set(args.metrics);
          const people = personIds === null ? null : new Set(personIds);
          // The listener goes when the client unsubscribes or disconnects, or when the part stops.
          return busIterator(deps.bus, 'reading.accepted', owner, (reading: Reading) => {
            if (people !== null && (reading.personId === undefined || !people.has(reading.personId))) return undefined;
            if (metrics !== null && !metrics.has(reading.metric)) return undefined;
            // Asked again at every reading: grants can shrink while the socket is open.
            const current = context.principal;
            return current !== undefined && current !== null && canReadReading(current, reading) ? { readings: reading } : undefined;
          });
        },
      },
    },
  };
}
