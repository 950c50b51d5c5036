import { createHmac } from 'node:crypto';

export type PseudonymPeriod = 'day' | 'week' | 'month';

/** The period a day belongs to: the day itself, the Monday that starts its week, or its month. */
export function periodOf(day: string, period: PseudonymPeriod): string {
  if (period === 'day') return day;
  if (period === 'month') return day.slice(0, 7);
  const ms = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - weekday * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A person's id for one period: a keyed hash with the household's secret key. Without the key
 * the ids of two periods look unrelated; with it the household can recompute (and so prove or
 * withdraw) its own contributions.
 */
export function pseudonym(householdKey: Buffer, personId: string, day: string, period: PseudonymPeriod): string {
  return createHmac('sha256', householdKey).update(`hearth-pid/1|${personId}|${periodOf(day, period)}`).digest('hex').slice(0, 32);
}
