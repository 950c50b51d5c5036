/**
 * The alert channels as the household sets them up on the dashboard: what the alerts part offers
 * the API (read, change, test) and what the MQTT part reads (whether alerts go out on MQTT), and
 * what the MQTT part offers back (a test message on the alert topic). The shapes are plain data;
 * the API's contract (hub/api/contract/alert-channels.ts) describes them to clients.
 */

export type ChannelSeverity = 'info' | 'warning' | 'critical';
export type WebhookFormatName = 'ntfy' | 'gotify';
/** The channels a test can go through. */
export type TestableChannel = 'speech' | 'webhook' | 'mqtt' | 'escalation';
/** Where a section's values come from: the config file, or the household's own edits (which win). */
export type SettingsOrigin = 'file' | 'household';

export interface SpeechSection {
  readonly enabled: boolean;
  /** ALSA device for aplay; '' only writes sound files. */
  readonly device: string;
  readonly voice: string;
  readonly minSeverity: ChannelSeverity;
}

export interface QuietHoursSection {
  readonly enabled: boolean;
  readonly start: string;
  readonly end: string;
  readonly hold: readonly ('info' | 'warning')[];
}

/** A push address as the API shows it: its token is never shown, only whether one is set. */
export interface ShownWebhookTarget {
  readonly id: string;
  readonly url: string;
  readonly format: WebhookFormatName;
  readonly minSeverity: ChannelSeverity;
  readonly tokenSet: boolean;
}

/** A push address as the household sends it: `id` names one it already has; `token` null removes it, absent keeps it. */
export interface WebhookTargetChange {
  readonly id?: string;
  readonly url: string;
  readonly format: WebhookFormatName;
  readonly minSeverity: ChannelSeverity;
  readonly token?: string | null;
}

export interface EscalationSection {
  readonly afterMinutes: number;
  /** Per person: the caregivers' push addresses (ntfy topics). */
  readonly pushAddresses: Readonly<Record<string, readonly string[]>>;
}

/** One thing that keeps a channel from telling anyone, in words for the household. */
export interface ChannelWarning {
  readonly channel: TestableChannel;
  readonly personId?: string;
  readonly message: string;
}

export interface AlertChannelsState {
  readonly speech: SpeechSection & { readonly from: SettingsOrigin };
  readonly quietHours: QuietHoursSection & { readonly timeZone: string; readonly from: SettingsOrigin };
  readonly webhooks: { readonly targets: readonly ShownWebhookTarget[]; readonly from: SettingsOrigin };
  readonly mqtt: { readonly enabled: boolean; readonly brokerRunning: boolean; readonly from: SettingsOrigin };
  readonly escalation: EscalationSection & { readonly caregiverAccounts: Readonly<Record<string, number>>; readonly from: SettingsOrigin };
  readonly warnings: readonly ChannelWarning[];
}

/** A section given replaces the household's version of it whole; null goes back to the file's. */
export interface AlertChannelsChange {
  readonly speech?: SpeechSection | null;
  readonly quietHours?: QuietHoursSection | null;
  readonly webhooks?: { readonly targets: readonly WebhookTargetChange[] } | null;
  readonly mqtt?: { readonly enabled: boolean } | null;
  readonly escalation?: EscalationSection | null;
}

export type TestOutcome = 'delivered' | 'failed' | 'no_recipient';

export interface ChannelTestResult {
  readonly channel: TestableChannel;
  readonly outcome: TestOutcome;
  /** What happened, as a sentence. */
  readonly message: string;
  /** Per address, for the channels that have several (push addresses, caregivers' pushes). */
  readonly targets?: readonly { readonly to: string; readonly outcome: TestOutcome; readonly message: string }[];
}

/** A change the household must correct, said as a sentence (the API answers it with 400). */
export class ChannelSettingsRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelSettingsRefused';
  }
}

/** What the alerts part offers while it runs. */
export interface AlertChannelsService {
  read(): AlertChannelsState;
  /** Throws ChannelSettingsRefused for what the household must correct; applies at once otherwise. */
  update(change: AlertChannelsChange): AlertChannelsState;
  test(channel: TestableChannel): Promise<ChannelTestResult>;
  /** Whether alerts are published on the hub's MQTT topics (the MQTT part asks at each alert). */
  publishesOnMqtt(): boolean;
}

/** What the MQTT part offers while its broker runs: a test message on the alert topic. */
export interface AlertTopic {
  readonly topic: string;
  /** Publishes the payload (QoS 1, not retained); resolves with how many connected clients listen to the topic. */
  publishTest(payload: string): Promise<{ readonly listeners: number }>;
}
