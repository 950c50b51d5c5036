import type { DecodeOptions, DecodedReading, DecodedWaveform } from '../../drivers/format.js';
import type { RejectionReason } from '../bus/hub-events.js';
import type { Reading, WaveformBlock } from '../../core/reading.js';

/** What a driver, simulator, MQTT client or import hands to the gate: one device's decoded output. */
export interface IngestBatch {
  readonly deviceId: string;
  readonly readings: readonly DecodedReading[];
  readonly waveforms?: readonly DecodedWaveform[];
  /** Hub time the bytes arrived; the gate's clock when absent. */
  readonly receivedAt?: number;
}

/** Bytes from a device in a format one of the drivers decodes, as they arrived. */
export interface DevicePacket {
  readonly deviceId: string;
  readonly formatId: string;
  readonly bytes: Uint8Array;
  readonly at: number;
  readonly decodeOptions?: DecodeOptions;
}

/** How the gate takes a batch. */
export interface GateOptions {
  /**
   * `each` (the default): every reading on its own. `whole`: when any reading or block would be
   * refused for a reason other than being a duplicate of what is stored, none is taken (a message
   * that must never be half-stored). Re-sent history is no reason to refuse: it is already stored.
   */
  readonly take?: 'each' | 'whole';
  /** Lists each refused reading in the outcome's `refused`, for a source that reports them. */
  readonly reasons?: boolean;
}

/** One refused reading (or waveform block) of a batch, by its position in the batch. */
export interface ReadingRefusal {
  readonly index: number;
  /** Set when `index` counts the batch's waveform blocks rather than its readings. */
  readonly waveform?: true;
  readonly metric: string;
  readonly reason: RejectionReason;
  readonly detail: string;
}

export interface IngestOutcome {
  readonly accepted: number;
  readonly rejected: number;
  /** Present when `take: 'whole'` refused the batch: `rejected` then counts all of it. */
  readonly refusedWhole?: true;
  /** With `reasons`: the readings that failed, in batch order (under a whole refusal, the ones that caused it). */
  readonly refused?: readonly ReadingRefusal[];
  /** A packet whose bytes did not decode: why. Nothing of it reached the gate. */
  readonly undecodable?: string;
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
