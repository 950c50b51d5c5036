import type { HubBus } from '../bus/hub-events.js';
import type { Clock } from '../../core/clock.js';
import type { AlertChannel, Delivery } from './alert-channel.js';
import { alertChangedEvent } from './alert-engine.js';
import type { AlertRecord } from './alert-record.js';

function changeOf(delivery: Delivery): 'notified' | 'repeated' | 'escalated' | 'folded' | 'cleared' | 'acknowledged' | 'resolved' {
  switch (delivery.kind) {
    case 'notify':
      return 'notified';
    case 'repeat':
      return 'repeated';
    case 'escalate':
      return 'escalated';
    case 'update':
      return delivery.change;
  }
}

/**
 * `alert.changed` on the hub bus: the MQTT part publishes it on `hearth/alerts` for smart speakers
 * and home automations, which therefore also hear repeats, acknowledgements and resolutions.
 */
export class BusChannel implements AlertChannel {
  readonly name = 'mqtt';

  constructor(
    private readonly bus: HubBus,
    private readonly clock: Clock,
  ) {}

  deliver(alert: AlertRecord, delivery: Delivery): boolean {
    this.bus.emit('alert.changed', alertChangedEvent(alert, changeOf(delivery), this.clock.now()));
    return true;
  }
}
