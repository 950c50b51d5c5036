import { parseGatewayAdvertisement } from '../../drivers/mqtt/ble-gateway-payload.js';
import { parseIngestPayload } from '../../drivers/mqtt/hearth-ingest-payload.js';
import type { DecodedReading } from '../../drivers/format.js';
import type { HubBus } from '../bus/hub-events.js';
import type { Clock } from '../../core/clock.js';
import { METRICS } from '../../core/metrics.js';
import type { DevicePacket } from '../ingest/device-packet-ingest.js';
import type { IngestBatch, IngestOutcome } from '../ingest/ingest-types.js';
import { checkPlausible, roundTo } from '../../core/plausibility.js';
import type { DurableAck } from './durable-ack.js';
import type { IngestRefusals } from './ingest-refusals.js';
import { INGEST_PREFIX } from './topic-acl.js';

export interface MqttIngestOptions {
  readonly gate: { submit(batch: IngestBatch): IngestOutcome };
  readonly packets: { accept(packet: DevicePacket): void };
  readonly devices: { device(id: string): unknown; noteDeviceSeen(id: string, driver: string): unknown };
  readonly bus: HubBus;
  readonly clock: Clock;
  readonly durable: DurableAck;
  readonly refusals: IngestRefusals;
  readonly maxPayloadBytes: number;
  readonly maxFutureSkewMs: number;
  readonly gatewayBaseTopic: string;
}

/** A message that must not be acknowledged: the client is disconnected and, at QoS 1, sends it again. */
export class IngestNotDurableError extends Error {
  override name = 'IngestNotDurableError';
}

const MAX_REMEMBERED_STRANGERS = 1000;

/**
 * Turns what LAN devices and remote BLE gateways publish into readings at the ingest gate. A
 * message is taken whole or refused whole (counted, reason logged); the returned promise settles
 * when the message may be acknowledged: for QoS 1, once its readings are committed.
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
    if (payload.length > this.options.maxPayloadBytes) {
      this.options.refusals.refuse(source, 'oversized', `${payload.length} bytes; at most ${this.options.maxPayloadBytes}`);
      return;
    }
    const accepted = topic.startsWith(INGEST_PREFIX) ? this.ingestReadings(topic.slice(INGEST_PREFIX.length), payload) : this.ingestAdvertisement(topic, payload);
    if (accepted && qos > 0) {
      try {
        await this.options.durable.committed();
      } catch (error) {
        this.options.refusals.refuse(source, 'store_failed', (error as Error).message);
        throw new IngestNotDurableError(`readings could not be stored: ${(error as Error).message}`);
      }
    }
  }

  private ingestReadings(deviceId: string, payload: Buffer): boolean {
    const source = `${INGEST_PREFIX}${deviceId}`;
    const parsed = parseIngestPayload(payload);
    if (!parsed.ok) {
      this.options.refusals.refuse(source, parsed.reason, parsed.detail);
      return false;
    }
    const problem = this.wholeMessageProblem(parsed.readings);
    if (problem !== undefined) {
      this.options.refusals.refuse(source, 'rejected_by_gate', problem);
      return false;
    }
    this.options.devices.noteDeviceSeen(deviceId, 'mqtt');
    const outcome = this.options.gate.submit({ deviceId, readings: parsed.readings, receivedAt: this.options.clock.now() });
    this.options.refusals.noteMessage(outcome.accepted);
    return outcome.accepted > 0;
  }

  /**
   * What the gate would refuse in part, checked for the whole message first so that it is never
   * half-stored. (Re-sent history the gate drops as duplicates is already stored, so not a loss.)
   */
  private wholeMessageProblem(readings: readonly DecodedReading[]): string | undefined {
    const now = this.options.clock.now();
    for (const [index, reading] of readings.entries()) {
      const verdict = checkPlausible(reading.metric, roundTo(reading.value, METRICS.get(reading.metric)?.decimals ?? 3));
      if (!verdict.ok) return `readings[${index}] (${reading.metric}) is implausible: ${verdict.detail}`;
      if (reading.ts !== undefined && reading.ts > now + this.options.maxFutureSkewMs) return `readings[${index}] is timestamped in the future`;
    }
    return undefined;
  }

  private ingestAdvertisement(topic: string, payload: Buffer): boolean {
    const topicMac = this.gatewayMac(topic);
    if (topicMac === undefined) return false;
    const parsed = parseGatewayAdvertisement(payload, topicMac);
    if (!parsed.ok) {
      this.options.refusals.refuse(topic, parsed.reason, parsed.detail);
      return false;
    }
    const { mac, raw, readings, rssi, name } = parsed.advertisement;
    const at = this.options.clock.now();
    // An antenna hears the neighbours' gadgets too: only devices of this household are stored;
    // the others are announced once, so that the pairing page can offer them.
    if (this.options.devices.device(mac) === undefined) {
      if (!this.strangers.has(mac)) {
        if (this.strangers.size >= MAX_REMEMBERED_STRANGERS) this.strangers.clear();
        this.strangers.add(mac);
        this.options.bus.emit('device.discovered', {
          deviceId: mac,
          transport: 'ble',
          ts: at,
          ...(name !== undefined ? { name } : {}),
          ...(rssi !== undefined ? { rssi } : {}),
          ...(raw !== undefined ? { driver: raw.formatId } : {}),
        });
      }
      return false;
    }
    this.options.devices.noteDeviceSeen(mac, raw?.formatId ?? 'ble-gateway');
    if (raw !== undefined) {
      this.options.packets.accept({ deviceId: mac, formatId: raw.formatId, bytes: raw.bytes, at, decodeOptions: { mac } });
      this.options.refusals.noteMessage(0);
      return true;
    }
    if (readings.length === 0) return false;
    const outcome = this.options.gate.submit({ deviceId: mac, readings, receivedAt: at });
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
