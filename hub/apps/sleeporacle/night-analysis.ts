/**
 * A person's sleep over a span, from what the store holds: minute heart rate and steps for the
 * sessions, the oximeter's samples inside each session for its oxygen, the nights before it for
 * the resting heart rate baseline and the regularity, all put together into NightSummary rows.
 */
import { median } from '../../inference/stats.js';
import type { SeriesPoint, StoreQuery } from '../../store/index.js';
import type { NightOxygen, NightSummary } from './night-summary.js';
import { overnightOxygen } from './overnight-oxygen.js';
import { sleepRegularity } from './sleep-regularity.js';
import { sleepScore } from './sleep-score.js';
import { sleepSessions, type ImportedSleep, type SleepMinute, type SleepSession } from './sleep-sessions.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** An oximeter at 1 Hz through a long night. */
const MAX_NIGHT_SAMPLES = 16 * 3600;
const RESTING_WINDOW_MINUTES = 10;
const REGULARITY_DAYS = 14;
/** Within what one store query reads at minute resolution (SOURCE_ROW_BUDGET minutes). */
const CHUNK_MS = 7 * DAY;

export interface NightAnalysisRequest {
  readonly personId: string;
  readonly from: number;
  readonly to: number;
  readonly timeZone: string;
  readonly imported?: readonly ImportedSleep[];
  /** Nights already analysed before `from`, for the baseline and the regularity. */
  readonly earlier: readonly NightSummary[];
}

export function analyseNights(query: StoreQuery, request: NightAnalysisRequest): NightSummary[] {
  const minutes = personMinutes(query, request.personId, request.from, request.to);
  const sessions = sleepSessions(minutes, { timeZone: request.timeZone, ...(request.imported === undefined ? {} : { imported: request.imported }) });
  const baselineNights = request.earlier.filter((night) => night.kind === 'night' && night.restingHeartRate !== null && !night.partial);
  const restingNights = baselineNights.slice(-REGULARITY_DAYS).map((night) => night.restingHeartRate as number);
  const baseline = restingNights.length > 0 ? median(restingNights) : undefined;
  const regularityFrom = request.to - REGULARITY_DAYS * DAY;
  const everyone = [...request.earlier.filter((night) => night.start >= regularityFrom), ...sessions];
  const regularity = sleepRegularity(everyone, {
    from: Math.floor(regularityFrom / MINUTE) * MINUTE,
    to: Math.floor(request.to / MINUTE) * MINUTE,
    covered: coveredSpans(minutesInChunks(query, request.personId, regularityFrom, request.to)),
  });

  return sessions.map((session): NightSummary => {
    const resting = restingHeartRate(minutes, session);
    const oxygen = session.kind === 'night' ? nightOxygen(query, request.personId, session) : null;
    return {
      ...session,
      personId: request.personId,
      restingHeartRate: resting ?? null,
      oxygen,
      score: sleepScore({
        asleepMinutes: session.asleepMinutes,
        awakenings: session.awakenings,
        regularityIndex: regularity.index,
        restingHeartRate: resting,
        baselineRestingHeartRate: baseline,
      }),
    };
  });
}

/**
 * Two weeks of minutes are more than one store query answers at minute resolution (it would
 * hand back hours, and hours cover only a minute each): read them a week at a time.
 */
function minutesInChunks(query: StoreQuery, personId: string, from: number, to: number): SleepMinute[] {
  const minutes: SleepMinute[] = [];
  for (let start = from; start < to; start += CHUNK_MS) minutes.push(...personMinutes(query, personId, start, Math.min(to, start + CHUNK_MS)));
  return minutes;
}

/**
 * Minute heart rate and steps of a person, from the minute rollups: the heart rate of a strap or
 * watch, and where there is none that minute, the pulse rate of an oximeter worn through the night.
 */
export function personMinutes(query: StoreQuery, personId: string, from: number, to: number): SleepMinute[] {
  const start = Math.floor(from / MINUTE) * MINUTE;
  const count = Math.ceil((to - start) / MINUTE);
  const heart = query.querySeries({ metric: 'heart_rate', personId, from: start, to, maxPoints: count + 1 });
  const pulse = query.querySeries({ metric: 'pulse_rate', personId, from: start, to, maxPoints: count + 1 });
  const steps = query.querySeries({ metric: 'steps', personId, from: start, to, maxPoints: count + 1 });
  const stepsByMinute = new Map<number, number>();
  for (const point of steps.points) {
    const minute = Math.floor(point.ts / MINUTE) * MINUTE;
    stepsByMinute.set(minute, (stepsByMinute.get(minute) ?? 0) + point.value * point.count);
  }
  const heartByMinute = minuteMeans(heart.points);
  for (const [minute, bucket] of minuteMeans(pulse.points)) if (!heartByMinute.has(minute)) heartByMinute.set(minute, bucket);
  const counted = stepsByMinute.size > 0;
  return [...heartByMinute]
    .sort(([a], [b]) => a - b)
    .map(([t, bucket]) => ({ t, heartRate: bucket.sum / bucket.n, steps: counted ? (stepsByMinute.get(t) ?? 0) : undefined }));
}

function minuteMeans(points: readonly SeriesPoint[]): Map<number, { sum: number; n: number }> {
  const byMinute = new Map<number, { sum: number; n: number }>();
  for (const point of points) {
    const minute = Math.floor(point.ts / MINUTE) * MINUTE;
    const bucket = byMinute.get(minute) ?? { sum: 0, n: 0 };
    bucket.sum += point.value * point.count;
    bucket.n += point.count;
    byMinute.set(minute, bucket);
  }
  return byMinute;
}

function nightOxygen(query: StoreQuery, personId: string, session: SleepSession): NightOxygen | null {
  const samples = query.querySeries({ metric: 'spo2', personId, from: session.start, to: session.end, maxPoints: MAX_NIGHT_SAMPLES });
  if (samples.points.length === 0) return null;
  // Coarser points than the readings (a night longer than the budget) lose the dips: say nothing.
  if (samples.resolution !== 'raw' || samples.bucketMs !== null) return null;
  const result = overnightOxygen(
    samples.points.map((p) => ({ t: p.ts, value: p.value })),
    { from: session.start, to: session.end },
  );
  return {
    validMinutes: result.validMinutes,
    excludedMinutes: result.excludedMinutes,
    odi3: result.odi3 ?? null,
    odi4: result.odi4 ?? null,
    t90Minutes: result.t90Minutes,
    t88Minutes: result.t88Minutes,
    lowest: result.lowest ?? null,
    mean: result.mean ?? null,
    events: result.events3,
  };
}

/** The lowest mean of ten consecutive minutes of the session. */
function restingHeartRate(minutes: readonly SleepMinute[], session: SleepSession): number | undefined {
  const inSession = minutes.filter((m) => m.t >= session.start && m.t < session.end && m.heartRate !== undefined).map((m) => m.heartRate as number);
  if (inSession.length < RESTING_WINDOW_MINUTES) return undefined;
  let sum = inSession.slice(0, RESTING_WINDOW_MINUTES).reduce((a, b) => a + b, 0);
  let lowest = sum;
  for (let i = RESTING_WINDOW_MINUTES; i < inSession.length; i++) {
    sum += (inSession[i] as number) - (inSession[i - RESTING_WINDOW_MINUTES] as number);
    lowest = Math.min(lowest, sum);
  }
  return lowest / RESTING_WINDOW_MINUTES;
}

/** Runs of minutes with data, as spans, merged across gaps of a few minutes. */
function coveredSpans(minutes: readonly SleepMinute[]): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const minute of minutes) {
    const last = spans[spans.length - 1];
    if (last !== undefined && minute.t - last.end <= 5 * MINUTE) last.end = minute.t + MINUTE;
    else spans.push({ start: minute.t, end: minute.t + MINUTE });
  }
  return spans;
}
