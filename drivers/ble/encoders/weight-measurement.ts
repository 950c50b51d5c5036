import { ByteWriter } from '../codec/byte-writer.js';
import { writeDateTime, type DateTimeFields } from '../codec/date-time.js';

export interface WeightMeasurementInput {
  /** In kg (0.005 kg steps) or, with unit 'lb', in lb (0.01 lb steps). */
  readonly weight: number;
  readonly unit?: 'kg' | 'lb';
  readonly timestamp?: DateTimeFields;
  /** 0xFF = unknown user. */
  readonly userId?: number;
  /** BMI and height travel together; height in m (kg unit) or in (lb unit). */
  readonly bmiAndHeight?: { readonly bmi: number; readonly height: number };
}

/** Weight Measurement (0x2A9D) indication bytes. */
export function encodeWeightMeasurement(input: WeightMeasurementInput): Uint8Array {
  const imperial = input.unit === 'lb';
  const flags =
    (imperial ? 0x01 : 0) |
    (input.timestamp !== undefined ? 0x02 : 0) |
    (input.userId !== undefined ? 0x04 : 0) |
    (input.bmiAndHeight !== undefined ? 0x08 : 0);
  const writer = new ByteWriter().u8(flags).u16(Math.round(imperial ? input.weight * 100 : input.weight * 200));
  if (input.timestamp !== undefined) writeDateTime(writer, input.timestamp);
  if (input.userId !== undefined) writer.u8(input.userId);
  if (input.bmiAndHeight !== undefined) {
    writer.u16(Math.round(input.bmiAndHeight.bmi * 10));
    writer.u16(Math.round(imperial ? input.bmiAndHeight.height * 10 : input.bmiAndHeight.height * 1000));
  }
  return writer.toBytes();
}
