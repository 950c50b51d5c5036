import { DecodeError, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';

const ID = 'polar-pmd-ecg';
const ECG_MEASUREMENT_TYPE = 0;
const ECG_RATE_HZ = 130;
const BYTES_PER_SAMPLE = 3;
/** Polar's clock counts nanoseconds from 2000-01-01T00:00:00Z. */
const POLAR_EPOCH_MS = Date.UTC(2000, 0, 1);
/** Before this the strap's clock was never set by an app, so its time means nothing. */
const FIRST_PLAUSIBLE_MS = Date.UTC(2015, 0, 1);

function timestampField(ns: bigint): number | string {
  return ns <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(ns) : ns.toString();
}

/**
 * Polar PMD data frame carrying ECG (docs/protocols.md §3.2): a 10-byte header (measurement type,
 * uint64 ns timestamp of the frame's last sample, frame type) then 3-byte signed µV samples at
 * 130 Hz. Only uncompressed frame type 0 is what the H10 sends for ECG; others are refused.
 */
function decode(bytes: Uint8Array): DecodeResult {
  const reader = new ByteReader(ID, bytes);
  const measurementType = reader.u8('measurement type');
  const timestampNs = reader.u64('timestamp');
  const frameTypeByte = reader.u8('frame type');
  const compressed = (frameTypeByte & 0x80) !== 0;
  const frameType = frameTypeByte & 0x7f;
  if (measurementType !== ECG_MEASUREMENT_TYPE) throw new DecodeError(ID, `measurement type ${measurementType} is not ECG (0)`);
  if (compressed || frameType !== 0) {
    throw new DecodeError(ID, `ECG frame type ${frameType}${compressed ? ' (compressed)' : ''} is not supported; only uncompressed type 0`);
  }
  if (reader.remaining % BYTES_PER_SAMPLE !== 0) {
    throw new DecodeError(ID, `truncated frame: ${reader.remaining} sample bytes is not a whole number of 3-byte samples`);
  }
  const microVolts: number[] = [];
  while (reader.remaining > 0) microVolts.push(reader.i24('ECG sample'));
  const fields = { measurementType, timestampNs: timestampField(timestampNs), frameType, compressed, microVolts };
  if (microVolts.length === 0) return { readings: [], fields };
  const lastSampleMs = POLAR_EPOCH_MS + Number(timestampNs / 1_000_000n);
  const t0 = lastSampleMs - ((microVolts.length - 1) * 1000) / ECG_RATE_HZ;
  return {
    readings: [],
    fields,
    waveforms: [{ metric: 'ecg', rateHz: ECG_RATE_HZ, samples: microVolts, ...(t0 >= FIRST_PLAUSIBLE_MS ? { t0 } : {}) }],
  };
}

export const polarPmdEcgDecoder: FormatDecoder = {
  id: ID,
  description: 'Polar PMD data frame with ECG (H10): µV samples at 130 Hz as a waveform block',
  decode,
};
