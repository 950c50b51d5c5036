import type { Clock } from '../../core/clock.js';
import type { AlertTopic, ChannelTestResult, TestableChannel, TestOutcome } from '../services/alert-channels-service.js';
import type { ChannelSettingsValues } from './channel-settings.js';
import type { SpeechChannel } from './speech-channel.js';
import { describeTarget, type PushMessage, type PushTarget, type WebhookSender } from './webhook-sender.js';

/** What every test says, so that nobody who hears or reads it thinks someone needs help. */
export const TEST_TITLE = 'Test from Hearth — no one needs help';
export const TEST_SENTENCE = 'This is a test of the alert channels, sent from the dashboard. No one needs help.';

export interface ChannelTestsOptions {
  readonly settings: () => ChannelSettingsValues;
  readonly speech: SpeechChannel;
  /** Whether the speaker is heard (a sound device is set, or a speaker was handed in). */
  readonly audible: () => boolean;
  /** One attempt per address: a test answers what happened now, it does not retry for minutes. */
  readonly sender: WebhookSender;
  /** The broker's alert topic, while the MQTT part's broker runs. */
  readonly alertTopic: () => AlertTopic | undefined;
  /** Whether the config file runs the broker at all. */
  readonly brokerEnabled: boolean;
  readonly caregiverAccounts: () => number;
  readonly clock: Clock;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/**
 * Sends a clearly marked test through one channel and says what happened: delivered, failed (and
 * why, in words), or no one to tell. Nothing of a test goes into any alert's history.
 */
export class ChannelTests {
  constructor(private readonly options: ChannelTestsOptions) {}

  async test(channel: TestableChannel): Promise<ChannelTestResult> {
    switch (channel) {
      case 'speech':
        return this.speech();
      case 'webhook':
        return this.pushes('webhook', this.options.settings().webhooks, 'No push address is set up: add one, then test again.');
      case 'escalation': {
        const urls = [...new Set(Object.values(this.options.settings().escalation.pushAddresses).flat())];
        const accounts = this.options.caregiverAccounts();
        const none = accounts > 0 ? 'No caregiver push address is set up. Caregiver accounts see escalated alerts on the dashboard only.' : 'Escalation has no caregiver to tell: give a caregiver account access to a person, or add a caregiver push address.';
        return this.pushes('escalation', urls.map((url) => ({ url, format: 'ntfy' as const })), none);
      }
      case 'mqtt':
        return this.mqtt();
    }
  }

  private async speech(): Promise<ChannelTestResult> {
    const settings = this.options.settings().speech;
    if (!settings.enabled) return { channel: 'speech', outcome: 'no_recipient', message: 'The hub’s speaker is switched off: turn it on to hear alerts.' };
    try {
      const outcome = await this.options.speech.say(TEST_SENTENCE, `test-${this.options.clock.now()}`);
      if (outcome.played || this.options.audible()) {
        return outcome.played
          ? { channel: 'speech', outcome: 'delivered', message: `Spoken on the hub’s speaker${settings.device !== '' ? ` (${settings.device})` : ''}.` }
          : { channel: 'speech', outcome: 'failed', message: `The sound device ${settings.device} could not play it; the sentence was only saved as a sound file.` };
      }
      return { channel: 'speech', outcome: 'no_recipient', message: 'No sound device is set up: the sentence was only saved as a sound file. Choose a sound device, such as plughw:1,0.' };
    } catch (error) {
      return { channel: 'speech', outcome: 'failed', message: sentence(`the hub could not speak: ${reason(error)}`) };
    }
  }

  private async pushes(channel: 'webhook' | 'escalation', targets: readonly PushTarget[], none: string): Promise<ChannelTestResult> {
    if (targets.length === 0) return { channel, outcome: 'no_recipient', message: none };
    // Every address hears the test, whatever the least severity it takes.
    const push: PushMessage = { title: TEST_TITLE, message: TEST_SENTENCE, severity: 'info', urgent: false, tags: ['white_check_mark', 'test'] };
    const results = await Promise.all(
      targets.map(async (target) => {
        const to = describeTarget(target.url);
        try {
          await this.options.sender.send(target, push);
          return { to, outcome: 'delivered' as TestOutcome, message: `Delivered to ${to}.` };
        } catch (error) {
          return { to, outcome: 'failed' as TestOutcome, message: sentence(reason(error)) };
        }
      }),
    );
    const failed = results.filter((r) => r.outcome === 'failed');
    const message =
      failed.length === 0
        ? `Delivered to ${results.map((r) => r.to).join(', ')}.`
        : failed.length === results.length && results.length === 1
          ? `Failed: ${failed[0]?.message ?? ''}`
          : `${failed.length} of ${results.length} addresses failed. ${failed.map((f) => f.message).join(' ')}`;
    return { channel, outcome: failed.length === 0 ? 'delivered' : 'failed', message, targets: results };
  }

  private async mqtt(): Promise<ChannelTestResult> {
    if (!this.options.brokerEnabled) return { channel: 'mqtt', outcome: 'no_recipient', message: 'The hub’s MQTT broker is switched off in its config file, so home automation hears no alerts.' };
    if (!this.options.settings().mqtt.enabled) return { channel: 'mqtt', outcome: 'no_recipient', message: 'Alerts on MQTT are switched off: turn them on for home automation to hear alerts.' };
    const topic = this.options.alertTopic();
    if (topic === undefined) return { channel: 'mqtt', outcome: 'failed', message: 'The hub’s MQTT broker is not running now; its log says why.' };
    const ts = this.options.clock.now();
    const payload = JSON.stringify({ id: `test-${ts}`, severity: 'info', title: TEST_TITLE, spoken: TEST_SENTENCE, explanation: TEST_SENTENCE, state: 'notified', ts, test: true });
    try {
      const { listeners } = await topic.publishTest(payload);
      if (listeners === 0) return { channel: 'mqtt', outcome: 'no_recipient', message: `Sent on ${topic.topic}, but no device or integration is listening there now.` };
      return { channel: 'mqtt', outcome: 'delivered', message: `Sent on ${topic.topic} to ${listeners === 1 ? 'one listening device or integration' : `${listeners} listening devices or integrations`}.` };
    } catch (error) {
      return { channel: 'mqtt', outcome: 'failed', message: sentence(`the broker could not send it: ${reason(error)}`) };
    }
  }
}
