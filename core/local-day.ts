/**
 * Local days in a time zone, as a goal is kept: a date's first and last millisecond (23 or 25
 * hours long on the days the clocks change), the date of a moment, and its minute of the day.
 */

const DAY_MS = 86_400_000;

/** Made once per zone: a formatter costs far more to make than to use, and each day judged asks several times. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let made = wallClocks.get(timeZone);
  if (made === undefined) {
    made = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    wallClocks.set(timeZone, made);
  }
  return made;
}

/** How far the zone's wall clock is ahead of UTC at `t`, in ms. */
function offsetAt(t: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
  return wall - Math.floor(t / 1000) * 1000;
}

/** The first instant of `date` (YYYY-MM-DD) in the zone: midnight, or where a zone skips midnight, the moment the clocks jump. */
function midnight(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const asUtc = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1);
  // Twice: the offset at the first guess may be the other side of a change.
  const first = asUtc - offsetAt(asUtc, timeZone);
  let start = asUtc - offsetAt(first, timeZone);
  // A zone whose clocks jump from 23:59 to 01:00 (Santiago, Havana) has no midnight that day: the day starts at the jump.
  for (let step = 0; step < 4 && localDate(start, timeZone) < date; step++) start += 30 * 60_000;
  return start;
}

export function localDate(t: number, timeZone: string): string {
  let made = dates.get(timeZone);
  if (made === undefined) {
    made = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dates.set(timeZone, made);
  }
  return made.format(new Date(t));
}

/** [start, end) of a local date, in ms since the epoch. */
export function localDayBounds(date: string, timeZone: string): { start: number; end: number } {
  const start = midnight(date, timeZone);
  return { start, end: midnight(nextDate(date), timeZone) };
}

/** The wall clock's minute of the day at `t` (03:30 is 210, even on a day the clocks skipped an hour before it). */
export function localMinuteOfDay(t: number, timeZone: string): number {
  const wall = t + offsetAt(t, timeZone);
  return Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}

/** Whether a YYYY-MM-DD names a day of the calendar (2026-02-30 does not). */
export function isCalendarDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && datePlusDays(date, 0) === date;
}

/** The calendar date `days` after `date` (before, when negative). */
export function datePlusDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

export function nextDate(date: string): string {
  return datePlusDays(date, 1);
}

export function previousDate(date: string): string {
  return datePlusDays(date, -1);
}
