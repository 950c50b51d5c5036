import type { FastifyInstance } from 'fastify';

/** An alert as the API shows it. The alerts engine owns the shape beyond these fields. */
export interface ApiAlert {
  readonly id: string;
  /** The person the alert is about; undefined for household-wide alerts (a device, the hub). */
  readonly personId?: string;
  /** raised, notified, acknowledged, resolved… as the engine names them. */
  readonly state: string;
  readonly [field: string]: unknown;
}

export interface AlertFilter {
  readonly state: 'open' | 'all';
}

/** Who acknowledged, and through what, for the alert's history. */
export interface Acknowledger {
  readonly userId: string;
  readonly displayName: string;
}

export type AckChannel = 'dashboard' | 'api' | 'graphql';

/** What the alerts engine offers the API. `allowedPersonIds` 'all' also includes household-wide alerts. */
export interface AlertsView {
  list(filter: AlertFilter, allowedPersonIds: readonly string[] | 'all'): readonly ApiAlert[] | Promise<readonly ApiAlert[]>;
  get(id: string): ApiAlert | undefined | Promise<ApiAlert | undefined>;
  acknowledge(id: string, by: Acknowledger, channel: AckChannel): ApiAlert | undefined | Promise<ApiAlert | undefined>;
  /** Raised, acknowledged and resolved alerts as they happen; returns the unsubscribe function. */
  subscribe?(listener: (alert: ApiAlert) => void): () => void;
}

export interface ApiInsight {
  readonly id: string;
  /** Undefined or null for household-wide insights. */
  readonly personId?: string | null;
  readonly [field: string]: unknown;
}

export interface InsightsView {
  list(allowedPersonIds: readonly string[] | 'all'): readonly ApiInsight[] | Promise<readonly ApiInsight[]>;
}

/**
 * Where parts built after the API plug their views in. Reached through the hub's HTTP server, which
 * every part holds: `apiRegistry(context.http).setAlerts(view)`.
 */
export class ApiRegistry {
  /** Every route the API part registered, for the security tests and for operators who ask. */
  readonly routes: { readonly method: string; readonly url: string }[] = [];
  private alertsView: AlertsView | undefined;
  private insightsView: InsightsView | undefined;
  private readonly alertListeners = new Set<(view: AlertsView | undefined) => void>();

  get alerts(): AlertsView | undefined {
    return this.alertsView;
  }

  get insights(): InsightsView | undefined {
    return this.insightsView;
  }

  setAlerts(view: AlertsView | undefined): void {
    this.alertsView = view;
    for (const listener of this.alertListeners) listener(view);
  }

  setInsights(view: InsightsView | undefined): void {
    this.insightsView = view;
  }

  /** Calls `listener` now and whenever the alerts view changes; returns the unsubscribe function. */
  watchAlerts(listener: (view: AlertsView | undefined) => void): () => void {
    this.alertListeners.add(listener);
    listener(this.alertsView);
    return () => this.alertListeners.delete(listener);
  }
}

const registries = new WeakMap<FastifyInstance, ApiRegistry>();

export function apiRegistry(http: FastifyInstance): ApiRegistry {
  let registry = registries.get(http);
  if (registry === undefined) {
    registry = new ApiRegistry();
    registries.set(http, registry);
  }
  return registry;
}
