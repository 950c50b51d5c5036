import type { MetricId } from '../../../core/metrics.js';
import { DecodeError, type DecodeOptions, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { decryptBthome, macBytes } from '../codec/bthome-crypto.js';
import { BTHOME_OBJECT_TYPES, type BthomeObjectType } from '../codec/bthome-objects.js';
import { ReadingCollector } from '../codec/plausible-readings.js';
import { KG_PER_LB } from '../../../core/units.js';

const ID = 'bthome';
const VERSION = 2;
const TRAILER_LENGTH = 8;
const KEY_LENGTH = 16;

/** Object names that are a hub metric, with the factor to its canonical unit. */
const METRIC_OF_OBJECT: ReadonlyMap<string, { metric: MetricId; toCanonical: number }> = new Map([
  ['battery_pct', { metric: 'battery', toCanonical: 1 }],
  ['temperature_C', { metric: 'ambient_temperature', toCanonical: 1 }],
  ['humidity_pct', { metric: 'ambient_humidity', toCanonical: 1 }],
  ['mass_kg', { metric: 'body_weight', toCanonical: 1 }],
  ['mass_lb', { metric: 'body_weight', toCanonical: KG_PER_LB }],
]);

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

function readObjectValue(reader: ByteReader, type: BthomeObjectType, field: string): number | string {
  switch (type.encoding) {
    case 'text':
    case 'raw': {
      const bytes = reader.take(reader.u8(`${field} length`), field);
      return type.encoding === 'text' ? Buffer.from(bytes).toString('utf8') : Buffer.from(bytes).toString('hex');
    }
    case 'bytes':
      return Array.from(reader.take(type.length, field)).reverse().join('.');
    default: {
      const bytes = reader.take(type.length, field);
      let raw = 0;
      for (let i = bytes.length - 1; i >= 0; i--) raw = raw * 256 + (bytes[i] ?? 0);
      if (type.encoding === 'sint' && raw >= 2 ** (8 * type.length - 1)) raw -= 2 ** (8 * type.length);
      return type.factor === 1 ? raw : roundTo(raw * type.factor, type.decimals);
    }
  }
}

/** Why reading stopped before the end of the payload. */
interface ObjectsStop {
  readonly code: 'unknown_object' | 'truncated_object';
  readonly message: string;
}

interface ParsedObjects {
  readonly objects: Record<string, number | string>;
  readonly stop?: ObjectsStop;
}

/** Value bytes the object needs after its id, or undefined when even its length byte is missing. */
function valueLength(payload: Uint8Array, at: number, type: BthomeObjectType): number | undefined {
  if (type.encoding !== 'text' && type.encoding !== 'raw') return type.length;
  const length = payload[at];
  return length === undefined ? undefined : 1 + length;
}

const hexId = (id: number): string => `0x${id.toString(16).padStart(2, '0')}`;

/**
 * Objects until the end. An id the format does not define makes the rest unreadable, and an object
 * cut off by the end of the payload cannot be read: either way the complete objects before it are
 * kept, as the reference parser does (bthome-ble `_parse_payload`, docs/protocols.md §2).
 */
function parseObjects(payload: Uint8Array): ParsedObjects {
  const reader = new ByteReader(ID, payload);
  const objects: Record<string, number | string> = {};
  while (reader.remaining > 0) {
    const objectId = reader.u8('object id');
    const type = BTHOME_OBJECT_TYPES.get(objectId);
    if (type === undefined) {
      return { objects, stop: { code: 'unknown_object', message: `object id ${hexId(objectId)} is unknown; the objects after it were not read` } };
    }
    const needed = valueLength(payload, reader.offset, type);
    if (needed === undefined || needed > reader.remaining) {
      const message = `object ${hexId(objectId)} (${type.name}) at offset ${reader.offset - 1} is cut off by the end of the payload; the objects before it were kept`;
      return { objects, stop: { code: 'truncated_object', message } };
    }
    const value = readObjectValue(reader, type, type.name);
    let name = type.name;
    for (let n = 2; name in objects; n++) name = `${type.name}_${n}`;
    objects[name] = value;
  }
  return { objects };
}

/**
 * BTHome v2 service data (UUID 0xFCD2, docs/protocols.md §2), plain or AES-128-CCM encrypted (needs
 * the key and the MAC, from the options or from the advertisement itself). Replay protection
 * (counter and packet id) is the caller's state, not this decoder's: both are in `fields`.
 */
function decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  const reader = new ByteReader(ID, bytes);
  const deviceInfo = reader.u8('device info');
  const encrypted = (deviceInfo & 0x01) !== 0;
  const macIncluded = (deviceInfo & 0x02) !== 0;
  const triggerBased = (deviceInfo & 0x04) !== 0;
  const version = deviceInfo >> 5;
  if (version !== VERSION) throw new DecodeError(ID, `BTHome version ${version} in the device-info byte; only version 2 is supported`);
  const advertisedMac = macIncluded ? Array.from(reader.take(6, 'MAC')).reverse() : undefined;
  const advertisedMacText = advertisedMac?.map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  const header = { encrypted, version, macIncluded, triggerBased, ...(advertisedMacText !== undefined ? { mac: advertisedMacText } : {}) };

  let payload: Uint8Array;
  let crypto: Record<string, unknown> = {};
  if (encrypted) {
    reader.need(TRAILER_LENGTH + 1, 'encrypted objects, counter and MIC');
    const ciphertext = reader.take(reader.remaining - TRAILER_LENGTH, 'ciphertext');
    const counterBytes = reader.take(4, 'counter');
    const mic = reader.take(4, 'MIC');
    const counter = Buffer.from(counterBytes).readUInt32LE(0);
    if (options?.key === undefined) throw new DecodeError(ID, 'the advertisement is encrypted: give the device key (--key)');
    if (options.key.length !== KEY_LENGTH) throw new DecodeError(ID, `the key must be ${KEY_LENGTH} bytes, got ${options.key.length}`);
    const macText = options.mac ?? advertisedMacText;
    if (macText === undefined) throw new DecodeError(ID, 'the advertisement is encrypted: give the device address (--mac)');
    const mac = macBytes(macText);
    if (mac === undefined) throw new DecodeError(ID, `"${macText}" is not a Bluetooth address like AA:BB:CC:DD:EE:FF`);
    const plain = decryptBthome(options.key, mac, deviceInfo, ciphertext, counterBytes, mic);
    if (plain === undefined) throw new DecodeError(ID, 'decryption failed: wrong key or address, or a corrupted advertisement');
    payload = plain;
    crypto = { counter, decryptedPayload: Buffer.from(plain).toString('hex') };
  } else {
    payload = reader.rest();
  }

  const { objects, stop } = parseObjects(payload);
  const out = new ReadingCollector();
  if (stop !== undefined) out.report(stop.code, stop.message);
  const timestamp = objects['timestamp'];
  const ts = typeof timestamp === 'number' ? timestamp * 1000 : undefined;
  for (const [name, value] of Object.entries(objects)) {
    const target = METRIC_OF_OBJECT.get(name.replace(/_\d+$/, ''));
    if (target !== undefined && typeof value === 'number') out.add(target.metric, value * target.toCanonical, { ts });
  }
  return out.result({ ...header, ...crypto, objects });
}

export const bthomeDecoder: FormatDecoder = {
  id: ID,
  description: 'BTHome v2 service data (UUID 0xFCD2), plain or encrypted (--key, --mac): room climate, battery, mass',
  decode,
};
