/**
 * The hourly illness job: for each person, the resting heart rate of every completed hour not yet
 * done (catching up after the hub was off), written back as resting_heart_rate; then the illness
 * score of that hour against the person's adaptive baseline, written as illness_score; and an
 * insight when the persistence rule flags.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import { makeDeviceId } from '../../core/device-id.js';
import type { Insight } from '../bus/hub-events.js';
import type { StoreQuery } from '../store/index.js';
import type { DerivedReadings } from '../ingest/derived-readings.js';
import type { IllnessWarning } from './illness-warning.js';
import { HOUR_MS, type HourlyRestingHr } from './resting-hr.js';
import { BASELINE_DAYS } from './rhr-baseline.js';
import { restingHrForHour } from './stored-resting-hr.js';

export const ILLNESS_JOB = 'illness';

export interface IllnessMonitorOptions {
  readonly warning: IllnessWarning | undefined;
  readonly query: StoreQuery;
  readonly derived: DerivedReadings;
  readonly clock: Clock;
  readonly people: () => readonly string[];
  readonly catchUpHours: number;
  readonly progress: { get(personId: string): number | undefined; set(personId: string, doneUntil: number): void };
  readonly lastInsightTs: (personId: string) => number | undefined;
  readonly raise: (insight: Omit<Insight, 'id'>) => void;
  readonly logger: Logger;
  /** Told how long each model run took, in seconds (the hub's metrics). */
  readonly observe?: (seconds: number) => void;
}

/** Resting hours read back for scoring: the baseline's four weeks, the gap day and a margin. */
const HISTORY_MS = (BASELINE_DAYS + 2) * 24 * HOUR_MS;

export class IllnessMonitor {
  constructor(private readonly options: IllnessMonitorOptions) {}

  /** Does every completed hour not yet done, for everyone. */
  async runHourly(): Promise<void> {
    const lastComplete = Math.floor(this.options.clock.now() / HOUR_MS) * HOUR_MS;
    for (const personId of this.options.people()) {
      const done = this.options.progress.get(personId);
      const first = Math.max(done ?? -Infinity, lastComplete - this.options.catchUpHours * HOUR_MS);
      if (first >= lastComplete) continue;
      // Read once and extended in memory: what this run writes is still in the writer's queue.
      const history = this.restingHistory(personId, first);
      for (let hour = first; hour < lastComplete; hour += HOUR_MS) {
        await this.runHour(personId, hour, history);
        this.options.progress.set(personId, hour + HOUR_MS);
      }
    }
  }

  private async runHour(personId: string, hourStart: number, history: HourlyRestingHr[]): Promise<void> {
    const resting = restingHrForHour(this.options.query, personId, hourStart);
    if (resting === undefined) return;
    this.options.derived.write(personId, [{ metric: 'resting_heart_rate', value: resting.bpm, ts: hourStart }]);
    history.push({ ts: hourStart, bpm: resting.bpm, restingMinutes: resting.restingMinutes });
    const { warning } = this.options;
    if (warning === undefined) return;
    const rule = warning.rule;
    const lookBack = hourStart - (rule.withinHours + rule.quietHours) * HOUR_MS;
    const hours = history.filter((h) => h.ts > hourStart - HISTORY_MS);
    const started = performance.now();
    const scores = await warning.illnessScores(hours, lookBack);
    this.options.observe?.((performance.now() - started) / 1000);
    const current = scores[scores.length - 1];
    if (current === undefined || current.ts !== hourStart) return;
    // The catalogue keeps illness_score at 0 or more: a resting HR below the usual is not a sign of illness.
    this.options.derived.write(personId, [{ metric: 'illness_score', value: Math.max(0, current.score), ts: hourStart }]);
    const flag = warning.illnessFlags(scores).find((f) => f.ts === hourStart);
    if (flag === undefined) return;
    const last = this.options.lastInsightTs(personId);
    if (last !== undefined && hourStart - last < rule.quietHours * HOUR_MS) return;
    this.options.raise({
      personId,
      model: 'illness-rhr',
      title: 'Resting heart rate raised for most of a day',
      explanation: flag.explanation,
      score: current.score,
      ts: hourStart,
    });
  }

  /** The person's hourly resting heart rate as stored (written by this job), oldest first. */
  private restingHistory(personId: string, before: number): HourlyRestingHr[] {
    const points = this.options.query.querySeries({
      metric: 'resting_heart_rate',
      personId,
      deviceId: makeDeviceId('inference', personId),
      from: before - HISTORY_MS,
      to: before,
      maxPoints: HISTORY_MS / HOUR_MS + 1,
    }).points;
    return points.map((p) => ({ ts: p.ts, bpm: p.value, restingMinutes: p.count }));
  }
}
