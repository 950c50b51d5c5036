/**
 * What the store and SleepOracle hold of a person's local day, gathered for the goals: the steps
 * counted, the night that began that evening and how long the strap was on through it, when
 * blood pressure was measured, the weighings of the day with the two weeks' averages to it, and
 * the water drunk as the journal has it.
 */
import type { SleepView } from '../../services/sleep-service.js';
import type { StoreQuery } from '../../store/index.js';
import type { DayFacts } from './goal-templates.js';
import { datePlusDays, localDayBounds, localMinuteOfDay } from '../../../core/local-day.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A day in minute buckets, with room for a 25-hour one. */
const DAY_POINTS = 25 * 60;
/** Blood-pressure readings worth looking at in one day. */
const MAX_BP_READINGS = 500;
/** Weighings worth looking at in a fortnight. */
const MAX_WEIGHINGS = 500;

export function dayFacts(query: StoreQuery, sleep: SleepView | undefined, personId: string, date: string, timeZone: string): DayFacts {
  const { start, end } = localDayBounds(date, timeZone);
  const steps = query.querySeries({ metric: 'steps', personId, from: start, to: end, maxPoints: DAY_POINTS });
  const stepCount = steps.points.length === 0 ? undefined : steps.points.reduce((sum, p) => sum + p.value * p.count, 0);
  // The night named by the date began between its noon and the next day's; one still going on (or cut short) is no night yet.
  const night = sleep?.sessions(personId, start, end + 12 * HOUR).find((s) => s.kind === 'night' && s.night === date && !s.partial);
  const bp = query.querySeries({ metric: 'bp_systolic', personId, from: start, to: end, maxPoints: MAX_BP_READINGS });
  const weight = weightFacts(query, personId, date, timeZone, start, end);
  const water = query.querySeries({ metric: 'water_intake', personId, from: start, to: end, maxPoints: DAY_POINTS });
  const waterMl = water.points.length === 0 ? undefined : Math.round(water.points.reduce((sum, p) => sum + p.value * p.count, 0));
  return {
    steps: stepCount === undefined ? undefined : Math.round(stepCount),
    night:
      night === undefined
        ? undefined
        : { asleepMinutes: night.asleepMinutes, startMinuteOfDay: localMinuteOfDay(night.start, timeZone), strapMinutes: strapMinutes(query, personId, night.start, night.end) },
    bloodPressureMinutes: bp.points.map((p) => localMinuteOfDay(p.ts, timeZone)),
    ...(weight === undefined ? {} : { weight }),
    ...(waterMl === undefined ? {} : { waterMl }),
  };
}

/** The mean of the weighings in [from, to), undefined without any. */
function meanWeight(query: StoreQuery, personId: string, from: number, to: number): number | undefined {
  const points = query.querySeries({ metric: 'body_weight', personId, from, to, maxPoints: MAX_WEIGHINGS }).points;
  const count = points.reduce((n, p) => n + p.count, 0);
  return count === 0 ? undefined : points.reduce((sum, p) => sum + p.value * p.count, 0) / count;
}

function weightFacts(query: StoreQuery, personId: string, date: string, timeZone: string, start: number, end: number): DayFacts['weight'] {
  const dayKg = meanWeight(query, personId, start, end);
  if (dayKg === undefined) return undefined;
  const weekStart = localDayBounds(datePlusDays(date, -6), timeZone).start;
  const previousStart = localDayBounds(datePlusDays(date, -13), timeZone).start;
  return { dayKg, weekKg: meanWeight(query, personId, weekStart, end) ?? dayKg, previousWeekKg: meanWeight(query, personId, previousStart, weekStart) };
}

/** Minutes of the night with a chest strap's beats (RR intervals come only from a strap worn). */
function strapMinutes(query: StoreQuery, personId: string, from: number, to: number): number {
  // Whole minutes, so that the store's minute buckets are one minute each.
  const start = Math.floor(from / MINUTE) * MINUTE;
  const minutes = Math.ceil((to - start) / MINUTE) + 2;
  const rr = query.querySeries({ metric: 'rr_interval', personId, from: start, to, maxPoints: minutes });
  return new Set(rr.points.map((p) => Math.floor(p.ts / MINUTE))).size;
}
