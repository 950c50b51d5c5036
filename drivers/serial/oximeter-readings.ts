import type { MetricId } from '../../core/metrics.js';
import { isPlausible } from '../../core/plausibility.js';
import type { ReadingFlag } from '../../core/reading.js';
import type { DecodedReading, DeviceStatusReport } from '../format.js';
import { valueImplausible, valueMissing } from './oximeter-status.js';

/** Readings and the reasons some values were left out, collected while decoding one packet. */
export class OximeterReadings {
  readonly readings: DecodedReading[] = [];
  readonly status: DeviceStatusReport[] = [];

  constructor(private readonly flags: readonly ReadingFlag[] = []) {}

  /**
   * Adds a value unless it is the device's "no value" sentinel or cannot be a person's reading;
   * either way a status report says why it is absent, so nothing is dropped silently.
   */
  add(metric: MetricId, label: string, raw: number, value: number, sentinels: readonly number[]): void {
    if (sentinels.includes(raw)) {
      this.status.push(valueMissing(label, raw));
      return;
    }
    if (!isPlausible(metric, value)) {
      this.status.push(valueImplausible(label, value));
      return;
    }
    this.readings.push(this.flags.length > 0 ? { metric, value, flags: this.flags } : { metric, value });
  }

  report(status: DeviceStatusReport): void {
    this.status.push(status);
  }
}
