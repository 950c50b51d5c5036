import type { Logger } from 'pino';
import type { HubBus, HubStatusEvent } from '../bus/hub-events.js';
import type { Clock } from '../../core/clock.js';
import { HUB_VERSION } from '../daemon/version.js';
import type { AlertAcks } from './alert-acks.js';
import { alertPayload, alertTopics, liveReadingTopic, retainLiveReading } from './live-topics.js';
import { STATUS_TOPIC } from './topic-acl.js';

export interface LiveSink {
  publish(topic: string, payload: string, options?: { retain?: boolean; qos?: 0 | 1 }): Promise<void>;
}

/**
 * Puts what happens in the hub on the embedded broker: accepted readings on their live topic
 * (occasional ones retained), alerts (QoS 1, for speakers that must not miss one) and the retained hub status.
 */
export class LivePublisher {
  constructor(
    private readonly owner: string,
    private readonly bus: HubBus,
    private readonly sink: LiveSink,
    private readonly acks: AlertAcks,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Whether the household wants alerts on MQTT; asked at each alert, so switching it applies at once. */
    private readonly alertsWanted: () => boolean = () => true,
  ) {}

  start(status: () => Partial<HubStatusEvent>): void {
    this.bus.on('reading.accepted', this.owner, (reading) => this.send(liveReadingTopic(reading), JSON.stringify(reading), { retain: retainLiveReading(reading.metric) }));
    this.bus.on('alert.changed', this.owner, (alert) => {
      if (alert.silent === true || !this.alertsWanted()) return;
      this.acks.noteAlert(alert.id, alert.personId);
      for (const topic of alertTopics(alert)) this.send(topic, alertPayload(alert), { qos: 1 });
    });
    // For a speaker or a button device of the person's: who and when, never which medicine.
    this.bus.on('reminder.due', this.owner, (reminder) => this.send(`hearth/${reminder.personId}/reminders`, JSON.stringify(reminder), { qos: 1 }));
    this.bus.on('hub.status', this.owner, (event) => this.publishStatus('online', event));
    this.publishStatus('online', status());
  }

  /** Leaves `offline` retained, so that a reader connecting later knows the hub went away cleanly. */
  async stop(): Promise<void> {
    await this.sink.publish(STATUS_TOPIC, this.statusPayload('offline', {}), { retain: true, qos: 1 }).catch(() => undefined);
  }

  private publishStatus(state: 'online' | 'offline', figures: Partial<HubStatusEvent>): void {
    this.send(STATUS_TOPIC, this.statusPayload(state, figures), { retain: true, qos: 1 });
  }

  private statusPayload(state: 'online' | 'offline', figures: Partial<HubStatusEvent>): string {
    return JSON.stringify({ state, version: HUB_VERSION, ...figures, ts: this.clock.now() });
  }

  private send(topic: string, payload: string, options?: { retain?: boolean; qos?: 0 | 1 }): void {
    this.sink.publish(topic, payload, options).catch((error: unknown) => this.logger.warn({ topic, err: (error as Error).message }, 'MQTT publish failed'));
  }
}
