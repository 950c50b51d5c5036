import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AlertChange, AlertChangedEvent } from '../bus/hub-events.js';
import type { Clock } from '../../core/clock.js';
import type { AlertChannel, Delivery } from './alert-channel.js';
import type { AlertDeliveries } from './alert-deliveries.js';
import { isOpen, needsAttention, shownAlert, type AlertHistoryEntry, type AlertRecord } from './alert-record.js';
import type { AlertStore } from './alert-store.js';
import type { CaregiverDirectory } from './caregiver-directory.js';
import type { QuietHours } from './quiet-hours.js';
import type { RuleFired } from './rule-evaluator.js';

export interface AlertTiming {
  readonly repeatMs: number;
  readonly escalateAfterMs: number;
  readonly refoldMs: number;
}

export interface AlertEngineOptions {
  readonly store: AlertStore;
  readonly clock: Clock;
  readonly quiet: QuietHours;
  /** Tells the hub of every change: the bus's `alert.changed`. */
  readonly publish: (event: AlertChangedEvent) => void;
  /** The loud channels the engine hands deliveries to itself (push webhooks, which escalate to caregivers). */
  readonly channels: readonly AlertChannel[];
  readonly deliveries: AlertDeliveries;
  readonly caregivers: CaregiverDirectory;
  /** Whether the bus's announcements reach MQTT (the broker is on and the household has not switched alerts off there); only then is it noted as a delivery. */
  readonly announcesOnMqtt: () => boolean;
  /** Asked at each turn: the household may change how soon caregivers are told. */
  readonly timing: () => AlertTiming;
  readonly logger: Logger;
  readonly newId?: () => string;
}

export interface Acknowledgement {
  /** Display name of the account, or the MQTT credential's name. */
  readonly by: string;
  readonly userId?: string;
  readonly via: string;
}

/** What the history calls the announcement on the bus, which MQTT and integrations hear. */
export const ALERT_BUS_CHANNEL = 'mqtt';
/** What the history calls the escalation itself, when it has no one to go to. */
export const ESCALATION_CHANNEL = 'escalation';

/** What an alert says on the bus (and so on `hearth/alerts`). */
export function alertChangedEvent(alert: AlertRecord, change: AlertChange, ts: number): AlertChangedEvent {
  return {
    id: alert.id,
    ...(alert.personId !== undefined ? { personId: alert.personId } : {}),
    severity: alert.severity,
    title: alert.title,
    spoken: alert.spoken,
    explanation: alert.explanation,
    state: alert.state,
    ts,
    change,
    rule: alert.rule,
    ...(alert.deviceId !== undefined ? { deviceId: alert.deviceId } : {}),
    raisedAt: alert.raisedAt,
    ...(alert.acknowledgedAt !== undefined ? { acknowledgedAt: alert.acknowledgedAt } : {}),
    ...(alert.acknowledgedBy !== undefined ? { acknowledgedBy: alert.acknowledgedBy } : {}),
    ...(alert.acknowledgedVia !== undefined ? { acknowledgedVia: alert.acknowledgedVia } : {}),
    ...(alert.resolvedAt !== undefined ? { resolvedAt: alert.resolvedAt } : {}),
    data: alert.data,
    repeats: alert.repeats,
    escalated: alert.escalatedAt !== undefined,
  };
}

/**
 * The lifecycle of alerts: raised → notified → acknowledged → resolved, one open alert per rule and
 * subject (a recurrence folds into it), repeats and escalation while nobody acknowledges, quiet
 * hours holding what may wait. Every change is persisted before anyone is told.
 */
export class AlertEngine {
  private readonly openByKey = new Map<string, AlertRecord>();
  private readonly newId: () => string;

  constructor(private readonly options: AlertEngineOptions) {
    this.newId = options.newId ?? (() => `al-${randomUUID()}`);
  }

  /** Takes up the alerts that were open when the hub last stopped; returns them. */
  load(): readonly AlertRecord[] {
    this.openByKey.clear();
    for (const alert of this.options.store.open()) this.openByKey.set(alert.key, alert);
    return [...this.openByKey.values()];
  }

  openAlerts(): AlertRecord[] {
    return [...this.openByKey.values()].sort((a, b) => b.raisedAt - a.raisedAt);
  }

  fire(fired: RuleFired): AlertRecord {
    const now = this.options.clock.now();
    const open = this.openByKey.get(fired.key);
    if (open !== undefined) return this.fold(open, fired, now);
    const last = this.options.store.lastFor(fired.key);
    if (last?.resolvedAt !== undefined && now - last.resolvedAt < this.options.timing().refoldMs) return this.reopen(last, fired, now);
    const held = this.options.quiet.holds(fired.rule.severity, now);
    const alert: AlertRecord = {
      id: this.newId(),
      key: fired.key,
      rule: fired.rule.id,
      ...(fired.personId !== undefined ? { personId: fired.personId } : {}),
      ...(fired.deviceId !== undefined ? { deviceId: fired.deviceId } : {}),
      severity: fired.rule.severity,
      ...fired.text,
      data: fired.data,
      state: 'raised',
      raisedAt: now,
      occurrences: 1,
      lastTriggeredAt: now,
      held,
      repeats: 0,
    };
    this.openByKey.set(alert.key, alert);
    this.options.store.save(alert, now, { ts: now, kind: 'raised', detail: held ? 'held for quiet hours' : undefined });
    this.options.logger.info({ alertId: alert.id, rule: alert.rule, severity: alert.severity, held }, 'alert raised');
    this.options.logger.debug({ alertId: alert.id, personId: alert.personId, data: alert.data }, 'alert raised for');
    this.changed(alert, 'raised');
    if (!held) this.notify(alert, now);
    return alert;
  }

  /** The condition behind `key` is over. */
  clear(key: string): void {
    const alert = this.openByKey.get(key);
    if (alert === undefined || alert.conditionClearedAt !== undefined) return;
    const now = this.options.clock.now();
    if (alert.state === 'acknowledged') {
      this.resolve({ ...alert, conditionClearedAt: now }, now);
      return;
    }
    const cleared: AlertRecord = { ...alert, conditionClearedAt: now };
    this.update(cleared, now, { ts: now, kind: 'cleared' });
    this.changed(cleared, 'cleared', { kind: 'update', change: 'cleared' });
  }

  /** Undefined when there is no such alert; an alert already acknowledged or resolved comes back as it is. */
  acknowledge(id: string, ack: Acknowledgement): AlertRecord | undefined {
    const alert = [...this.openByKey.values()].find((a) => a.id === id);
    if (alert === undefined) return this.options.store.byId(id);
    if (alert.state === 'acknowledged') return alert;
    const now = this.options.clock.now();
    const acknowledged: AlertRecord = {
      ...alert,
      state: 'acknowledged',
      held: false,
      acknowledgedAt: now,
      acknowledgedBy: ack.by,
      ...(ack.userId !== undefined ? { acknowledgedByUserId: ack.userId } : {}),
      acknowledgedVia: ack.via,
    };
    this.update(acknowledged, now, { ts: now, kind: 'acknowledged', channel: ack.via, actor: ack.userId ?? ack.by });
    this.options.logger.info({ alertId: id, via: ack.via }, 'alert acknowledged');
    if (acknowledged.conditionClearedAt !== undefined) {
      this.resolve(acknowledged, now);
      return this.options.store.byId(id);
    }
    this.changed(acknowledged, 'acknowledged', { kind: 'update', change: 'acknowledged' });
    return acknowledged;
  }

  /** Releases what quiet hours held, repeats what nobody acknowledged, escalates what waited too long. */
  tick(): void {
    const now = this.options.clock.now();
    const { repeatMs, escalateAfterMs } = this.options.timing();
    for (const alert of [...this.openByKey.values()]) {
      const quiet = this.options.quiet.holds(alert.severity, now);
      if (alert.held) {
        if (quiet) continue;
        const released: AlertRecord = { ...alert, held: false };
        if (needsAttention(released)) this.notify(released, now);
        else this.update(released, now);
        continue;
      }
      if (alert.state !== 'notified' || !needsAttention(alert) || quiet) continue;
      const notifiedAt = alert.notifiedAt ?? alert.raisedAt;
      let current = alert;
      if (current.escalatedAt === undefined && now - notifiedAt >= escalateAfterMs) current = this.escalate(current, now);
      if (now - (current.lastNotifiedAt ?? notifiedAt) >= repeatMs) {
        current = { ...current, repeats: current.repeats + 1, lastNotifiedAt: now };
        this.update(current, now, { ts: now, kind: 'repeated', detail: `repeat ${current.repeats}` });
        this.changed(current, 'repeated', { kind: 'repeat' });
      }
    }
  }

  private notify(alert: AlertRecord, now: number): void {
    const notified: AlertRecord = { ...alert, state: 'notified', held: false, notifiedAt: alert.notifiedAt ?? now, lastNotifiedAt: now };
    this.update(notified, now);
    this.changed(notified, 'notified', { kind: 'notify' });
  }

  private escalate(alert: AlertRecord, now: number): AlertRecord {
    const caregivers = this.options.caregivers.for(alert.personId);
    const escalated: AlertRecord = { ...alert, escalatedAt: now };
    const detail = `${caregivers.userIds.length} caregiver account(s), ${caregivers.webhookUrls.length} push address(es)`;
    this.update(escalated, now, { ts: now, kind: 'escalated', actor: caregivers.userIds.join(',') || undefined, detail });
    this.options.logger.info({ alertId: alert.id, accounts: caregivers.userIds.length, pushes: caregivers.webhookUrls.length }, 'alert escalated to caregivers');
    if (caregivers.userIds.length === 0 && caregivers.webhookUrls.length === 0) {
      this.options.logger.warn({ alertId: alert.id }, 'alert escalation reached no one: no caregiver is set up for this person');
      this.options.deliveries.noteNow(alert.id, { kind: 'no_recipient', channel: ESCALATION_CHANNEL, detail: 'escalate: no caregiver account is granted this person and no caregiver push address is set' });
    }
    this.changed(escalated, 'escalated', { kind: 'escalate', caregivers });
    return escalated;
  }

  private fold(open: AlertRecord, fired: RuleFired, now: number): AlertRecord {
    const folded: AlertRecord = { ...open, data: fired.data, occurrences: open.occurrences + 1, lastTriggeredAt: now, conditionClearedAt: undefined };
    this.update(folded, now, { ts: now, kind: 'folded', detail: `occurrence ${folded.occurrences}` });
    this.changed(folded, 'folded', { kind: 'update', change: 'folded' });
    return folded;
  }

  /** The rule fired again soon after its alert resolved: the same alert comes back, and is told again. */
  private reopen(last: AlertRecord, fired: RuleFired, now: number): AlertRecord {
    const held = this.options.quiet.holds(last.severity, now);
    const reopened: AlertRecord = {
      id: last.id,
      key: last.key,
      rule: last.rule,
      ...(last.personId !== undefined ? { personId: last.personId } : {}),
      ...(last.deviceId !== undefined ? { deviceId: last.deviceId } : {}),
      severity: last.severity,
      ...fired.text,
      data: fired.data,
      state: 'raised',
      raisedAt: last.raisedAt,
      occurrences: last.occurrences + 1,
      lastTriggeredAt: now,
      held,
      repeats: 0,
    };
    this.openByKey.set(reopened.key, reopened);
    this.options.store.save(reopened, now, { ts: now, kind: 'raised', detail: `reopened, occurrence ${reopened.occurrences}` });
    this.options.logger.info({ alertId: reopened.id, rule: reopened.rule, severity: reopened.severity, held }, 'alert reopened');
    this.changed(reopened, 'raised');
    if (!held) this.notify(reopened, now);
    return reopened;
  }

  private resolve(alert: AlertRecord, now: number): void {
    const resolved: AlertRecord = { ...alert, state: 'resolved', held: false, resolvedAt: now };
    this.openByKey.delete(alert.key);
    this.options.store.save(resolved, now, { ts: now, kind: 'resolved' });
    this.options.logger.info({ alertId: alert.id }, 'alert resolved');
    this.changed(resolved, 'resolved', { kind: 'update', change: 'resolved' });
  }

  private update(alert: AlertRecord, now: number, event?: AlertHistoryEntry): void {
    if (isOpen(alert)) this.openByKey.set(alert.key, alert);
    this.options.store.save(alert, now, event);
  }

  /**
   * Every change, once persisted, goes on the bus: the dashboard shows each one; MQTT, integrations
   * and the speaker only those not silent. A held alert stays silent until quiet hours release it,
   * and a bare 'raised' is followed by its notification. Then the engine's own loud channels take
   * their delivery, each in its own time, what each did going into the alert's history.
   */
  private changed(alert: AlertRecord, change: AlertChange, delivery?: Delivery): void {
    const loud = delivery !== undefined && !alert.held;
    this.options.publish({ ...alertChangedEvent(alert, change, this.options.clock.now()), ...(loud ? {} : { silent: true }), record: shownAlert(alert) });
    if (!loud) return;
    const { deliveries, channels } = this.options;
    if (this.options.announcesOnMqtt()) deliveries.run(alert.id, ALERT_BUS_CHANNEL, delivery.kind, () => true);
    for (const channel of channels) deliveries.run(alert.id, channel.name, delivery.kind, () => channel.deliver(alert, delivery), channel.missingRecipient?.(alert, delivery));
  }
}
