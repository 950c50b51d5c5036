import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AlertChannelsChange, AlertChannelsService, AlertChannelsState, ChannelTestResult, ChannelWarning, TestableChannel } from '../services/alert-channels-service.js';
import type { CaregiverDirectory } from './caregiver-directory.js';
import { checkChannelChange } from './channel-settings-check.js';
import type { ChannelSection, ChannelSettings, ChannelSettingsValues } from './channel-settings.js';
import type { ChannelTests } from './channel-tests.js';

export interface AlertChannelsViewOptions {
  readonly settings: ChannelSettings;
  readonly tests: ChannelTests;
  readonly caregivers: CaregiverDirectory;
  /** The household's people, by id, with their names. */
  readonly people: () => readonly { readonly id: string; readonly name: string }[];
  /** Whether the speaker is heard now (a sound device is set, or a speaker was handed in). */
  readonly audible: () => boolean;
  readonly brokerEnabled: boolean;
  /** The quiet hours' time zone, from the config file ('' = the box's own). */
  readonly timeZone: string;
  readonly logger: Logger;
}

/** The Alert channels page's reading of the channels: settings with their origin, tokens only as "set", and warnings in words. */
export class AlertChannelsView implements AlertChannelsService {
  constructor(private readonly options: AlertChannelsViewOptions) {}

  read(): AlertChannelsState {
    const { settings } = this.options;
    const now = settings.current();
    const from = (section: ChannelSection) => settings.origin(section);
    const caregiverAccounts: Record<string, number> = {};
    for (const person of this.options.people()) caregiverAccounts[person.id] = this.options.caregivers.for(person.id).userIds.length;
    return {
      speech: { ...now.speech, from: from('speech') },
      quietHours: { ...now.quietHours, timeZone: this.options.timeZone, from: from('quietHours') },
      webhooks: { targets: now.webhooks.map(({ token, ...shown }) => ({ ...shown, tokenSet: token !== undefined })), from: from('webhooks') },
      mqtt: { enabled: now.mqtt.enabled, brokerRunning: this.options.brokerEnabled, from: from('mqtt') },
      escalation: { ...now.escalation, caregiverAccounts, from: from('escalation') },
      warnings: this.warnings(now, caregiverAccounts),
    };
  }

  update(change: AlertChannelsChange): AlertChannelsState {
    const { settings } = this.options;
    const people = new Map(this.options.people().map((p) => [p.id, p.name]));
    const checked = checkChannelChange(change, settings.current(), people, () => `push-${randomUUID().slice(0, 8)}`);
    settings.save(checked);
    // Which sections changed, never their values: addresses and tokens stay out of the log.
    this.options.logger.info({ sections: Object.keys(checked) }, 'alert channel settings changed');
    return this.read();
  }

  test(channel: TestableChannel): Promise<ChannelTestResult> {
    return this.options.tests.test(channel);
  }

  publishesOnMqtt(): boolean {
    return this.options.settings.current().mqtt.enabled;
  }

  /** What keeps a channel from telling anyone, as the household would say it. */
  private warnings(now: ChannelSettingsValues, caregiverAccounts: Readonly<Record<string, number>>): ChannelWarning[] {
    const warnings: ChannelWarning[] = [];
    if (!now.speech.enabled) warnings.push({ channel: 'speech', message: 'The hub’s speaker is off: no alert is spoken aloud.' });
    else if (!this.options.audible()) warnings.push({ channel: 'speech', message: 'The speaker has no sound device: spoken alerts are only saved as sound files. Choose a sound device, such as plughw:1,0.' });
    if (now.webhooks.length === 0) warnings.push({ channel: 'webhook', message: 'No one gets webhook alerts: add an address.' });
    if (!this.options.brokerEnabled) warnings.push({ channel: 'mqtt', message: 'The hub’s MQTT broker is switched off in its config file: home automation hears no alerts.' });
    else if (!now.mqtt.enabled) warnings.push({ channel: 'mqtt', message: 'Alerts are not published on MQTT: home automation hears none.' });
    for (const person of this.options.people()) {
      const pushes = now.escalation.pushAddresses[person.id] ?? [];
      if ((caregiverAccounts[person.id] ?? 0) === 0 && pushes.length === 0) {
        warnings.push({ channel: 'escalation', personId: person.id, message: `Escalation has no caregiver to tell for ${person.name}: give a caregiver account access to ${person.name}, or add a caregiver’s push address.` });
      }
    }
    return warnings;
  }
}
