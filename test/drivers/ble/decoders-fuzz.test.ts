import fc from 'fast-check';
import t from 'tap';
import { crc16Mcrf4xx } from '../../../drivers/ble/codec/crc16-mcrf4xx.js';
import { bleFormats } from '../../../drivers/ble/formats.js';
import { DecodeError, type DecodeOptions, type DecodeResult } from '../../../drivers/format.js';
import { isMetricId, metricDefinition } from '../../../core/metrics.js';
import { assertProperty } from '../../helpers/property-seed.js';

/**
 * Random payloads for every Bluetooth decoder: only DecodeError may escape, and whatever is
 * emitted must be a finite value inside its metric's hard plausibility range, JSON-printable.
 */

const RUNS = 5000;

/** Short payloads hit the fixed-length formats and flag combinations far more often than long ones. */
const payloads = fc.oneof(
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 0, maxLength: 512 }) },
  { weight: 2, arbitrary: fc.uint8Array({ minLength: 0, maxLength: 24 }) },
);

/** BTHome: the v2 header byte keeps most cases past the version check; a key lets decryption run. */
const bthomePayloads = fc.tuple(fc.integer({ min: 0x40, max: 0x47 }), payloads).map(([info, rest]) => Uint8Array.of(info, ...rest));

/** CGM records whose size byte matches their flags (with a valid CRC half the time), several per notification. */
const cgmRecord = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ minLength: 11, maxLength: 11 }), fc.boolean())
  .map(([flags, body, withCrc]) => {
    const optional = [0x20, 0x40, 0x80].filter((b) => (flags & b) !== 0).length + ((flags & 0x01) !== 0 ? 2 : 0) + ((flags & 0x02) !== 0 ? 2 : 0);
    const dataLength = 6 + optional;
    const record = Uint8Array.of(withCrc ? dataLength + 2 : dataLength, flags, ...body.subarray(0, dataLength - 2));
    if (!withCrc) return record;
    const crc = crc16Mcrf4xx(record);
    return Uint8Array.of(...record, crc & 0xff, crc >> 8);
  });
const cgmPayloads = fc.array(cgmRecord, { minLength: 1, maxLength: 4 }).map((records) => Uint8Array.from(records.flatMap((r) => [...r])));

const exactLength = (n: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ minLength: n, maxLength: n });

/** Per format, payloads shaped enough to get past the first checks, mixed with plain random ones. */
const shapedPayloads: ReadonlyMap<string, fc.Arbitrary<Uint8Array>> = new Map([
  ['bthome', bthomePayloads],
  ['2aa7', cgmPayloads],
  ['miscale-v1', exactLength(10)],
  ['miscale-v2', exactLength(13)],
  ['polar-pmd-ecg', fc.tuple(fc.integer({ min: 0, max: 170 }), payloads).map(([n, rest]) => Uint8Array.of(0, ...rest.subarray(0, 8), 0, ...new Uint8Array(n * 3).map((_, i) => rest[i % Math.max(1, rest.length)] ?? i)))],
]);

const options = fc.record(
  {
    key: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    mac: fc.constantFrom('54:48:E6:8F:80:A5', 'A4:C1:38:00:00:01', 'not a mac'),
    utcOffsetMinutes: fc.integer({ min: -720, max: 840 }),
  },
  { requiredKeys: [] },
);

function inRange(metric: string, value: number): boolean {
  if (!isMetricId(metric) || !Number.isFinite(value)) return false;
  const range = metricDefinition(metric).plausible?.reject;
  if (range === undefined) return true;
  return (range.minExclusive === true ? value > range.min : value >= range.min) && value <= range.max;
}

function checkResult(result: DecodeResult): void {
  for (const reading of result.readings) {
    if (!inRange(reading.metric, reading.value)) throw new Error(`reading ${reading.metric}=${reading.value} outside its plausible range`);
    if (reading.ts !== undefined && !Number.isFinite(reading.ts)) throw new Error(`reading ${reading.metric} has ts ${reading.ts}`);
    if (reading.userSlot !== undefined && !Number.isInteger(reading.userSlot)) throw new Error(`user slot ${reading.userSlot}`);
  }
  for (const waveform of result.waveforms ?? []) {
    if (!isMetricId(waveform.metric) || !(waveform.rateHz > 0)) throw new Error(`waveform ${waveform.metric} at ${waveform.rateHz} Hz`);
    if (!waveform.samples.every(Number.isFinite)) throw new Error('waveform sample not finite');
    if (waveform.t0 !== undefined && !Number.isFinite(waveform.t0)) throw new Error(`waveform t0 ${waveform.t0}`);
  }
  JSON.stringify(result);
}

for (const decoder of bleFormats) {
  t.test(`${decoder.id} survives ${RUNS} random payloads`, async (t) => {
    let decoded = 0;
    let refused = 0;
    assertProperty(
      t,
      fc.property(fc.oneof(payloads, shapedPayloads.get(decoder.id) ?? payloads), options, (bytes, opts: DecodeOptions) => {
        try {
          checkResult(decoder.decode(bytes, opts));
          decoded++;
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
          if (!error.message.startsWith(`${decoder.id}: `) || error.message.length <= decoder.id.length + 2) throw new Error(`unclear DecodeError "${error.message}"`);
          refused++;
        }
      }),
      { numRuns: RUNS },
    );
    t.equal(decoded + refused, RUNS, `${decoded} decoded, ${refused} refused with a DecodeError`);
  });
}
