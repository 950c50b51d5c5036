import type { HubBus } from '../bus/hub-events.js';
import type { MqttPrincipal } from './mqtt-principal.js';
import type { InboundHandler } from './embedded-broker.js';
import type { IngestRefusals } from './ingest-refusals.js';
import { ALERTS_TOPIC } from './topic-acl.js';

const REMEMBERED_ALERTS = 1000;

/**
 * `hearth/alerts/<id>/ack` from an integration or a member becomes an acknowledgement request on
 * the bus; the alerts engine decides. A member may acknowledge only their own person's alerts.
 */
export class AlertAcks implements InboundHandler {
  /** Alert id → the person it concerns, learnt from the alerts the hub published. */
  private readonly personOf = new Map<string, string | undefined>();

  constructor(
    private readonly bus: HubBus,
    private readonly refusals: IngestRefusals,
  ) {}

  noteAlert(id: string, personId: string | undefined): void {
    this.personOf.delete(id);
    this.personOf.set(id, personId);
    if (this.personOf.size > REMEMBERED_ALERTS) {
      const oldest = this.personOf.keys().next();
      if (oldest.done !== true) this.personOf.delete(oldest.value);
    }
  }

  handles(topic: string): boolean {
    return topic.startsWith(`${ALERTS_TOPIC}/`) && topic.endsWith('/ack');
  }

  handle(topic: string, _payload: Buffer, _qos: number, principal: MqttPrincipal): Promise<void> {
    const alertId = topic.slice(ALERTS_TOPIC.length + 1, -'/ack'.length);
    if (principal.role === 'member' && (!this.personOf.has(alertId) || this.personOf.get(alertId) !== principal.personId)) {
      this.refusals.refuse(principal.name, 'not_authorized', `may not acknowledge alert ${alertId}`);
      return Promise.resolve();
    }
    this.bus.emit('alert.ack.requested', { alertId, by: principal.name, channel: 'mqtt' });
    return Promise.resolve();
  }
}
