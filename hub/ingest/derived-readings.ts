/**
 * Writes what the hub computes (the models' af_probability, hrv_rmssd, resting_heart_rate,
 * illness_score; SleepOracle's night figures and apnea_probability) back through the ingest gate like any reading,
 * so that it is stored, charted, exported and seen by the alert rules. Each person gets their own
 * derived-data device, `hub:inference:<personId>`: one shared device would make two people's
 * readings at the same time look like duplicates.
 */
import { makeDeviceId } from '../../core/device-id.js';
import type { MetricId } from '../../core/metrics.js';
import type { HouseholdRegistry } from '../household/household-registry.js';
import type { Ingest, IngestOptions } from './ingest.js';
import type { IngestOutcome } from './ingest-types.js';

export interface DerivedReading {
  readonly metric: MetricId;
  readonly value: number;
  readonly ts: number;
}

export class DerivedReadings {
  /** `journal` for what people wrote down (NutriVerse): the same path, under `hub:journal:<personId>`. */
  constructor(
    private readonly ingest: Ingest,
    private readonly registry: HouseholdRegistry,
    private readonly kind: 'inference' | 'journal' = 'inference',
  ) {}

  /** Submits the readings for the person; returns how many the gate accepted. */
  write(personId: string, readings: readonly DerivedReading[]): number {
    if (readings.length === 0) return 0;
    return this.submit(personId, readings).accepted;
  }

  /** The person's device for these readings, assigned to them. */
  deviceOf(personId: string): string {
    const deviceId = makeDeviceId(this.kind, personId);
    const device = this.registry.noteDeviceSeen(deviceId, this.kind);
    if (device.personId !== personId) this.registry.assignDevice(deviceId, personId);
    return deviceId;
  }

  /** Submits the readings for the person with the gate's options (`take: 'whole'` for an entry that must never be half-stored). */
  submit(personId: string, readings: readonly DerivedReading[], options: IngestOptions = {}): IngestOutcome {
    return this.ingest.submit({ deviceId: this.deviceOf(personId), readings: readings.map((r) => ({ metric: r.metric, value: r.value, ts: r.ts })) }, options);
  }
}
