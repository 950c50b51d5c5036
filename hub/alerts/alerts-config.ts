import { Type } from 'typebox';
import { defaultsOf, Dictionary, Entry, METRIC_ID_PATTERN, Section, type Settings } from '../config/config-types.js';
import { SEVERITIES } from './severity.js';

const RULE_KINDS = ['threshold', 'rate', 'no_data', 'battery', 'unavailable'] as const;

/** Every field a rule may have, with its limits; which of them a rule needs depends on its kind. */
const ruleFields = {
  enabled: Type.Boolean(),
  severity: Type.Enum(SEVERITIES),
  metric: Type.String({ pattern: METRIC_ID_PATTERN }),
  below: Type.Number(),
  above: Type.Number(),
  forSeconds: Type.Integer({ minimum: 0, maximum: 7 * 86_400 }),
  hysteresis: Type.Number({ minimum: 0 }),
  direction: Type.Enum(['rise', 'fall']),
  change: Type.Number({ exclusiveMinimum: 0 }),
  withinHours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 90 }),
  afterHours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 90 }),
  afterMinutes: Type.Integer({ minimum: 0, maximum: 7 * 1440 }),
};
const { enabled, severity, metric, below, above, forSeconds, hysteresis, direction, change, withinHours, afterHours, afterMinutes } = ruleFields;

/** `metric` below or above a line for `forSeconds`; clears only `hysteresis` past the line. */
const thresholdRuleSchema = Entry({ kind: Type.Literal('threshold'), enabled, severity, metric, below: Type.Optional(below), above: Type.Optional(above), forSeconds, hysteresis });
/** `metric` rose (or fell) by `change` within `withinHours`: weight +2 kg in 3 days. */
const rateRuleSchema = Entry({ kind: Type.Literal('rate'), enabled, severity, metric, direction, change, withinHours });
/** A person's device sent nothing for `afterHours`. */
const noDataRuleSchema = Entry({ kind: Type.Literal('no_data'), enabled, severity, afterHours });
const batteryRuleSchema = Entry({ kind: Type.Literal('battery'), enabled, severity, below, hysteresis });
/** A device its source reports unavailable for `afterMinutes`. */
const unavailableRuleSchema = Entry({ kind: Type.Literal('unavailable'), enabled, severity, afterMinutes });

/** A complete rule of one kind, as the rule book works with it. */
export const alertRuleSchema = Type.Union([thresholdRuleSchema, rateRuleSchema, noDataRuleSchema, batteryRuleSchema, unavailableRuleSchema]);
export type AlertRuleSettings = Settings<typeof alertRuleSchema>;
export type ThresholdRuleSettings = Settings<typeof thresholdRuleSchema>;
export type RateRuleSettings = Settings<typeof rateRuleSchema>;
export type NoDataRuleSettings = Settings<typeof noDataRuleSchema>;
export type BatteryRuleSettings = Settings<typeof batteryRuleSchema>;
export type UnavailableRuleSettings = Settings<typeof unavailableRuleSchema>;

/**
 * A rule as the household writes it: any of the fields, since an entry may only adjust a default
 * rule of the same id. The rule book fills the rest and says what a rule of its kind still lacks.
 */
const ruleEntrySchema = Type.Partial(Entry({ kind: Type.Enum(RULE_KINDS), ...ruleFields }), { additionalProperties: false });
export type AlertRuleEntry = Settings<typeof ruleEntrySchema>;

/** Overrides of a rule for one person: any field but the kind. */
const ruleOverrideSchema = Type.Partial(Entry(ruleFields), { additionalProperties: false });
export type RuleOverride = Settings<typeof ruleOverrideSchema>;

export const DEFAULT_ALERT_RULES: Readonly<Record<string, AlertRuleSettings>> = {
  spo2_low: { kind: 'threshold', enabled: true, severity: 'critical', metric: 'spo2', below: 90, forSeconds: 60, hysteresis: 2 },
  heart_rate_high: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'heart_rate', above: 150, forSeconds: 600, hysteresis: 10 },
  heart_rate_low: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'heart_rate', below: 40, forSeconds: 300, hysteresis: 5 },
  fever: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'body_temperature', above: 38, forSeconds: 0, hysteresis: 0.3 },
  blood_pressure_high: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'bp_systolic', above: 180, forSeconds: 0, hysteresis: 10 },
  weight_gain: { kind: 'rate', enabled: true, severity: 'warning', metric: 'body_weight', direction: 'rise', change: 2, withinHours: 72 },
  af_sustained: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'af_probability', above: 0.5, forSeconds: 30 * 60, hysteresis: 0.1 },
  illness_warning: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'illness_score', above: 0.0681, forSeconds: 6 * 3600, hysteresis: 0.02 },
  // SleepOracle's nights: over five minutes below 88 % in a night, a severe apnea estimate on three of the last seven.
  night_oxygen_low: { kind: 'threshold', enabled: true, severity: 'warning', metric: 't88', above: 5, forSeconds: 0, hysteresis: 0 },
  severe_apnea_nights: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'severe_apnea_nights', above: 2, forSeconds: 0, hysteresis: 0 },
  // NutriVerse's medicines: a dose of one marked important not recorded within three hours of its time.
  medicine_missed: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'medicine_missed', above: 0, forSeconds: 0, hysteresis: 0 },
  device_silent: { kind: 'no_data', enabled: true, severity: 'info', afterHours: 24 },
  battery_low: { kind: 'battery', enabled: true, severity: 'info', below: 15, hysteresis: 10 },
  device_unavailable: { kind: 'unavailable', enabled: true, severity: 'info', afterMinutes: 30 },
};

const webhookFormatSchema = Type.Enum(['ntfy', 'gotify'], { default: 'ntfy' });
export type WebhookFormat = Settings<typeof webhookFormatSchema>;

const webhookTargetSchema = Entry({
  url: Type.String({ pattern: '^https?://.+' }),
  format: webhookFormatSchema,
  /** Gotify's application token, or an ntfy access token. */
  token: Type.Optional(Type.String({ minLength: 1 })),
  /** The least severe alert pushed to this address. */
  minSeverity: Type.Enum(SEVERITIES, { default: 'info' }),
});
export type WebhookTarget = Settings<typeof webhookTargetSchema>;

const clockTime = (defaultValue: string) => Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', default: defaultValue });
const ruleIdPattern = METRIC_ID_PATTERN;

/** The `alerts` section of the hub config: rules, channels, escalation and quiet hours of the alerts engine. */
export const alertsConfigSchema = Section({
  enabled: Type.Boolean({ default: true }),
  /** Household rules by id, merged over the defaults key by key (set `enabled: false` to drop one). */
  rules: Dictionary(ruleEntrySchema, { keyPattern: ruleIdPattern, default: DEFAULT_ALERT_RULES }),
  /** Per person, per rule id: what differs for them. */
  people: Dictionary(Dictionary(ruleOverrideSchema, { keyPattern: ruleIdPattern }), { default: {} }),
  /** Repeat an unacknowledged alert this often on the loud channels. */
  repeatMinutes: Type.Integer({ minimum: 1, maximum: 1440, default: 5 }),
  /** Tell the person's caregivers when nobody acknowledged for this long. */
  escalateAfterMinutes: Type.Integer({ minimum: 1, maximum: 7 * 1440, default: 15 }),
  /** A rule that fires again this soon after its alert resolved reopens that alert instead of raising a new one. */
  refoldMinutes: Type.Integer({ minimum: 0, maximum: 1440, default: 30 }),
  quietHours: Section({
    enabled: Type.Boolean({ default: true }),
    /** Local times, HH:MM; the span may cross midnight. */
    start: clockTime('22:00'),
    end: clockTime('07:00'),
    /** Severities held back until the quiet hours end; critical is never held. */
    hold: Type.Array(Type.Enum(['info', 'warning']), { uniqueItems: true, default: ['info', 'warning'] }),
    /** IANA zone of the household ('' = the box's own); the time zone chosen on the dashboard (household settings) wins over it. */
    timeZone: Type.String({ maxLength: 64, default: '' }),
  }),
  speech: Section({
    enabled: Type.Boolean({ default: true }),
    /** ALSA device for `aplay -D` (e.g. `plughw:1,0`); '' writes the WAV file only. */
    device: Type.String({ maxLength: 128, pattern: '^([^-].*)?$', default: '' }),
    voice: Type.String({ pattern: '^[A-Za-z0-9_+-]{1,32}$', default: 'en' }),
    /** Where spoken alerts are written, relative to dataDir. */
    dir: Type.String({ minLength: 1, default: 'alerts/speech' }),
    minSeverity: Type.Enum(SEVERITIES, { default: 'warning' }),
  }),
  webhooks: Type.Array(webhookTargetSchema, { maxItems: 20, default: [] }),
  /** Per person: caregiver user ids, or webhook URLs (ntfy topics) to escalate to. */
  caregivers: Dictionary(Type.Array(Type.String({ minLength: 1, maxLength: 2048 }), { maxItems: 20 }), { default: {} }),
  /** The dashboard's address as people outside the box reach it, for links in pushes ('' = no link). */
  dashboardUrl: Type.Union([Type.Literal(''), Type.String({ pattern: '^https?://.+' })], { default: '' }),
  webhookRetry: Section({
    attempts: Type.Integer({ minimum: 1, maximum: 20, default: 5 }),
    baseDelayMs: Type.Integer({ minimum: 1, maximum: 600_000, default: 1000 }),
    maxDelayMs: Type.Integer({ minimum: 1, maximum: 3_600_000, default: 60_000 }),
    timeoutMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
  }),
});

export type AlertsConfig = Settings<typeof alertsConfigSchema>;

export const DEFAULT_ALERTS_CONFIG: AlertsConfig = defaultsOf(alertsConfigSchema);
