import { SEVERITIES, type Severity } from './severity.js';

/** One rule as the household writes it; the key of `alerts.rules` is the rule's id. */
export type AlertRuleSettings = ThresholdRuleSettings | RateRuleSettings | NoDataRuleSettings | BatteryRuleSettings | UnavailableRuleSettings;

interface RuleBase {
  readonly enabled: boolean;
  readonly severity: Severity;
}

/** `metric` below or above a line for `forSeconds`; clears only `hysteresis` past the line. */
export interface ThresholdRuleSettings extends RuleBase {
  readonly kind: 'threshold';
  readonly metric: string;
  readonly below?: number;
  readonly above?: number;
  readonly forSeconds: number;
  readonly hysteresis: number;
}

/** `metric` rose (or fell) by `change` within `withinHours`: weight +2 kg in 3 days. */
export interface RateRuleSettings extends RuleBase {
  readonly kind: 'rate';
  readonly metric: string;
  readonly direction: 'rise' | 'fall';
  readonly change: number;
  readonly withinHours: number;
}

/** A person's device sent nothing for `afterHours`. */
export interface NoDataRuleSettings extends RuleBase {
  readonly kind: 'no_data';
  readonly afterHours: number;
}

export interface BatteryRuleSettings extends RuleBase {
  readonly kind: 'battery';
  readonly below: number;
  readonly hysteresis: number;
}

/** A device its source reports unavailable for `afterMinutes`. */
export interface UnavailableRuleSettings extends RuleBase {
  readonly kind: 'unavailable';
  readonly afterMinutes: number;
}

/** Overrides of a rule for one person: any field but the kind. */
export type RuleOverride = Partial<Omit<ThresholdRuleSettings, 'kind'>> &
  Partial<Omit<RateRuleSettings, 'kind'>> &
  Partial<Omit<NoDataRuleSettings, 'kind'>> &
  Partial<Omit<UnavailableRuleSettings, 'kind'>>;

export type WebhookFormat = 'ntfy' | 'gotify';

export interface WebhookTarget {
  readonly url: string;
  readonly format: WebhookFormat;
  /** Gotify's application token, or an ntfy access token. */
  readonly token?: string;
  readonly minSeverity: Severity;
}

/** The `alerts` section of the hub config. */
export interface AlertsConfig {
  readonly enabled: boolean;
  /** Household rules by id, merged over the defaults key by key (set `enabled: false` to drop one). */
  readonly rules: Readonly<Record<string, AlertRuleSettings>>;
  /** Per person, per rule id: what differs for them. */
  readonly people: Readonly<Record<string, Readonly<Record<string, RuleOverride>>>>;
  /** Repeat an unacknowledged alert this often on the loud channels. */
  readonly repeatMinutes: number;
  /** Tell the person's caregivers when nobody acknowledged for this long. */
  readonly escalateAfterMinutes: number;
  /** A rule that fires again this soon after its alert resolved reopens that alert instead of raising a new one. */
  readonly refoldMinutes: number;
  readonly quietHours: {
    readonly enabled: boolean;
    /** Local times, HH:MM; the span may cross midnight. */
    readonly start: string;
    readonly end: string;
    /** Severities held back until the quiet hours end; critical is never held. */
    readonly hold: readonly Exclude<Severity, 'critical'>[];
    /** IANA zone of the household ('' = the box's own). */
    readonly timeZone: string;
  };
  readonly speech: {
    readonly enabled: boolean;
    /** ALSA device for `aplay -D` (e.g. `plughw:1,0`); '' writes the WAV file only. */
    readonly device: string;
    readonly voice: string;
    /** Where spoken alerts are written, relative to dataDir. */
    readonly dir: string;
    readonly minSeverity: Severity;
  };
  readonly webhooks: readonly WebhookTarget[];
  /** Per person: caregiver user ids, or webhook URLs (ntfy topics) to escalate to. */
  readonly caregivers: Readonly<Record<string, readonly string[]>>;
  /** The dashboard's address as people outside the box reach it, for links in pushes ('' = no link). */
  readonly dashboardUrl: string;
  readonly webhookRetry: { readonly attempts: number; readonly baseDelayMs: number; readonly maxDelayMs: number; readonly timeoutMs: number };
}

export const DEFAULT_ALERT_RULES: Readonly<Record<string, AlertRuleSettings>> = {
  spo2_low: { kind: 'threshold', enabled: true, severity: 'critical', metric: 'spo2', below: 90, forSeconds: 60, hysteresis: 2 },
  heart_rate_high: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'heart_rate', above: 150, forSeconds: 600, hysteresis: 10 },
  heart_rate_low: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'heart_rate', below: 40, forSeconds: 300, hysteresis: 5 },
  fever: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'body_temperature', above: 38, forSeconds: 0, hysteresis: 0.3 },
  blood_pressure_high: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'bp_systolic', above: 180, forSeconds: 0, hysteresis: 10 },
  weight_gain: { kind: 'rate', enabled: true, severity: 'warning', metric: 'body_weight', direction: 'rise', change: 2, withinHours: 72 },
  af_sustained: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'af_probability', above: 0.5, forSeconds: 30 * 60, hysteresis: 0.1 },
  illness_warning: { kind: 'threshold', enabled: true, severity: 'warning', metric: 'illness_score', above: 0.0681, forSeconds: 6 * 3600, hysteresis: 0.02 },
  device_silent: { kind: 'no_data', enabled: true, severity: 'info', afterHours: 24 },
  battery_low: { kind: 'battery', enabled: true, severity: 'info', below: 15, hysteresis: 10 },
  device_unavailable: { kind: 'unavailable', enabled: true, severity: 'info', afterMinutes: 30 },
};

export const DEFAULT_ALERTS_CONFIG: AlertsConfig = {
  enabled: true,
  rules: DEFAULT_ALERT_RULES,
  people: {},
  repeatMinutes: 5,
  escalateAfterMinutes: 15,
  refoldMinutes: 30,
  quietHours: { enabled: true, start: '22:00', end: '07:00', hold: ['info', 'warning'], timeZone: '' },
  speech: { enabled: true, device: '', voice: 'en', dir: 'alerts/speech', minSeverity: 'warning' },
  webhooks: [],
  caregivers: {},
  dashboardUrl: '',
  webhookRetry: { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 10_000 },
};

const severity = { type: 'string', enum: SEVERITIES } as const;
const ruleId = { pattern: '^[a-z][a-z0-9_]{0,63}$' } as const;
const metric = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } as const;
const clockTime = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;
const positive = { type: 'number', exclusiveMinimum: 0 } as const;
const seconds = { type: 'integer', minimum: 0, maximum: 7 * 86_400 } as const;

const ruleProperties = {
  kind: { type: 'string', enum: ['threshold', 'rate', 'no_data', 'battery', 'unavailable'] },
  enabled: { type: 'boolean' },
  severity,
  metric,
  below: { type: 'number' },
  above: { type: 'number' },
  forSeconds: seconds,
  hysteresis: { type: 'number', minimum: 0 },
  direction: { type: 'string', enum: ['rise', 'fall'] },
  change: positive,
  withinHours: { type: 'number', exclusiveMinimum: 0, maximum: 24 * 90 },
  afterHours: { type: 'number', exclusiveMinimum: 0, maximum: 24 * 90 },
  afterMinutes: { type: 'integer', minimum: 0, maximum: 7 * 1440 },
} as const;

const { kind: _kind, ...overrideProperties } = ruleProperties;

export const alertsConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    rules: {
      type: 'object',
      propertyNames: ruleId,
      additionalProperties: { type: 'object', additionalProperties: false, properties: ruleProperties },
    },
    people: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        propertyNames: ruleId,
        additionalProperties: { type: 'object', additionalProperties: false, properties: overrideProperties },
      },
    },
    repeatMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
    escalateAfterMinutes: { type: 'integer', minimum: 1, maximum: 7 * 1440 },
    refoldMinutes: { type: 'integer', minimum: 0, maximum: 1440 },
    quietHours: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        start: clockTime,
        end: clockTime,
        hold: { type: 'array', uniqueItems: true, items: { type: 'string', enum: ['info', 'warning'] } },
        timeZone: { type: 'string', maxLength: 64 },
      },
    },
    speech: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        device: { type: 'string', maxLength: 128, pattern: '^([^-].*)?$' },
        voice: { type: 'string', pattern: '^[A-Za-z0-9_+-]{1,32}$' },
        dir: { type: 'string', minLength: 1 },
        minSeverity: severity,
      },
    },
    webhooks: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: {
          url: { type: 'string', pattern: '^https?://.+' },
          format: { type: 'string', enum: ['ntfy', 'gotify'] },
          token: { type: 'string', minLength: 1 },
          minSeverity: severity,
        },
      },
    },
    caregivers: {
      type: 'object',
      additionalProperties: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 2048 } },
    },
    dashboardUrl: { anyOf: [{ const: '' }, { type: 'string', pattern: '^https?://.+' }] },
    webhookRetry: {
      type: 'object',
      additionalProperties: false,
      properties: {
        attempts: { type: 'integer', minimum: 1, maximum: 20 },
        baseDelayMs: { type: 'integer', minimum: 1, maximum: 600_000 },
        maxDelayMs: { type: 'integer', minimum: 1, maximum: 3_600_000 },
        timeoutMs: { type: 'integer', minimum: 100, maximum: 120_000 },
      },
    },
  },
} as const;
