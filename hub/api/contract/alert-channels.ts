import Type, { type Static } from 'typebox';
import { AlertSeverity } from './alerts.js';
import { Id, Nullable, ReadonlyList, StringEnum } from './primitives.js';

/**
 * The alert channels (`/api/v1/alert-channels`, the owner only): the hub's speaker, quiet hours,
 * push addresses (ntfy or Gotify), alerts on MQTT and escalation to caregivers. The request
 * schemas check the shape; what a value must look like (a web address, a time) the hub checks
 * itself and answers in a sentence.
 */

/** Where a section's values come from: the config file, or the household's edits on the dashboard, which win over it. */
export const SettingsOrigin = StringEnum(['file', 'household']);
export const WebhookFormat = StringEnum(['ntfy', 'gotify']);
export const TestableChannel = StringEnum(['speech', 'webhook', 'mqtt', 'escalation']);
export type TestableChannel = Static<typeof TestableChannel>;

const Text = (maxLength: number) => Type.String({ maxLength });
const speechFields = { enabled: Type.Boolean(), device: Text(128), voice: Text(32), minSeverity: AlertSeverity };
const quietFields = { enabled: Type.Boolean(), start: Text(5), end: Text(5), hold: Type.Array(StringEnum(['info', 'warning']), { maxItems: 2 }) };
const escalationFields = { afterMinutes: Type.Integer(), pushAddresses: Type.Record(Type.String({ maxLength: 64 }), Type.Array(Text(2048), { maxItems: 50 })) };

/** A push address as the hub shows it: its token is never sent back, only whether one is set. */
export const WebhookTargetShown = Type.Object(
  { id: Type.String(), url: Type.String(), format: WebhookFormat, minSeverity: AlertSeverity, tokenSet: Type.Boolean() },
  { additionalProperties: false },
);
export type WebhookTargetShown = Static<typeof WebhookTargetShown>;

export const ChannelWarning = Type.Object({ channel: TestableChannel, personId: Type.Optional(Type.String()), message: Type.String() }, { additionalProperties: false });
export type ChannelWarning = Static<typeof ChannelWarning>;

/** `GET` and `PUT /api/v1/alert-channels`: every channel as it applies now, and what keeps one from telling anyone. */
export const AlertChannels = Type.Object(
  {
    speech: Type.Object({ ...speechFields, from: SettingsOrigin }, { additionalProperties: false }),
    /** `timeZone` comes from the config file ('' = the box's own). */
    quietHours: Type.Object({ ...quietFields, hold: ReadonlyList(StringEnum(['info', 'warning'])), timeZone: Type.String(), from: SettingsOrigin }, { additionalProperties: false }),
    webhooks: Type.Object({ targets: ReadonlyList(WebhookTargetShown), from: SettingsOrigin }, { additionalProperties: false }),
    /** `brokerRunning`: whether the config file runs the hub's MQTT broker at all. */
    mqtt: Type.Object({ enabled: Type.Boolean(), brokerRunning: Type.Boolean(), from: SettingsOrigin }, { additionalProperties: false }),
    /** `caregiverAccounts`: per person, the caregiver accounts that see their escalated alerts on the dashboard. */
    escalation: Type.Object(
      { ...escalationFields, pushAddresses: Type.Record(Type.String(), ReadonlyList(Type.String())), caregiverAccounts: Type.Record(Type.String(), Type.Integer()), from: SettingsOrigin },
      { additionalProperties: false },
    ),
    warnings: ReadonlyList(ChannelWarning),
  },
  { additionalProperties: false },
);
export type AlertChannels = Static<typeof AlertChannels>;

/** A push address to keep: `id` names one the hub showed; `token` a string sets it, null removes it, absent keeps it (on the same server only). */
export const WebhookTargetChange = Type.Object(
  { id: Type.Optional(Id), url: Text(2048), format: WebhookFormat, minSeverity: AlertSeverity, token: Type.Optional(Nullable(Text(512))) },
  { additionalProperties: false },
);
export type WebhookTargetChange = Static<typeof WebhookTargetChange>;

/** `PUT /api/v1/alert-channels`: each section given replaces the household's version of it whole; null goes back to the config file's. */
export const AlertChannelsChange = Type.Object(
  {
    speech: Type.Optional(Nullable(Type.Object(speechFields, { additionalProperties: false }))),
    quietHours: Type.Optional(Nullable(Type.Object(quietFields, { additionalProperties: false }))),
    webhooks: Type.Optional(Nullable(Type.Object({ targets: Type.Array(WebhookTargetChange, { maxItems: 50 }) }, { additionalProperties: false }))),
    mqtt: Type.Optional(Nullable(Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }))),
    escalation: Type.Optional(Nullable(Type.Object(escalationFields, { additionalProperties: false }))),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AlertChannelsChange = Static<typeof AlertChannelsChange>;

/** `POST /api/v1/alert-channels/test`: a test alert through one channel. */
export const ChannelTestBody = Type.Object({ channel: TestableChannel }, { additionalProperties: false });
export type ChannelTestBody = Static<typeof ChannelTestBody>;

export const TestOutcome = StringEnum(['delivered', 'failed', 'no_recipient']);

/** What the test did: delivered, failed (and why), or no one to tell; per address for the channels that have several. */
export const ChannelTestResult = Type.Object(
  {
    channel: TestableChannel,
    outcome: TestOutcome,
    message: Type.String(),
    targets: Type.Optional(ReadonlyList(Type.Object({ to: Type.String(), outcome: TestOutcome, message: Type.String() }, { additionalProperties: false }))),
  },
  { additionalProperties: false },
);
export type ChannelTestResult = Static<typeof ChannelTestResult>;
