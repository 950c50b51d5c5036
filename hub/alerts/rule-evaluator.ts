import { isMetricId, METRICS } from '../../core/metrics.js';
import type { DeviceAvailabilityEvent } from '../bus/hub-events.js';
import type { Reading } from '../../core/reading.js';
import type { AlertText } from './alert-record.js';
import { batteryText, rateText, silenceText, thresholdText, unavailableText, type TextContext } from './alert-text.js';
import type { LocalTime } from './local-time.js';
import { RateTracker } from './rate-tracker.js';
import type { ResolvedRule, RuleBook } from './rule-book.js';
import { ThresholdTracker } from './threshold-tracker.js';

/** A rule's condition began: raise an alert for `key`, or fold it into the one open. */
export interface RuleFired {
  readonly kind: 'fire';
  readonly key: string;
  readonly rule: ResolvedRule;
  readonly personId?: string;
  readonly deviceId?: string;
  readonly text: AlertText;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface RuleCleared {
  readonly kind: 'clear';
  readonly key: string;
}

export type RuleOutcome = RuleFired | RuleCleared;

/** What the evaluator needs to know of the household. */
export interface HouseholdLookup {
  personName(personId: string): string | undefined;
  deviceName(deviceId: string): string | undefined;
  personOfDevice(deviceId: string): string | undefined;
  /** Devices assigned to a person, with when they were last heard of. */
  personalDevices(): readonly { readonly id: string; readonly personId: string; readonly lastSeen: number }[];
}

/** Earlier readings of a person's metric, to seed a rate rule after a restart. */
export type ReadingHistory = (personId: string | undefined, deviceId: string, metric: string, from: number, to: number) => readonly { ts: number; value: number }[];

function isNightly(metric: string): boolean {
  return isMetricId(metric) && METRICS.get(metric)?.nightly === true;
}

/** Readings older than this (re-sent device memory) feed rate rules but do not start a duration. */
const STALE_MS = 15 * 60_000;

export function deviceKey(ruleId: string, deviceId: string): string {
  return `${ruleId}/device:${deviceId}`;
}

function readingKey(ruleId: string, reading: Pick<Reading, 'personId' | 'deviceId'>): string {
  return reading.personId === undefined ? deviceKey(ruleId, reading.deviceId) : `${ruleId}/person:${reading.personId}`;
}

/**
 * Turns readings, device availability and the passing of time into rule outcomes, keeping per
 * person and metric (or per device) only what each rule needs, in memory.
 */
export class RuleEvaluator {
  private readonly thresholds = new Map<string, ThresholdTracker>();
  private readonly rates = new Map<string, RateTracker>();
  private readonly lastHeard = new Map<string, number>();
  private readonly unavailableSince = new Map<string, number>();
  /** Keys of device conditions (silence, unavailability) currently on. */
  private readonly deviceConditions = new Set<string>();
  private readonly primed = new Set<string>();

  constructor(
    private readonly rules: RuleBook,
    private readonly household: HouseholdLookup,
    private readonly time: LocalTime,
    private readonly history: ReadingHistory,
    private readonly now: () => number,
  ) {}

  /** An alert for `key` was open before a restart: its condition is taken to be still on. */
  prime(key: string): void {
    this.primed.add(key);
    this.thresholds.get(key)?.prime();
    this.rates.get(key)?.prime();
    if (key.includes('/device:')) this.deviceConditions.add(key);
  }

  /** The people and devices left the household: what was kept about them goes, with no outcome. */
  forget(personIds: readonly string[], deviceIds: readonly string[]): void {
    const suffixes = [...personIds.map((id) => `/person:${id}`), ...deviceIds.map((id) => `/device:${id}`)];
    const about = (key: string): boolean => suffixes.some((suffix) => key.endsWith(suffix));
    for (const map of [this.thresholds, this.rates]) for (const key of [...map.keys()]) if (about(key)) map.delete(key);
    for (const set of [this.deviceConditions, this.primed]) for (const key of [...set]) if (about(key)) set.delete(key);
    for (const id of deviceIds) {
      this.lastHeard.delete(id);
      this.unavailableSince.delete(id);
    }
  }

  onReading(reading: Reading): RuleOutcome[] {
    const outcomes: RuleOutcome[] = [];
    this.lastHeard.set(reading.deviceId, Math.max(reading.ts, this.lastHeard.get(reading.deviceId) ?? 0));
    const stale = reading.ts < this.now() - STALE_MS && !isNightly(reading.metric);
    for (const rule of this.rules.forPerson(reading.personId)) {
      const outcome = this.evaluate(rule, reading, stale);
      if (outcome !== undefined) outcomes.push(outcome);
    }
    // Any reading ends a device's silence.
    for (const rule of this.rules.forPerson(reading.personId)) {
      if (rule.kind !== 'no_data') continue;
      const key = deviceKey(rule.id, reading.deviceId);
      if (this.deviceConditions.delete(key)) outcomes.push({ kind: 'clear', key });
    }
    return outcomes;
  }

  onAvailability(event: DeviceAvailabilityEvent): RuleOutcome[] {
    if (!event.available) {
      if (!this.unavailableSince.has(event.deviceId)) this.unavailableSince.set(event.deviceId, event.ts);
      return this.tick(this.now()).filter((o) => o.kind === 'fire' && o.deviceId === event.deviceId);
    }
    this.unavailableSince.delete(event.deviceId);
    const outcomes: RuleOutcome[] = [];
    for (const rule of this.rules.forPerson(this.household.personOfDevice(event.deviceId))) {
      if (rule.kind !== 'unavailable') continue;
      const key = deviceKey(rule.id, event.deviceId);
      if (this.deviceConditions.delete(key)) outcomes.push({ kind: 'clear', key });
    }
    return outcomes;
  }

  /** Conditions that are about time passing: silent devices, devices unavailable for long enough. */
  tick(now: number): RuleOutcome[] {
    const outcomes: RuleOutcome[] = [];
    for (const device of this.household.personalDevices()) {
      const last = Math.max(device.lastSeen, this.lastHeard.get(device.id) ?? 0);
      for (const rule of this.rules.forPerson(device.personId)) {
        if (rule.kind !== 'no_data' || now - last < rule.afterHours * 3_600_000) continue;
        const key = deviceKey(rule.id, device.id);
        if (this.deviceConditions.has(key)) continue;
        this.deviceConditions.add(key);
        outcomes.push({
          kind: 'fire',
          key,
          rule,
          personId: device.personId,
          deviceId: device.id,
          text: silenceText(rule, this.textContext(device.personId, device.id), last),
          data: { deviceId: device.id, lastReadingAt: last, silentForMs: now - last },
        });
      }
    }
    for (const [deviceId, since] of this.unavailableSince) {
      const personId = this.household.personOfDevice(deviceId);
      for (const rule of this.rules.forPerson(personId)) {
        if (rule.kind !== 'unavailable' || now - since < rule.afterMinutes * 60_000) continue;
        const key = deviceKey(rule.id, deviceId);
        if (this.deviceConditions.has(key)) continue;
        this.deviceConditions.add(key);
        outcomes.push({
          kind: 'fire',
          key,
          rule,
          ...(personId !== undefined ? { personId } : {}),
          deviceId,
          text: unavailableText(rule, this.textContext(personId, deviceId), since),
          data: { deviceId, unavailableSince: since },
        });
      }
    }
    return outcomes;
  }

  private evaluate(rule: ResolvedRule, reading: Reading, stale: boolean): RuleOutcome | undefined {
    switch (rule.kind) {
      case 'threshold': {
        if (rule.metric !== reading.metric || stale) return undefined;
        const key = readingKey(rule.id, reading);
        const outcome = this.tracker(this.thresholds, key, () => new ThresholdTracker({ below: rule.below, above: rule.above, forMs: rule.forSeconds * 1000, hysteresis: rule.hysteresis })).observe(reading.value, reading.ts);
        if (outcome?.kind !== 'fire') return outcome === undefined ? undefined : { kind: 'clear', key };
        return this.fired(key, rule, reading, thresholdText(rule, this.textContext(reading.personId, reading.deviceId), { value: reading.value, worst: outcome.worst, since: outcome.since, ts: reading.ts }), {
          metric: reading.metric,
          value: reading.value,
          unit: reading.unit,
          ts: reading.ts,
          since: outcome.since,
          worst: outcome.worst,
          ...(rule.below !== undefined ? { below: rule.below } : { above: rule.above }),
        });
      }
      case 'rate': {
        if (rule.metric !== reading.metric) return undefined;
        const key = readingKey(rule.id, reading);
        const withinMs = rule.withinHours * 3_600_000;
        const tracker = this.tracker(this.rates, key, () => {
          const created = new RateTracker({ direction: rule.direction, change: rule.change, withinMs });
          created.seed(this.history(reading.personId, reading.deviceId, reading.metric, reading.ts - withinMs, reading.ts));
          return created;
        });
        const outcome = tracker.observe(reading.value, reading.ts);
        if (outcome?.kind !== 'fire') return outcome === undefined ? undefined : { kind: 'clear', key };
        return this.fired(key, rule, reading, rateText(rule, this.textContext(reading.personId, reading.deviceId), outcome.from, outcome.to), {
          metric: reading.metric,
          unit: reading.unit,
          from: outcome.from,
          to: outcome.to,
          change: rule.change,
        });
      }
      case 'battery': {
        if (reading.metric !== 'battery') return undefined;
        const key = deviceKey(rule.id, reading.deviceId);
        const outcome = this.tracker(this.thresholds, key, () => new ThresholdTracker({ below: rule.below, forMs: 0, hysteresis: rule.hysteresis })).observe(reading.value, reading.ts);
        if (outcome?.kind !== 'fire') return outcome === undefined ? undefined : { kind: 'clear', key };
        return this.fired(key, rule, reading, batteryText(rule, this.textContext(reading.personId, reading.deviceId), reading.value), { level: reading.value, ts: reading.ts });
      }
      default:
        return undefined;
    }
  }

  private fired(key: string, rule: ResolvedRule, reading: Reading, text: AlertText, data: Record<string, unknown>): RuleFired {
    return { kind: 'fire', key, rule, ...(reading.personId !== undefined ? { personId: reading.personId } : {}), deviceId: reading.deviceId, text, data: { ...data, deviceId: reading.deviceId } };
  }

  private tracker<T extends { prime(): void }>(map: Map<string, T>, key: string, create: () => T): T {
    let tracker = map.get(key);
    if (tracker === undefined) {
      tracker = create();
      if (this.primed.has(key)) tracker.prime();
      map.set(key, tracker);
    }
    return tracker;
  }

  private textContext(personId: string | undefined, deviceId: string | undefined): TextContext {
    const personName = personId === undefined ? undefined : this.household.personName(personId);
    const deviceName = deviceId === undefined ? undefined : this.household.deviceName(deviceId);
    return { time: this.time, ...(personName !== undefined ? { personName } : {}), ...(deviceName !== undefined ? { deviceName } : {}) };
  }
}
