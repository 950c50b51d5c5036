import type { MetricId } from '../core/metrics.js';
import type { ReadingFlag } from '../core/reading.js';

/**
 * The contract of a wire-format decoder: a pure function from one payload's bytes to readings in
 * canonical units and the raw fields as the device sent them. No I/O, no clock, no globals, so that
 * it can be fuzzed, reused by the CLI and driven by the simulators.
 */

/** A measurement as a decoder sees it; the ingest gate adds device, person, unit and hub time. */
export interface DecodedReading {
  readonly metric: MetricId;
  /** Canonical unit of the metric catalogue (kPa, °F, lb, mmol/L already converted). */
  readonly value: number;
  /** Device time, ms since the epoch UTC, when the device sent one; absent means "use hub time". */
  readonly ts?: number;
  readonly flags?: readonly ReadingFlag[];
  /** A shared device's user slot (scale, cuff), mapped to a person by the gate. */
  readonly userSlot?: number;
}

export interface DecodedWaveform {
  readonly metric: MetricId;
  readonly rateHz: number;
  readonly samples: readonly number[];
  /** Device time of the first sample when known. */
  readonly t0?: number;
}

/** Something the device said about itself that is not a measurement (probe off, searching…). */
export interface DeviceStatusReport {
  readonly code: string;
  readonly message: string;
}

export interface DecodeResult {
  readonly readings: readonly DecodedReading[];
  readonly fields: Readonly<Record<string, unknown>>;
  readonly waveforms?: readonly DecodedWaveform[];
  readonly status?: readonly DeviceStatusReport[];
}

export interface DecodeOptions {
  /** AES key for encrypted advertisements (BTHome), as bytes. */
  readonly key?: Uint8Array;
  /** Device address, "AA:BB:CC:DD:EE:FF". */
  readonly mac?: string;
  /** Offset of the device's local clock from UTC in minutes; the hub's zone when absent. */
  readonly utcOffsetMinutes?: number;
}

export interface FormatDecoder {
  /** Format id of the docs/architecture.md CLI contract: a 16-bit characteristic UUID in lower-case hex or a name. */
  readonly id: string;
  readonly description: string;
  decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult;
}

/** A payload that cannot be decoded; the message says why in words a user can act on. */
export class DecodeError extends Error {
  constructor(
    readonly formatId: string,
    message: string,
  ) {
    super(`${formatId}: ${message}`);
    this.name = 'DecodeError';
  }
}
