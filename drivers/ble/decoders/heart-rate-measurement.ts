import { type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { ReadingCollector } from '../codec/plausible-readings.js';

const ID = '2a37';

/** Sensor contact as the device reports it: null when the sensor has no contact detection. */
export type SensorContact = boolean | null;

export function sensorContactFromFlags(flags: number): SensorContact {
  const bits = (flags >> 1) & 0b11;
  return bits < 2 ? null : bits === 3;
}

export function rrRawToMs(raw: number): number {
  return (raw * 1000) / 1024;
}

/**
 * Heart Rate Measurement (docs/protocols.md §1.2). When the strap says "contact supported but not
 * detected", neither the heart rate nor the RR intervals are emitted: a strap lying on a table
 * keeps sending a plausible-looking rate, and a flagged reading would still reach charts and
 * the resting-rate baseline. The raw values stay in `fields` and a `no_contact` status says why.
 */
function decode(bytes: Uint8Array): DecodeResult {
  const reader = new ByteReader(ID, bytes);
  const flags = reader.u8('flags');
  const heartRate = (flags & 0x01) !== 0 ? reader.u16('heart rate (uint16)') : reader.u8('heart rate (uint8)');
  const sensorContact = sensorContactFromFlags(flags);
  const energyExpendedKJ = (flags & 0x08) !== 0 ? reader.u16('energy expended') : undefined;
  let rrRaw1024: number[] | undefined;
  const out = new ReadingCollector();
  if ((flags & 0x10) !== 0) {
    reader.need(2, 'RR interval');
    rrRaw1024 = [];
    while (reader.remaining >= 2) rrRaw1024.push(reader.u16('RR interval'));
  }
  if (reader.remaining > 0) out.report('trailing_bytes', `${reader.remaining} byte(s) after the last field ignored`);

  const fields = {
    flags,
    heartRate,
    sensorContact,
    ...(energyExpendedKJ !== undefined ? { energyExpendedKJ } : {}),
    ...(rrRaw1024 !== undefined ? { rrRaw1024, rrMs: rrRaw1024.map((raw) => Math.round(rrRawToMs(raw) * 1000) / 1000) } : {}),
  };

  if (sensorContact === false) {
    out.report('no_contact', 'sensor reports no skin contact; heart rate and RR intervals not emitted');
  } else {
    out.add('heart_rate', heartRate);
    for (const raw of rrRaw1024 ?? []) out.add('rr_interval', rrRawToMs(raw));
  }
  out.add('energy_expended', energyExpendedKJ);
  return out.result(fields);
}

export const heartRateMeasurementDecoder: FormatDecoder = {
  id: ID,
  description: 'Heart Rate Measurement (GATT 0x2A37): heart rate, sensor contact, energy, RR intervals',
  decode,
};

