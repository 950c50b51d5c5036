import { DecodeError, type FormatDecoder } from '../format.js';
import { OximeterReadings } from './oximeter-readings.js';
import { oximeterStatus } from './oximeter-status.js';
import type { DecodedPacket, FramingStats, SerialStreamDecoder } from './stream-decoder.js';
import { SyncBitFramer } from './sync-bit-framer.js';

/**
 * BerryMed "BCI protocol" V1.2 (docs/protocols.md §3.3): 5-byte packets at 100/s, bit 7 set in the
 * first byte only. The same stream arrives over USB serial and BLE notifications, so this decoder
 * knows nothing of the transport.
 */
export const BCI_PACKET_LENGTH = 5;
export const BCI_PACKETS_PER_SECOND = 100;

const PULSE_RATE_MISSING = 0xff;
const SPO2_MISSING = 0x7f;

export function decodeBciPacket(bytes: Uint8Array): DecodedPacket {
  const [b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0] = bytes;
  const noSignal = (b1 & 0x10) !== 0;
  const probeUnplugged = (b1 & 0x20) !== 0;
  const noFinger = (b3 & 0x10) !== 0;
  const pulseSearching = (b3 & 0x20) !== 0;
  const pulseRate = ((b3 & 0x40) << 1) | (b4 & 0x7f);
  const spo2 = b5 & 0x7f;
  const pleth = b2 & 0x7f;
  const fields = {
    signalStrength: b1 & 0x0f,
    noSignal,
    probeUnplugged,
    pulseBeep: (b1 & 0x40) !== 0,
    pleth,
    bargraph: b3 & 0x0f,
    noFinger,
    pulseSearching,
    pulseRate,
    spo2,
  };
  const out = new OximeterReadings();
  if (probeUnplugged) out.report(oximeterStatus.probeOff);
  if (noFinger) out.report(oximeterStatus.noFinger);
  if (noSignal) out.report(oximeterStatus.noSignal);
  if (pulseSearching) out.report(oximeterStatus.searching);
  if (!probeUnplugged && !noFinger && !pulseSearching) {
    out.add('spo2', 'SpO2', spo2, spo2, [SPO2_MISSING, 0]);
    out.add('pulse_rate', 'pulse rate', pulseRate, pulseRate, [PULSE_RATE_MISSING, 0]);
  }
  // Pleth 0 is the protocol's "invalid" value.
  return { readings: out.readings, fields, pleth: pleth === 0 ? [] : [pleth], status: out.status };
}

export function hasBciSyncBits(bytes: Uint8Array): boolean {
  return bytes.every((byte, i) => (i === 0) === ((byte & 0x80) !== 0));
}

export class BerryMedBciStreamDecoder implements SerialStreamDecoder {
  readonly plethRateHz = BCI_PACKETS_PER_SECOND;
  readonly packetsPerSecond = BCI_PACKETS_PER_SECOND;
  private readonly framer = new SyncBitFramer(BCI_PACKET_LENGTH);

  push(chunk: Uint8Array): readonly DecodedPacket[] {
    return this.framer.push(chunk).map(decodeBciPacket);
  }

  stats(): FramingStats {
    return this.framer.stats();
  }
}

export const berryMedBciFormat: FormatDecoder = {
  id: 'berrymed-bci',
  description: 'BerryMed BCI protocol V1.2 packet (5 bytes; USB serial or BLE notifications)',
  decode(bytes) {
    if (bytes.length !== BCI_PACKET_LENGTH) {
      throw new DecodeError('berrymed-bci', `a packet is 5 bytes, got ${bytes.length}`);
    }
    if (!hasBciSyncBits(bytes)) throw new DecodeError('berrymed-bci', 'bit 7 must be set in the first byte only');
    const packet = decodeBciPacket(bytes);
    return { readings: packet.readings, fields: packet.fields, status: packet.status };
  },
};
