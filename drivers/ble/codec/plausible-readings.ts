import { metricDefinition, type MetricId } from '../../../core/metrics.js';
import { isPlausible } from '../../../core/plausibility.js';
import type { DecodedReading, DeviceStatusReport } from '../../format.js';

type ReadingExtras = Omit<DecodedReading, 'metric' | 'value'>;

/**
 * Collects a decoder's readings and keeps out anything that cannot be a human measurement: a
 * value that is not finite or lies outside the metric's hard plausibility range becomes a status
 * report instead of a reading (its raw value stays in `fields`).
 */
export class ReadingCollector {
  readonly readings: DecodedReading[] = [];
  readonly status: DeviceStatusReport[] = [];

  add(metric: MetricId, value: number | undefined, extras: ReadingExtras = {}): void {
    if (value === undefined) return;
    if (!isPlausible(metric, value)) {
      const def = metricDefinition(metric);
      const range = def.plausible?.reject;
      const limits = range !== undefined ? ` (plausible ${range.min}–${range.max} ${def.unit})` : '';
      this.report('implausible', `${metric} ${value} ${def.unit} cannot be a human reading${limits}; not emitted`);
      return;
    }
    const reading: DecodedReading = { metric, value, ...withoutUndefined(extras) };
    this.readings.push(reading);
  }

  report(code: string, message: string): void {
    this.status.push({ code, message });
  }

  /** The readings plus status reports, shaped for a DecodeResult. */
  result(fields: Readonly<Record<string, unknown>>): { readings: DecodedReading[]; fields: Readonly<Record<string, unknown>>; status?: DeviceStatusReport[] } {
    return this.status.length > 0 ? { readings: this.readings, fields, status: this.status } : { readings: this.readings, fields };
  }
}

function withoutUndefined(extras: ReadingExtras): ReadingExtras {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extras)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}
