/**
 * Live AF screening: gathers each person's RR intervals from the bus, scores every full window with
 * the af-rr model, writes af_probability and hrv_rmssd back, and raises an insight when the
 * probability stays over the model's threshold for a sustained period.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { Reading } from '../../core/reading.js';
import type { Insight } from '../bus/hub-events.js';
import { personalRrBaseline, type AfScreening, type AfWindowScore } from './af-screening.js';
import type { DerivedReadings } from '../ingest/derived-readings.js';
import type { AfFeatures } from './rr-features.js';

export interface AfMonitorOptions {
  readonly screening: AfScreening;
  readonly derived: DerivedReadings;
  readonly sustainedMs: number;
  readonly quietMs: number;
  /** Time of the person's last AF insight (persisted), for the quiet period across restarts. */
  readonly lastInsightTs: (personId: string) => number | undefined;
  readonly raise: (insight: Omit<Insight, 'id'>) => void;
  readonly logger: Logger;
  /** Told how long each model run took, in seconds (the hub's metrics). */
  readonly observe?: (seconds: number) => void;
}

/** A pause longer than this between beats breaks the window: the strap was off or out of range. */
const MAX_BEAT_GAP_MS = 5000;
/** A pause longer than this also ends an over-threshold run: the episode can no longer be called sustained. */
const MAX_RUN_GAP_MS = 10 * 60_000;
/** Windows not screened as AF kept per person as their usual rhythm, for the explanation. */
const BASELINE_WINDOWS = 120;

interface Run {
  readonly startTs: number;
  lastTs: number;
  readonly probabilities: number[];
  raised: boolean;
}

interface PersonRhythm {
  rr: number[];
  lastBeatTs: number;
  readonly usual: AfFeatures[];
  run: Run | undefined;
}

export class AfMonitor {
  private readonly people = new Map<string, PersonRhythm>();
  /** Scoring runs one window at a time, in arrival order, so the model never competes with itself. */
  private queue: Promise<void> = Promise.resolve();
  private windowsScored = 0;

  constructor(private readonly options: AfMonitorOptions) {}

  get scored(): number {
    return this.windowsScored;
  }

  /** Feeds one accepted reading; anything but a person's RR interval is ignored. */
  onReading(reading: Reading): void {
    if (reading.metric !== 'rr_interval' || reading.personId === undefined) return;
    const person = this.person(reading.personId);
    if (reading.ts < person.lastBeatTs) return; // re-sent history: the live window has moved on
    const gap = reading.ts - person.lastBeatTs;
    if (gap > reading.value + MAX_BEAT_GAP_MS) person.rr = [];
    person.lastBeatTs = reading.ts;
    person.rr.push(reading.value);
    if (person.rr.length < this.options.screening.windowBeats) return;
    const window = person.rr;
    person.rr = [];
    const personId = reading.personId;
    const endTs = reading.ts;
    this.queue = this.queue.then(() => this.score(personId, window, endTs));
  }

  /** Resolves once every window received so far is scored. */
  idle(): Promise<void> {
    return this.queue;
  }

  private person(personId: string): PersonRhythm {
    let person = this.people.get(personId);
    if (person === undefined) {
      person = { rr: [], lastBeatTs: -Infinity, usual: [], run: undefined };
      this.people.set(personId, person);
    }
    return person;
  }

  private async score(personId: string, rrMs: readonly number[], endTs: number): Promise<void> {
    const person = this.person(personId);
    let result: AfWindowScore;
    try {
      const started = performance.now();
      result = await this.options.screening.scoreRrWindow(rrMs, personalRrBaseline(person.usual));
      this.options.observe?.((performance.now() - started) / 1000);
    } catch (error) {
      this.options.logger.error({ err: error }, 'AF window could not be scored');
      return;
    }
    this.windowsScored++;
    const { features } = result;
    const rmssd = features.rmssd_over_mean * features.mean_rr_ms;
    this.options.derived.write(personId, [
      { metric: 'af_probability', value: result.probability, ts: endTs },
      ...(Number.isFinite(rmssd) ? [{ metric: 'hrv_rmssd' as const, value: rmssd, ts: endTs }] : []),
    ]);
    if (!result.isAf) {
      person.run = undefined;
      person.usual.push(features);
      if (person.usual.length > BASELINE_WINDOWS) person.usual.shift();
      return;
    }
    const startTs = endTs - rrMs.reduce((sum, rr) => sum + rr, 0);
    if (person.run === undefined || startTs - person.run.lastTs > MAX_RUN_GAP_MS) {
      person.run = { startTs, lastTs: endTs, probabilities: [], raised: false };
    }
    const run = person.run;
    run.lastTs = endTs;
    run.probabilities.push(result.probability);
    if (run.raised || endTs - run.startTs < this.options.sustainedMs) return;
    run.raised = true;
    const last = this.options.lastInsightTs(personId);
    if (last !== undefined && endTs - last < this.options.quietMs) return;
    const minutes = Math.round((endTs - run.startTs) / 60_000);
    const meanProbability = run.probabilities.reduce((sum, p) => sum + p, 0) / run.probabilities.length;
    this.options.raise({
      personId,
      model: 'af-rr',
      title: 'Irregular heart rhythm that looks like atrial fibrillation',
      explanation: `For ${minutes} minutes without a break (${run.probabilities.length} windows of ${rrMs.length} beats). ${result.explanation}`,
      score: meanProbability,
      ts: endTs,
    });
  }
}
