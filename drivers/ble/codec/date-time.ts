import type { ByteReader } from './byte-reader.js';
import type { ByteWriter } from './byte-writer.js';

/** GATT Date Time (0x2A08) as sent: the device's local wall-clock time, 0 meaning "unknown". */
export interface DateTimeFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

export const DATE_TIME_LENGTH = 7;

export function readDateTime(reader: ByteReader, field: string): DateTimeFields {
  reader.need(DATE_TIME_LENGTH, field);
  return {
    year: reader.u16(field),
    month: reader.u8(field),
    day: reader.u8(field),
    hours: reader.u8(field),
    minutes: reader.u8(field),
    seconds: reader.u8(field),
  };
}

export function writeDateTime(writer: ByteWriter, time: DateTimeFields): void {
  writer.u16(time.year).u8(time.month).u8(time.day).u8(time.hours).u8(time.minutes).u8(time.seconds);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** False for "unknown" parts (year/month/day 0) and for values no calendar has. */
export function isCompleteDateTime(time: DateTimeFields): boolean {
  return (
    time.year >= 1582 && time.year <= 9999 &&
    time.month >= 1 && time.month <= 12 &&
    time.day >= 1 && time.day <= daysInMonth(time.year, time.month) &&
    time.hours <= 23 && time.minutes <= 59 && time.seconds <= 59
  );
}

/**
 * UTC milliseconds of a device's local time: with the device's UTC offset when known, else in
 * the hub's own zone. Undefined when the device does not know the date, so the hub's time is used.
 */
export function dateTimeToUtcMs(time: DateTimeFields, utcOffsetMinutes?: number): number | undefined {
  if (!isCompleteDateTime(time)) return undefined;
  if (utcOffsetMinutes !== undefined) {
    if (!Number.isFinite(utcOffsetMinutes)) return undefined;
    const asUtc = Date.UTC(time.year, time.month - 1, time.day, time.hours, time.minutes, time.seconds);
    return asUtc - utcOffsetMinutes * 60_000;
  }
  return new Date(time.year, time.month - 1, time.day, time.hours, time.minutes, time.seconds).getTime();
}

/** The wall-clock fields a device in `utcOffsetMinutes` (the hub's zone when absent) shows at `utcMs`. */
export function dateTimeAt(utcMs: number, utcOffsetMinutes?: number): DateTimeFields {
  if (utcOffsetMinutes !== undefined) {
    const shifted = new Date(utcMs + utcOffsetMinutes * 60_000);
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hours: shifted.getUTCHours(),
      minutes: shifted.getUTCMinutes(),
      seconds: shifted.getUTCSeconds(),
    };
  }
  const local = new Date(utcMs);
  return {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hours: local.getHours(),
    minutes: local.getMinutes(),
    seconds: local.getSeconds(),
  };
}
