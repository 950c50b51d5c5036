import type { NightSummary } from '../apps/sleeporacle/night-summary.js';

/** What SleepOracle offers the API: a person's analysed sleep sessions, oldest first. */
export interface SleepView {
  sessions(personId: string, from: number, to: number): readonly NightSummary[];
}
