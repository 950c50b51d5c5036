/** What the models tell a person about themselves: persisted, shown by the API, announced on the bus. */

export type InsightModel = 'af-rr' | 'illness-rhr';

export interface Insight {
  readonly id: string;
  readonly personId: string;
  /** The model that raised it (its id under models/). */
  readonly model: InsightModel;
  readonly title: string;
  /** Which measures, against which personal baseline, in words a person can follow. */
  readonly explanation: string;
  /** The model's score when it was raised (AF probability, illness score). */
  readonly score: number;
  /** When the condition was met, ms since the epoch, UTC. */
  readonly ts: number;
}
