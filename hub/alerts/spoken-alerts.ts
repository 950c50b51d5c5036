import type { AlertChangedEvent } from '../bus/hub-events.js';
import type { Delivery } from './alert-channel.js';
import type { AlertDeliveries } from './alert-deliveries.js';
import type { SpeechChannel } from './speech-channel.js';

/** The changes the hub's speaker says something about; it keeps quiet about the rest. */
function spokenDelivery(event: AlertChangedEvent): Delivery | undefined {
  if (event.silent === true) return undefined;
  if (event.change === 'notified') return { kind: 'notify' };
  if (event.change === 'repeated') return { kind: 'repeat' };
  return undefined;
}

/**
 * The hub's own speaker, told through the bus like the dashboard and MQTT: a new alert and each
 * repeat of it, with what the speaker did in the alert's history.
 */
export class SpokenAlerts {
  constructor(
    private readonly speech: SpeechChannel,
    private readonly deliveries: AlertDeliveries,
  ) {}

  hear(event: AlertChangedEvent): void {
    const delivery = spokenDelivery(event);
    if (delivery !== undefined) this.deliveries.run(event.id, this.speech.name, delivery.kind, () => this.speech.deliver(event, delivery), this.speech.missingRecipient(event, delivery));
  }
}
