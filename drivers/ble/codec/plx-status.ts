import type { ReadingFlag } from '../../../core/reading.js';

/** What the PLX status words (docs/protocols.md §1.7) mean for the readings of one measurement. */
export interface PlxVerdict {
  /** Why the readings must not be emitted at all, or undefined when they may be. */
  readonly rejectReason?: string;
  readonly flags: readonly ReadingFlag[];
}

/**
 * No measurement of a person: none taken, one the device itself calls invalid, or demonstration
 * and test data. A measurement the device calls questionable is still one: it is kept and flagged,
 * as glucose and CGM readings with a sensor fault are.
 */
const REJECTING_MEASUREMENT_BITS: ReadonlyArray<readonly [number, string]> = [
  [13, 'measurement unavailable'],
  [15, 'invalid measurement'],
  [10, 'data for demonstration'],
  [11, 'data for testing'],
];

const QUESTIONABLE_MEASUREMENT_BIT = 14;

/** The sensor is not on a person: whatever it reports is not that person's value. */
const REJECTING_SENSOR_BITS: ReadonlyArray<readonly [number, string]> = [
  [11, 'sensor unconnected to user'],
  [15, 'sensor disconnected'],
];

const QUESTIONABLE_SENSOR_BITS = [1, 2, 6, 7, 8, 10, 12, 13, 14];

function has(value: number | undefined, bit: number): boolean {
  return value !== undefined && ((value >>> bit) & 1) === 1;
}

export function plxVerdict(measurementStatus: number | undefined, deviceAndSensorStatus: number | undefined): PlxVerdict {
  const reasons = [
    ...REJECTING_MEASUREMENT_BITS.filter(([b]) => has(measurementStatus, b)).map(([, why]) => why),
    ...REJECTING_SENSOR_BITS.filter(([b]) => has(deviceAndSensorStatus, b)).map(([, why]) => why),
  ];
  const flags: ReadingFlag[] = [];
  if (has(measurementStatus, 6)) flags.push('early_estimate');
  if (has(measurementStatus, 9)) flags.push('from_device_storage');
  if (has(deviceAndSensorStatus, 3) || has(deviceAndSensorStatus, 4)) flags.push('weak_signal');
  if (has(deviceAndSensorStatus, 5)) flags.push('low_perfusion');
  if (has(measurementStatus, QUESTIONABLE_MEASUREMENT_BIT) || QUESTIONABLE_SENSOR_BITS.some((b) => has(deviceAndSensorStatus, b))) flags.push('questionable');
  return reasons.length > 0 ? { rejectReason: reasons.join(', '), flags } : { flags };
}
