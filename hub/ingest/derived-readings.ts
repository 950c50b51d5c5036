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
import type { Ingest } from './ingest.js';

const DRIVER = 'inference';

export interface DerivedReading {
  readonly metric: MetricId;
  readonly value: number;
  readonly ts: number;
}

export class DerivedReadings {
  constructor(
    private readonly ingest: Ingest,
    private readonly registry: HouseholdRegistry,
  ) {}

  /** Submits the readings for the person; returns how many the gate accepted. */
  write(personId: string, readings: readonly DerivedReading[]): number {
    if (readings.length === 0) return 0;
    const deviceId = makeDeviceId('inference', personId);
    const device = this.registry.noteDeviceSeen(deviceId, DRIVER);
    if (device.personId !== personId) this.registry.assignDevice(deviceId, personId);
    return this.ingest.submit({ deviceId, readings: readings.map((r) => ({ metric: r.metric, value: r.value, ts: r.ts })) }).accepted;
  }
}
