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

/**
 * What the alerts engine offers the API. `allowedPersonIds` 'all' also includes household-wide
 * alerts. Changes as they happen travel on the bus (`alert.changed`), not through this view.
 */
export interface AlertsView {
  list(filter: AlertFilter, allowedPersonIds: readonly string[] | 'all'): readonly ApiAlert[] | Promise<readonly ApiAlert[]>;
  get(id: string): ApiAlert | undefined | Promise<ApiAlert | undefined>;
  acknowledge(id: string, by: Acknowledger, channel: AckChannel): ApiAlert | undefined | Promise<ApiAlert | undefined>;
}
