import type { DecodeOptions } from '../format.js';

/** Bytes a simulated device sends, in a wire format the hub's decoders know, at a moment. */
export interface SimulatedPacket {
  readonly deviceId: string;
  readonly formatId: string;
  readonly bytes: Uint8Array;
  readonly at: number;
  readonly decodeOptions?: DecodeOptions;
  /**
   * Set for a byte stream whose packets may straddle notifications (the BerryMed BCI stream): the
   * receiver reframes it, as the Bluetooth runtime does, rather than decoding each chunk alone.
   */
  readonly framing?: 'berrymed-bci';
}

export interface SimulatedDevice {
  readonly id: string;
  /** The driver a real device of this kind would match. */
  readonly driver: string;
  /** What the household calls it on the dashboard. */
  readonly name: string;
  /**
   * What the device sends in (from, to]. `from` undefined means the device just connected: devices
   * with a memory send what they stored, as real cuffs and scales do when a client subscribes.
   */
  advance(from: number | undefined, to: number): SimulatedPacket[];
}

/** The simulated household's devices report local time at UTC+0. */
export const SIM_DECODE_OPTIONS: DecodeOptions = { utcOffsetMinutes: 0 };

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Times of a daily event at `hour` (+ `offsetMinutes`) that fall in (from, to]. */
export function dailyOccurrences(from: number, to: number, hour: number, offsetMinutes: number): number[] {
  const times: number[] = [];
  const firstDay = Math.floor(from / DAY) - 1;
  for (let day = firstDay; day * DAY <= to; day++) {
    const at = day * DAY + hour * HOUR + offsetMinutes * MINUTE;
    if (at > from && at <= to) times.push(at);
  }
  return times;
}

/** The last `count` daily occurrences at or before `to`: what a device with a memory holds. */
export function lastDailyOccurrences(to: number, hour: number, offsetMinutes: number, count: number): number[] {
  return dailyOccurrences(to - (count + 1) * DAY, to, hour, offsetMinutes).slice(-count);
}
