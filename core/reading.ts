import type { MetricId } from './metrics.js';

/** Where a reading's timestamp came from: the device's own clock, or the hub's at arrival. */
export type TimestampSource = 'device' | 'hub';

/**
 * Quality and context marks a reading may carry. They never change the value; they travel with it
 * so that charts, rules and exports can show or weigh the reading accordingly.
 */
export type ReadingFlag =
  | 'questionable'
  | 'body_movement'
  | 'cuff_loose'
  | 'irregular_pulse'
  | 'pulse_rate_out_of_range'
  | 'improper_position'
  | 'early_estimate'
  | 'from_device_storage'
  | 'low_perfusion'
  | 'weak_signal'
  | 'out_of_usual_range'
  | 'artefact'
  | 'no_contact'
  /** Measured in interstitial fluid (a continuous glucose monitor's sensor), not in blood. */
  | 'interstitial_fluid';

/** One scalar measurement in the metric's canonical unit (docs/architecture.md, "Reading"). */
export interface Reading {
  readonly metric: MetricId;
  readonly value: number;
  readonly unit: string;
  /** Milliseconds since the epoch, UTC. */
  readonly ts: number;
  readonly deviceId: string;
  readonly personId?: string;
  readonly tsSource: TimestampSource;
  readonly flags?: readonly ReadingFlag[];
}

/** A run of waveform samples at a fixed rate (ECG, pleth): stored as a block, never per sample. */
export interface WaveformBlock {
  readonly metric: MetricId;
  readonly deviceId: string;
  readonly personId?: string;
  /** Time of the first sample, ms since the epoch, UTC. */
  readonly t0: number;
  readonly rateHz: number;
  readonly samples: readonly number[];
}
