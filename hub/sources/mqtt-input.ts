import { parseGatewayAdvertisement } from '../../drivers/mqtt/ble-gateway-payload.js';
import { parseIngestPayload } from '../../drivers/mqtt/hearth-ingest-payload.js';
import type { HubBus } from '../bus/hub-events.js';
import type { Clock } from '../../core/clock.js';
import { makeDeviceId } from '../../core/device-id.js';
import type { IngestInput, IngestOptions } from '../ingest/ingest.js';
import type { IngestOutcome } from '../ingest/ingest-types.js';
import type { DurableAck } from '../mqtt/durable-ack.js';
import type { IngestRefusals } from '../mqtt/ingest-refusals.js';
import { INGEST_PREFIX } from '../mqtt/topic-acl.js';

export interface MqttIngestOptions {
  readonly ingest: { submit(input: IngestInput, options?: IngestOptions): IngestOutcome };
  readonly devices: { device(id: string): unknown; noteDeviceSeen(id: string, driver: string): unknown };
  readonly bus: HubBus;
  readonly clock: Clock;
  readonly durable: DurableAck;
  readonly refusals: IngestRefusals;
  readonly maxPayloadBytes: number;
  readonly gatewayBaseTopic: string;
}

/** A message that must not be acknowledged: the client is disconnected and, at QoS 1, sends it again. */
export class IngestNotDurableError extends Error {
  override name = 'IngestNotDurableError';
}

const MAX_REMEMBERED_STRANGERS = 1000;

/**
 * Turns what LAN devices and remote BLE gateways publish into readings at the hub's ingest. A
 * message is taken whole or refused whole (the gate decides; counted, reason logged without the
 * message's bytes); the returned promise settles when the message may be acknowledged: for QoS 1,
 * once its readings are committed.
 * A Bluetooth device a gateway relays has the same id as when the hub's own radio hears it.
 */
export class MqttIngest {
  private readonly strangers = new Set<string>();

  constructor(private readonly options: MqttIngestOptions) {}

  /** True for topics this class consumes (the broker hands them here before acknowledging). */
  handles(topic: string): boolean {
    return topic.startsWith(INGEST_PREFIX) || this.gatewayMac(topic) !== undefined;
  }

  async handle(topic: string, payload: Buffer, qos: number): Promise<void> {
    const source = topic;
    const via = topic.startsWith(INGEST_PREFIX) ? 'mqtt' : 'gateway';
    if (payload.length > this.options.maxPayloadBytes) {
      this.options.refusals.refuse(source, 'oversized', `${payload.length} bytes; at most ${this.options.maxPayloadBytes}`, { via, payload });
      return;
    }
    const accepted = topic.startsWith(INGEST_PREFIX) ? this.ingestReadings(topic.slice(INGEST_PREFIX.length), payload) : this.ingestAdvertisement(topic, payload);
    if (accepted && qos > 0) {
      try {
        await this.options.durable.committed();
      } catch (error) {
        this.options.refusals.refuse(source, 'store_failed', (error as Error).message, { via });
        throw new IngestNotDurableError(`readings could not be stored: ${(error as Error).message}`);
      }
    }
  }

  private ingestReadings(topicDeviceId: string, payload: Buffer): boolean {
    const source = `${INGEST_PREFIX}${topicDeviceId}`;
    const parsed = parseIngestPayload(payload);
    if (!parsed.ok) {
      this.options.refusals.refuse(source, parsed.reason, parsed.detail, { via: 'mqtt', payload });
      return false;
    }
    const outcome = this.options.ingest.submit(
      { deviceId: makeDeviceId('given', topicDeviceId), readings: parsed.readings, receivedAt: this.options.clock.now() },
      { take: 'whole', seenVia: 'mqtt' },
    );
    if (outcome.refusedWhole === true) {
      this.options.refusals.refuse(source, 'rejected_by_gate', 'refused by the ingest gate');
      return false;
    }
    this.options.refusals.noteMessage(outcome.accepted);
    return outcome.accepted > 0;
  }

  private ingestAdvertisement(topic: string, payload: Buffer): boolean {
    const topicMac = this.gatewayMac(topic);
    if (topicMac === undefined) return false;
    const parsed = parseGatewayAdvertisement(payload, topicMac);
    if (!parsed.ok) {
      this.options.refusals.refuse(topic, parsed.reason, parsed.detail, { via: 'gateway', payload });
      return false;
    }
    const { mac, raw, readings, rssi, name } = parsed.advertisement;
    const deviceId = makeDeviceId('ble', mac);
    const at = this.options.clock.now();
    // An antenna hears the neighbours' gadgets too: only devices of this household are stored;
    // the others are announced once, so that the pairing page can offer them.
    if (this.options.devices.device(deviceId) === undefined) {
      if (!this.strangers.has(deviceId)) {
        if (this.strangers.size >= MAX_REMEMBERED_STRANGERS) this.strangers.clear();
        this.strangers.add(deviceId);
        this.options.bus.emit('device.discovered', {
          deviceId,
          transport: 'ble',
          ts: at,
          ...(name !== undefined ? { name } : {}),
          ...(rssi !== undefined ? { rssi } : {}),
          ...(raw !== undefined ? { driver: raw.formatId } : {}),
        });
      }
      return false;
    }
    this.options.devices.noteDeviceSeen(deviceId, raw?.formatId ?? 'ble-gateway');
    if (raw !== undefined) {
      const outcome = this.options.ingest.submit({ deviceId, formatId: raw.formatId, bytes: raw.bytes, at, decodeOptions: { mac } });
      this.options.refusals.noteMessage(outcome.accepted);
      return true;
    }
    if (readings.length === 0) return false;
    const outcome = this.options.ingest.submit({ deviceId, readings, receivedAt: at });
    this.options.refusals.noteMessage(outcome.accepted);
    return outcome.accepted > 0;
  }

  /** The device address of `<base>/<gateway>/BTtoMQTT/<mac>`, or undefined for any other topic. */
  private gatewayMac(topic: string): string | undefined {
    const levels = topic.split('/');
    if (levels.length !== 4 || levels[0] !== this.options.gatewayBaseTopic || levels[2] !== 'BTtoMQTT') return undefined;
    return levels[3];
  }
}
