import { type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { ReadingCollector } from '../codec/plausible-readings.js';

const ID = 'jumper-oximeter';
const MEASUREMENT_FRAME = 0x81;
const INVALID_PULSE_RATE = 0xff;
const INVALID_SPO2 = 0x7f;

/**
 * Jumper JPD-500F (and relabels) notification (docs/protocols.md §3.4, partly reverse-engineered).
 * Only 0x81 frames carry values; other frame types are reported, not errors. 0 and the
 * 0xFF / 0x7F sentinels the oximeter uses while searching are absent (null in fields).
 */
function decode(bytes: Uint8Array): DecodeResult {
  const reader = new ByteReader(ID, bytes);
  const frameType = reader.u8('frame type');
  if (frameType !== MEASUREMENT_FRAME) {
    return {
      readings: [],
      fields: { frameType },
      status: [{ code: 'unsupported_frame', message: `frame type 0x${frameType.toString(16)} carries no measurement the hub reads` }],
    };
  }
  const prRaw = reader.u8('pulse rate');
  const spo2Raw = reader.u8('SpO2');
  const piRaw = reader.u8('perfusion index');
  const pulseRate = prRaw === 0 || prRaw === INVALID_PULSE_RATE ? null : prRaw;
  const spo2 = spo2Raw === 0 || spo2Raw === INVALID_SPO2 ? null : spo2Raw;
  const perfusionIndexPct = piRaw === 0 ? null : piRaw / 10;
  const out = new ReadingCollector();
  if (pulseRate === null && spo2 === null) out.report('searching', 'no pulse signal (finger out or searching)');
  out.add('pulse_rate', pulseRate ?? undefined);
  out.add('spo2', spo2 ?? undefined);
  out.add('perfusion_index', perfusionIndexPct ?? undefined);
  return out.result({ frameType, pulseRate, spo2, perfusionIndexPct });
}

export const jumperOximeterDecoder: FormatDecoder = {
  id: ID,
  description: 'Jumper JPD-500F oximeter notification (0x81 frames): pulse rate, SpO2, perfusion index',
  decode,
};
