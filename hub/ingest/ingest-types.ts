import type { DecodedReading, DecodedWaveform } from '../../drivers/format.js';
import type { Reading, WaveformBlock } from '../../core/reading.js';

/** What a driver, simulator, MQTT client or import hands to the gate: one device's decoded output. */
export interface IngestBatch {
  readonly deviceId: string;
  readonly readings: readonly DecodedReading[];
  readonly waveforms?: readonly DecodedWaveform[];
  /** Hub time the bytes arrived; the gate's clock when absent. */
  readonly receivedAt?: number;
}

export interface IngestOutcome {
  readonly accepted: number;
  readonly rejected: number;
}

/** Where accepted readings go to be stored (the store's writer). */
export interface ReadingSink {
  write(reading: Reading): void;
  writeWaveform(block: WaveformBlock): void;
}

/** Maps a device (and a shared device's user slot) to the person it belongs to. */
export interface PersonResolver {
  personFor(deviceId: string, userSlot?: number): string | undefined;
}

/** Answers whether a device-timestamped reading is already stored or queued. */
export interface DuplicateChecker {
  isDuplicate(deviceId: string, metric: string, ts: number): boolean;
  remember(deviceId: string, metric: string, ts: number): void;
}
