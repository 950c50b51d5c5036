import type { DecodeOptions, DecodedReading, DecodedWaveform, DeviceStatusReport } from '../../format.js';

/** Where the BLE runtime hands what it hears; the hub part adapts this to its ingest. */
export interface BleReadingSink {
  /** Bytes of a known format, decoded by the hub's format table (the path simulated devices share). */
  packet(packet: { deviceId: string; formatId: string; bytes: Uint8Array; at: number; decodeOptions?: DecodeOptions }): void;
  /** Readings the runtime assembled itself (byte streams batched per second). */
  decoded(batch: { deviceId: string; readings: readonly DecodedReading[]; waveforms?: readonly DecodedWaveform[]; receivedAt: number }): void;
  status(deviceId: string, report: DeviceStatusReport, at: number): void;
}
