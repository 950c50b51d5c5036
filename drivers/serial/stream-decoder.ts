import type { DecodedReading, DeviceStatusReport } from '../format.js';

/** One complete packet of an oximeter byte stream, decoded. */
export interface DecodedPacket {
  readonly readings: readonly DecodedReading[];
  /** The packet's fields as the device sent them (names as in the CLI output). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Pleth samples the packet carries, oldest first; empty when the device marks them invalid. */
  readonly pleth: readonly number[];
  /** Conditions the packet reports (probe off, searching…); empty when all is well. */
  readonly status: readonly DeviceStatusReport[];
}

export interface FramingStats {
  readonly packets: number;
  /** Times the decoder lost sync and had to discard bytes to find the next packet. */
  readonly framingErrors: number;
  readonly discardedBytes: number;
}

/**
 * A protocol's decoder for a continuous byte stream: chunks may split or join packets anywhere,
 * and garbage is skipped. Pure: no I/O, no clock.
 */
export interface SerialStreamDecoder {
  /** Pleth samples per second of device time. */
  readonly plethRateHz: number;
  /** Packets the device sends per second. */
  readonly packetsPerSecond: number;
  push(chunk: Uint8Array): readonly DecodedPacket[];
  stats(): FramingStats;
}
