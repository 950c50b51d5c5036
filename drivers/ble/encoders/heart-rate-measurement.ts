import { ByteWriter } from '../codec/byte-writer.js';

export interface HeartRateMeasurementInput {
  /** Beats per minute; sent as uint8 up to 255, as uint16 above. */
  readonly heartRate: number;
  /** Absent or null: the sensor has no contact detection. */
  readonly sensorContact?: boolean | null;
  /** Cumulative kJ; the device saturates at 65535. */
  readonly energyExpendedKJ?: number;
  /** Beat-to-beat intervals in ms, oldest first; sent in units of 1/1024 s. */
  readonly rrIntervalsMs?: readonly number[];
}

export function rrMsToRaw(ms: number): number {
  return Math.min(0xffff, Math.max(0, Math.round((ms * 1024) / 1000)));
}

/** Heart Rate Measurement (0x2A37) notification bytes. */
export function encodeHeartRateMeasurement(input: HeartRateMeasurementInput): Uint8Array {
  const wide = input.heartRate > 0xff;
  const contactBits = input.sensorContact === true ? 0b110 : input.sensorContact === false ? 0b100 : 0;
  const rr = input.rrIntervalsMs ?? [];
  const flags =
    (wide ? 0x01 : 0) | contactBits | (input.energyExpendedKJ !== undefined ? 0x08 : 0) | (rr.length > 0 ? 0x10 : 0);
  const writer = new ByteWriter().u8(flags);
  if (wide) writer.u16(input.heartRate);
  else writer.u8(input.heartRate);
  if (input.energyExpendedKJ !== undefined) writer.u16(Math.min(0xffff, input.energyExpendedKJ));
  for (const ms of rr) writer.u16(rrMsToRaw(ms));
  return writer.toBytes();
}
