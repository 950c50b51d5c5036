import type { DecodedReading } from '../format.js';
import { isMetricId, METRICS } from '../../core/metrics.js';
import { toCanonicalUnit } from '../../core/unit-conversion.js';
import { parseJsonPayload } from './json-payload.js';

/**
 * The JSON a LAN device publishes to `hearth/ingest/<deviceId>`:
 * `{ "metric": "heart_rate", "value": 72, "unit": "bpm", "ts": 1718000000000 }` (ts in ms or ISO
 * 8601, optional) or `{ "readings": [ ... ] }`. Parsing is all-or-nothing: one bad reading refuses
 * the whole message, so a message is never half-stored. A refusal says what is wrong by the
 * field's place (`readings[2].unit`), never by quoting what was sent: refusals are logged, and a
 * device's text may hold someone's values or name.
 */
export type IngestPayloadRefusal = 'malformed_json' | 'invalid_payload' | 'unknown_metric' | 'wrong_unit' | 'too_many_readings';

export type IngestPayloadResult =
  | { readonly ok: true; readonly readings: readonly DecodedReading[] }
  | { readonly ok: false; readonly reason: IngestPayloadRefusal; readonly detail: string };

export const MAX_READINGS_PER_MESSAGE = 500;

const READING_KEYS = new Set(['metric', 'value', 'unit', 'ts']);

function refuse(reason: IngestPayloadRefusal, detail: string): IngestPayloadResult {
  return { ok: false, reason, detail };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseTimestamp(ts: unknown): number | string {
  if (typeof ts === 'number') return Number.isFinite(ts) && ts > 0 ? ts : 'ts must be a positive number of milliseconds';
  if (typeof ts === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(ts)) {
    const ms = Date.parse(ts);
    return Number.isNaN(ms) ? 'ts is not a valid ISO 8601 time' : ms;
  }
  return 'ts must be milliseconds since the epoch or an ISO 8601 time';
}

function parseReading(item: unknown, where: string): DecodedReading | IngestPayloadResult {
  if (!isObject(item)) return refuse('invalid_payload', `${where} is not an object`);
  const extra = Object.keys(item).filter((k) => !READING_KEYS.has(k));
  if (extra.length > 0) return refuse('invalid_payload', `${where} has ${extra.length === 1 ? 'a key' : `${extra.length} keys`} besides metric, value, unit and ts`);
  const { metric, value, unit, ts } = item;
  if (typeof metric !== 'string') return refuse('invalid_payload', `${where}.metric must be a string`);
  if (!isMetricId(metric) || METRICS.get(metric)?.kind !== 'scalar') return refuse('unknown_metric', `${where}.metric is not a scalar metric of the catalogue`);
  if (typeof value !== 'number' || !Number.isFinite(value)) return refuse('invalid_payload', `${where}.value must be a finite number`);
  if (unit !== undefined && typeof unit !== 'string') return refuse('invalid_payload', `${where}.unit must be a string`);
  const canonical = toCanonicalUnit(metric, value, unit);
  if (!canonical.ok) return refuse('wrong_unit', `${where}.unit is neither ${METRICS.get(metric)?.unit ?? 'the canonical unit'} nor one the hub converts for ${metric}`);
  if (ts === undefined) return { metric, value: canonical.value };
  const parsedTs = parseTimestamp(ts);
  if (typeof parsedTs === 'string') return refuse('invalid_payload', `${where}: ${parsedTs}`);
  return { metric, value: canonical.value, ts: parsedTs };
}

export function parseIngestPayload(payload: Uint8Array): IngestPayloadResult {
  const parsed = parseJsonPayload(payload);
  if (!parsed.ok) return refuse('malformed_json', parsed.detail);
  const json = parsed.json;
  if (!isObject(json)) return refuse('invalid_payload', 'the message must be a JSON object');
  let items: readonly unknown[];
  if ('readings' in json) {
    if (Object.keys(json).length !== 1) return refuse('invalid_payload', 'a message with "readings" must hold nothing else');
    if (!Array.isArray(json['readings']) || json['readings'].length === 0) return refuse('invalid_payload', '"readings" must be a non-empty array');
    items = json['readings'] as unknown[];
    if (items.length > MAX_READINGS_PER_MESSAGE) return refuse('too_many_readings', `${items.length} readings in one message; at most ${MAX_READINGS_PER_MESSAGE}`);
  } else {
    items = [json];
  }
  const readings: DecodedReading[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = parseReading(item, items.length === 1 && !('readings' in json) ? 'reading' : `readings[${index}]`);
    if ('ok' in parsed) return parsed;
    readings.push(parsed);
  }
  return { ok: true, readings };
}
