import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canAcknowledgeFor, canReadPerson, canReadUnassigned } from '../../accounts/access.js';
import type { Principal } from '../../accounts/principal.js';
import type { AckChannel, AlertsView, ApiAlert } from '../../services/alerts-service.js';
import type { InsightsView } from '../../services/insights-service.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { AlertsQuery } from '../contract/alerts.js';
import type { ModelOutput } from '../contract/insights.js';
import { isMetricId } from '../../../core/metrics.js';
import { IdParams } from '../contract/primitives.js';
import { principalOf } from '../../http/request-auth.js';

/** People whose alerts the principal may read: 'all' also covers household-wide ones. */
export function alertAudience(principal: Principal, everyone: readonly string[]): readonly string[] | 'all' {
  return canReadUnassigned(principal) ? 'all' : everyone.filter((id) => canReadPerson(principal, id));
}

export function mayReadAlert(principal: Principal, alert: ApiAlert): boolean {
  return alert.personId === undefined ? canReadUnassigned(principal) : canReadPerson(principal, alert.personId);
}

function alertsOf(deps: ApiDeps): AlertsView {
  const view = deps.alerts.current();
  if (view === undefined) throw new ApiError(503, 'alerts_unavailable', 'the alerts engine is not running on this hub');
  return view;
}

function insightsOf(deps: ApiDeps): InsightsView {
  const view = deps.insights.current();
  if (view === undefined) throw new ApiError(503, 'insights_unavailable', 'insights are not running on this hub');
  return view;
}

/** Acknowledges an alert if the principal may; the same rule for REST and GraphQL. */
export async function acknowledgeAlert(deps: ApiDeps, principal: Principal, id: string, channel: AckChannel): Promise<ApiAlert> {
  const view = alertsOf(deps);
  const alert = await view.get(id);
  if (alert === undefined || !mayReadAlert(principal, alert)) throw new ApiError(404, 'alert_not_found', 'no such alert, or you may not see it');
  if (!canAcknowledgeFor(principal, alert.personId)) throw new ApiError(403, 'forbidden', 'you may not acknowledge this alert');
  const acknowledged = await view.acknowledge(id, { userId: principal.user.id, displayName: principal.user.displayName }, channel);
  if (acknowledged === undefined) throw new ApiError(404, 'alert_not_found', 'no such alert, or you may not see it');
  return acknowledged;
}

/**
 * Alerts and insights come from views other parts register, typed by those parts; the contract's
 * `Alert` and `Insight` describe what they answer (checked against the real engine by the tests).
 */
export function registerAlertRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const everyone = (): string[] => deps.registry.listPeople().map((p) => p.id);

  app.get('/api/v1/alerts', { schema: { querystring: AlertsQuery } }, async (request) => {
    const principal = principalOf(request);
    const alerts = await alertsOf(deps).list({ state: request.query.state }, alertAudience(principal, everyone()));
    // The engine is asked to filter; checking again keeps one careless engine from leaking.
    return alerts.filter((a) => mayReadAlert(principal, a));
  });

  app.post('/api/v1/alerts/:id/ack', { schema: { params: IdParams } }, async (request) =>
    acknowledgeAlert(deps, principalOf(request), request.params.id, request.principal?.via === 'token' ? 'api' : 'dashboard'),
  );

  app.get('/api/v1/insights', async (request) => {
    const principal = principalOf(request);
    const insights = await insightsOf(deps).list(alertAudience(principal, everyone()));
    return insights.filter((i) => (i.personId === undefined || i.personId === null ? canReadUnassigned(principal) : canReadPerson(principal, i.personId)));
  });

  // What the models write says nothing about anyone: everyone signed in may read it.
  app.get('/api/v1/insights/outputs', async (): Promise<ModelOutput[]> =>
    insightsOf(deps)
      .outputs()
      .flatMap((o) => (isMetricId(o.metric) ? [{ metric: o.metric, model: o.model, reads: o.reads, threshold: o.threshold }] : [])),
  );
}
