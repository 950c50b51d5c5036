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

/** What happened to a person's alert, as their logbook lists it. */
export interface AlertLogLine {
  readonly ts: number;
  readonly alertId: string;
  /** Raised (or raised again), its condition over, acknowledged by someone, closed. */
  readonly change: 'raised' | 'cleared' | 'acknowledged' | 'resolved';
  readonly severity: string;
  readonly title: string;
  /** Who acknowledged it (an account's display name, or the MQTT credential), for `acknowledged`. */
  readonly by?: string;
  /** Through what it was acknowledged (dashboard, api, mqtt…). */
  readonly via?: string;
}

/**
 * A line a threshold rule draws for one person: the rule alerts on values `below` or `above`
 * `value`. `personal` when the person's own override of the rule set the line, not the household's rule.
 */
export interface AlertLine {
  readonly metric: string;
  readonly side: 'below' | 'above';
  readonly value: number;
  readonly ruleId: string;
  readonly personal: boolean;
}

/**
 * What the alerts engine offers the API. `allowedPersonIds` 'all' also includes household-wide
 * alerts. Changes as they happen travel on the bus (`alert.changed`), not through this view.
 */
export interface AlertsView {
  list(filter: AlertFilter, allowedPersonIds: readonly string[] | 'all'): readonly ApiAlert[] | Promise<readonly ApiAlert[]>;
  get(id: string): ApiAlert | undefined | Promise<ApiAlert | undefined>;
  acknowledge(id: string, by: Acknowledger, channel: AckChannel): ApiAlert | undefined | Promise<ApiAlert | undefined>;
  /** What happened to a person's alerts before `before`, newest first, at most `limit` lines. */
  personLog(personId: string, before: number, limit: number): readonly AlertLogLine[] | Promise<readonly AlertLogLine[]>;
  /** The lines the enabled threshold rules draw for a person, after their overrides (the API's normal ranges). */
  lines(personId: string): readonly AlertLine[];
}
