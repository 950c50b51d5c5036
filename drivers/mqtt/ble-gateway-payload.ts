import type { DecodedReading } from '../format.js';
import { normaliseMac } from '../../core/device-id.js';
import type { MetricId } from '../../core/metrics.js';
import { toCanonicalUnit } from '../../core/unit-conversion.js';
import { parseJsonPayload } from './json-payload.js';

/**
 * One advertisement as Theengs Gateway or OpenMQTTGateway publish it on `…/BTtoMQTT/<mac>`:
 * the device address, optionally the raw service data (`servicedata` hex + `servicedatauuid`)
 * and optionally fields their own decoder already read (`tempc`, `hum`, `batt`, `weight`…).
 */
export interface GatewayAdvertisement {
  /** Upper-case "AA:BB:CC:DD:EE:FF". */
  readonly mac: string;
  readonly rssi?: number;
  readonly name?: string;
  /** Raw service data for a format the hub's BLE drivers own, to be decoded by them. */
  readonly raw?: { readonly formatId: string; readonly bytes: Uint8Array };
  /** Readings from the gateway's decoded fields, in canonical units. */
  readonly readings: readonly DecodedReading[];
  /** The gateway's model id for the device (e.g. "XMTZC05HM"), if it recognised it. */
  readonly modelId?: string;
}

export type GatewayPayloadResult =
  | { readonly ok: true; readonly advertisement: GatewayAdvertisement }
  | { readonly ok: false; readonly reason: 'malformed_json' | 'invalid_payload'; readonly detail: string };

/** 16-bit service data UUIDs whose payload a hub BLE driver decodes. */
const FORMAT_BY_SERVICE_UUID: Readonly<Record<string, string>> = {
  fcd2: 'bthome',
  '181b': 'miscale-v2',
  '181d': 'miscale-v1',
};

/** Decoded gateway fields the hub takes; the gateways already send these in the catalogue's units. */
const DECODED_FIELDS: readonly { readonly field: string; readonly metric: MetricId }[] = [
  { field: 'tempc', metric: 'ambient_temperature' },
  { field: 'hum', metric: 'ambient_humidity' },
  { field: 'batt', metric: 'battery' },
  { field: 'impedance', metric: 'impedance' },
];

function refuse(reason: 'malformed_json' | 'invalid_payload', detail: string): GatewayPayloadResult {
  return { ok: false, reason, detail };
}

function rawServiceData(json: Record<string, unknown>): GatewayAdvertisement['raw'] {
  const data = json['servicedata'];
  const uuid = json['servicedatauuid'];
  if (typeof data !== 'string' || typeof uuid !== 'string') return undefined;
  const formatId = FORMAT_BY_SERVICE_UUID[uuid.toLowerCase().replace(/^0x/, '')];
  if (formatId === undefined || !/^([0-9A-Fa-f]{2})+$/.test(data)) return undefined;
  return { formatId, bytes: Uint8Array.from(Buffer.from(data, 'hex')) };
}

function decodedReadings(json: Record<string, unknown>): DecodedReading[] {
  const readings: DecodedReading[] = [];
  for (const { field, metric } of DECODED_FIELDS) {
    const value = json[field];
    if (typeof value === 'number' && Number.isFinite(value)) readings.push({ metric, value });
  }
  const weight = json['weight'];
  // Mi scales report "object" weighings (a bag, a suitcase) too: those are not a person's weight.
  if (typeof weight === 'number' && Number.isFinite(weight) && json['weighing_mode'] !== 'object') {
    const unit = typeof json['unit'] === 'string' ? json['unit'] : 'kg';
    const canonical = toCanonicalUnit('body_weight', weight, unit);
    if (canonical.ok) readings.push({ metric: 'body_weight', value: canonical.value });
  }
  return readings;
}

/**
 * Parses one gateway message. `topicMac` is the last topic level, used when the JSON carries no
 * `id`. Unknown devices are not an error: an antenna hears the neighbours' gadgets too, and the
 * caller decides what to keep.
 */
export function parseGatewayAdvertisement(payload: Uint8Array, topicMac: string | undefined): GatewayPayloadResult {
  const parsed = parseJsonPayload(payload);
  if (!parsed.ok) return refuse('malformed_json', parsed.detail);
  const json = parsed.json;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return refuse('invalid_payload', 'the message must be a JSON object');
  const fields = json as Record<string, unknown>;
  const idText = typeof fields['id'] === 'string' ? fields['id'] : topicMac;
  const mac = idText === undefined ? undefined : normaliseMac(idText);
  if (mac === undefined) return refuse('invalid_payload', 'no device address ("id" or the topic) of the form AA:BB:CC:DD:EE:FF');
  const raw = rawServiceData(fields);
  const rssi = fields['rssi'];
  const name = fields['name'];
  const modelId = fields['model_id'];
  return {
    ok: true,
    advertisement: {
      mac,
      readings: decodedReadings(fields),
      ...(raw !== undefined ? { raw } : {}),
      ...(typeof rssi === 'number' ? { rssi } : {}),
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof modelId === 'string' ? { modelId } : {}),
    },
  };
}
