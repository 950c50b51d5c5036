import type { NightApnea } from './night-apnea-store.js';
import type { DesaturationEvent } from './overnight-oxygen.js';
import type { SleepScore } from './sleep-score.js';
import type { SleepSession } from './sleep-sessions.js';

/** A night's oxygen as SleepOracle keeps and shows it: the figures, and the 3 % events to mark on the chart. */
export interface NightOxygen {
  readonly validMinutes: number;
  readonly excludedMinutes: number;
  readonly odi3: number | null;
  readonly odi4: number | null;
  readonly t90Minutes: number;
  /** Minutes below 88 % (older rows may lack it). */
  readonly t88Minutes?: number;
  readonly lowest: number | null;
  readonly mean: number | null;
  readonly events: readonly DesaturationEvent[];
}

/** One analysed sleep session of a person: when, how, its oxygen if an oximeter was worn, its score. */
export interface NightSummary extends SleepSession {
  readonly personId: string;
  /** Lowest ten-minute mean heart rate of the session, bpm. */
  readonly restingHeartRate: number | null;
  readonly oxygen: NightOxygen | null;
  readonly score: SleepScore;
  /**
   * A night's breathing screened from a chest strap's RR: null while it has none (no strap, not
   * finished, or no model); absent for naps. Added when the sessions are read, never stored in them.
   */
  readonly breathing?: NightApnea | null;
}
