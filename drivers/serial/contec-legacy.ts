import { DecodeError, type FormatDecoder } from '../format.js';
import { OximeterReadings } from './oximeter-readings.js';
import { oximeterStatus } from './oximeter-status.js';
import type { DecodedPacket, FramingStats, SerialStreamDecoder } from './stream-decoder.js';
import { SyncBitFramer } from './sync-bit-framer.js';

/** Contec CMS50D+/E legacy protocol (docs/protocols.md §4.1): 19200 8O1, 5-byte live packets at 60/s. */
export const CONTEC_LEGACY_PACKET_LENGTH = 5;
export const CONTEC_LEGACY_PACKETS_PER_SECOND = 60;

const SPO2_MISSING = 127;
const PULSE_RATE_MISSING = 255;

/** Decodes one live packet whose sync bits the caller has checked. */
export function decodeContecLegacyLivePacket(bytes: Uint8Array): DecodedPacket {
  const [b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0] = bytes;
  const probeError = (b3 & 0x10) !== 0;
  const searchingPulse = (b3 & 0x20) !== 0;
  const searchingTooLong = (b1 & 0x10) !== 0;
  const pulseRate = ((b3 & 0x40) << 1) | (b4 & 0x7f);
  const spo2 = b5 & 0x7f;
  const fields = {
    signalStrength: b1 & 0x0f,
    searchingTooLong,
    spo2Dropping: (b1 & 0x20) !== 0,
    pulseBeep: (b1 & 0x40) !== 0,
    pleth: b2 & 0x7f,
    bargraph: b3 & 0x0f,
    probeError,
    searchingPulse,
    pulseRate,
    spo2,
  };
  const out = new OximeterReadings();
  if (probeError) out.report(oximeterStatus.probeOff);
  if (searchingPulse) out.report(oximeterStatus.searching);
  if (searchingTooLong) out.report(oximeterStatus.searchingTooLong);
  // While the probe is off or the pulse is being searched for, the numbers on the wire are stale.
  if (!probeError && !searchingPulse) {
    out.add('spo2', 'SpO2', spo2, spo2, [SPO2_MISSING, 0]);
    out.add('pulse_rate', 'pulse rate', pulseRate, pulseRate, [PULSE_RATE_MISSING, 0]);
  }
  return { readings: out.readings, fields, pleth: probeError ? [] : [fields.pleth], status: out.status };
}

export function hasLegacySyncBits(bytes: Uint8Array): boolean {
  return bytes.every((byte, i) => (i === 0) === ((byte & 0x80) !== 0));
}

export class ContecLegacyStreamDecoder implements SerialStreamDecoder {
  readonly plethRateHz = CONTEC_LEGACY_PACKETS_PER_SECOND;
  readonly packetsPerSecond = CONTEC_LEGACY_PACKETS_PER_SECOND;
  private readonly framer = new SyncBitFramer(CONTEC_LEGACY_PACKET_LENGTH);

  push(chunk: Uint8Array): readonly DecodedPacket[] {
    return this.framer.push(chunk).map(decodeContecLegacyLivePacket);
  }

  stats(): FramingStats {
    return this.framer.stats();
  }
}

export const contecLegacyFormat: FormatDecoder = {
  id: 'contec-legacy',
  description: 'Contec CMS50D+/E legacy live packet (5 bytes, 19200 8O1)',
  decode(bytes) {
    if (bytes.length !== CONTEC_LEGACY_PACKET_LENGTH) {
      throw new DecodeError('contec-legacy', `a live packet is 5 bytes, got ${bytes.length}`);
    }
    if (!hasLegacySyncBits(bytes)) {
      throw new DecodeError('contec-legacy', 'bit 7 must be set in the first byte only');
    }
    const packet = decodeContecLegacyLivePacket(bytes);
    return { readings: packet.readings, fields: packet.fields, status: packet.status };
  },
};
