import type { AckChannel, Acknowledger, AlertFilter, AlertLine, AlertLogLine, AlertsView, ApiAlert } from '../services/alerts-service.js';
import type { AlertEngine } from './alert-engine.js';
import { shownAlert, type AlertRecord } from './alert-record.js';
import type { AlertStore } from './alert-store.js';
import type { RuleBook } from './rule-book.js';

/** The most alerts `state=all` returns, newest first. */
const MAX_LISTED = 500;

function allowed(alert: AlertRecord, people: readonly string[] | 'all'): boolean {
  if (people === 'all') return true;
  return alert.personId !== undefined && people.includes(alert.personId);
}

/** The dashboard's alerts page and GraphQL, served from the engine and its store. */
export class AlertsApiView implements AlertsView {
  constructor(
    private readonly engine: AlertEngine,
    private readonly store: AlertStore,
    private readonly rules: RuleBook,
  ) {}

  /** Each with what the loud channels did with it, so a list can say who was told through what. */
  list(filter: AlertFilter, people: readonly string[] | 'all'): readonly ApiAlert[] {
    const alerts = filter.state === 'open' ? this.engine.openAlerts() : this.store.recent(MAX_LISTED);
    return alerts.filter((a) => allowed(a, people)).map((a) => ({ ...shownAlert(a), deliveries: this.store.deliveries(a.id) }));
  }

  /** One alert with its history: who was told when, through what, and who acknowledged. */
  get(id: string): ApiAlert | undefined {
    const alert = this.store.byId(id);
    return alert === undefined ? undefined : { ...shownAlert(alert), history: this.store.history(id) };
  }

  /** The alert record keeps the newest acknowledgement's display name; an older one says only the account or credential. */
  personLog(personId: string, before: number, limit: number): AlertLogLine[] {
    return this.store.personEvents(personId, before, limit).map(({ event, alert }): AlertLogLine => {
      const change = event.kind === 'raised' || event.kind === 'cleared' || event.kind === 'acknowledged' ? event.kind : 'resolved';
      const acknowledger = event.actor !== undefined && event.actor === (alert.acknowledgedByUserId ?? alert.acknowledgedBy) ? alert.acknowledgedBy : event.actor;
      return {
        ts: event.ts,
        alertId: alert.id,
        change,
        severity: alert.severity,
        title: alert.title,
        ...(change === 'acknowledged' && acknowledger !== undefined ? { by: acknowledger } : {}),
        ...(change === 'acknowledged' && event.channel !== undefined ? { via: event.channel } : {}),
      };
    });
  }

  acknowledge(id: string, by: Acknowledger, channel: AckChannel): ApiAlert | undefined {
    const alert = this.engine.acknowledge(id, { by: by.displayName, userId: by.userId, via: channel });
    return alert === undefined ? undefined : shownAlert(alert);
  }

  lines(personId: string): readonly AlertLine[] {
    return this.rules.linesFor(personId);
  }
}
