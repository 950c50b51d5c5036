/**
 * Sleep sessions from a wearable's heart rate and steps, minute by minute. Pure: minutes in,
 * sessions out; the hub hands in the person's minutes from the store and their time zone.
 *
 * A minute looks like sleep when nobody stepped and the heart is slow for this person (at or below
 * the 40th percentile of the span's minutes: a day holds about a third of sleep). The guess is
 * smoothed over a quarter of an hour, so a turn in bed or a single fast beat changes nothing; runs
 * of sleep 30 minutes or less apart are one session, and what lies between them its awake periods.
 * A session of three hours or more is a night's sleep, a shorter one (20 minutes or more) a nap.
 * A session belongs to the night it started in: the local date twelve hours before its start, so
 * falling asleep at 00:30 on the 1st is the night of the 30th. Sessions the household imported
 * from another app win over these guesses wherever the two overlap.
 */

export interface SleepMinute {
  /** Start of the minute, milliseconds since the epoch. */
  readonly t: number;
  /** Mean heart rate in the minute; undefined when the wearable sent none. */
  readonly heartRate: number | undefined;
  /** Steps in the minute; undefined when the wearable counts no steps or sent none. */
  readonly steps: number | undefined;
}

export interface AwakePeriod {
  readonly start: number;
  readonly end: number;
}

export interface SleepSession {
  readonly start: number;
  readonly end: number;
  readonly kind: 'night' | 'nap';
  /** The night it belongs to, as a local date (YYYY-MM-DD). */
  readonly night: string;
  readonly source: 'inferred' | 'imported';
  readonly asleepMinutes: number;
  readonly awake: readonly AwakePeriod[];
  /** Awake periods of five minutes or more. */
  readonly awakenings: number;
  /** Asleep share of the time in bed, 0–1. */
  readonly efficiency: number;
  /**
   * The data begins or ends inside it: the person was asleep before the wearable's first minute,
   * or still is at its last. Its length (and so night or nap) is what was seen so far.
   */
  readonly partial: boolean;
}

export interface ImportedSleep {
  readonly start: number;
  readonly end: number;
}

export interface SleepSessionOptions {
  /** IANA time zone of the household, for the night a session belongs to. */
  readonly timeZone: string;
  readonly imported?: readonly ImportedSleep[];
}

const MINUTE = 60_000;
const SMOOTHING_MINUTES = 15;
const MERGE_GAP_MINUTES = 30;
const MIN_NAP_MINUTES = 20;
const MIN_NIGHT_MINUTES = 180;
const AWAKENING_MINUTES = 5;
const SLOW_HEART_PERCENTILE = 0.4;

export function sleepSessions(minutes: readonly SleepMinute[], options: SleepSessionOptions): SleepSession[] {
  const sorted = [...minutes].sort((a, b) => a.t - b.t);
  const beats = sorted.map((m) => m.heartRate).filter((hr): hr is number => hr !== undefined);
  if (beats.length === 0) return importedOnly(options);
  const slow = percentile(beats, SLOW_HEART_PERCENTILE);

  const raw = sorted.map((m) => m.heartRate !== undefined && m.heartRate <= slow && (m.steps ?? 0) === 0);
  const smoothed = majority(raw, sorted, SMOOTHING_MINUTES);
  const runs = mergeRuns(sleepRuns(sorted, smoothed), MERGE_GAP_MINUTES * MINUTE);

  const imported = options.imported ?? [];
  const inferred = runs
    .filter((run) => run.end - run.start >= MIN_NAP_MINUTES * MINUTE)
    .filter((run) => !imported.some((other) => other.start < run.end && run.start < other.end))
    .map((run) => describe(run, sorted, raw, options.timeZone));
  return [...inferred, ...importedOnly(options)].sort((a, b) => a.start - b.start);
}

function importedOnly(options: SleepSessionOptions): SleepSession[] {
  return (options.imported ?? []).map((session) => {
    const minutes = (session.end - session.start) / MINUTE;
    return {
      start: session.start,
      end: session.end,
      kind: minutes >= MIN_NIGHT_MINUTES ? 'night' : 'nap',
      night: nightOf(session.start, options.timeZone),
      source: 'imported',
      asleepMinutes: minutes,
      awake: [],
      awakenings: 0,
      efficiency: 1,
      partial: false,
    };
  });
}

interface Run {
  readonly start: number;
  readonly end: number;
}

/** Runs of minutes marked asleep, broken where minutes are missing for longer than the merge gap. */
function sleepRuns(minutes: readonly SleepMinute[], asleep: readonly boolean[]): Run[] {
  const runs: Run[] = [];
  let start: number | undefined;
  let last = 0;
  minutes.forEach((minute, i) => {
    const gap = start !== undefined && minute.t - last > MERGE_GAP_MINUTES * MINUTE;
    if (start !== undefined && (gap || asleep[i] !== true)) {
      runs.push({ start, end: last + MINUTE });
      start = undefined;
    }
    if (asleep[i] === true) {
      start ??= minute.t;
      last = minute.t;
    }
  });
  if (start !== undefined) runs.push({ start, end: last + MINUTE });
  return runs;
}

function mergeRuns(runs: readonly Run[], gapMs: number): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && run.start - previous.end <= gapMs) merged[merged.length - 1] = { start: previous.start, end: run.end };
    else merged.push(run);
  }
  return merged;
}

function describe(run: Run, minutes: readonly SleepMinute[], raw: readonly boolean[], timeZone: string): SleepSession {
  const awake: AwakePeriod[] = [];
  let asleepMinutes = 0;
  let awakeStart: number | undefined;
  let covered = run.start;
  minutes.forEach((minute, i) => {
    if (minute.t < run.start || minute.t >= run.end) return;
    // Minutes the wearable sent nothing for are neither sleep nor wake: they end an awake period.
    if (minute.t - covered > MINUTE && awakeStart !== undefined) {
      awake.push({ start: awakeStart, end: covered });
      awakeStart = undefined;
    }
    covered = minute.t + MINUTE;
    if (raw[i] === true) {
      asleepMinutes++;
      if (awakeStart !== undefined) awake.push({ start: awakeStart, end: minute.t });
      awakeStart = undefined;
    } else awakeStart ??= minute.t;
  });
  if (awakeStart !== undefined) awake.push({ start: awakeStart, end: covered });
  const inBed = (run.end - run.start) / MINUTE;
  return {
    start: run.start,
    end: run.end,
    kind: inBed >= MIN_NIGHT_MINUTES ? 'night' : 'nap',
    night: nightOf(run.start, timeZone),
    source: 'inferred',
    asleepMinutes,
    awake,
    awakenings: awake.filter((period) => period.end - period.start >= AWAKENING_MINUTES * MINUTE).length,
    efficiency: inBed > 0 ? asleepMinutes / inBed : 0,
    partial: run.start - (minutes[0]?.t ?? run.start) < SMOOTHING_MINUTES * MINUTE || (minutes[minutes.length - 1]?.t ?? run.end) + MINUTE - run.end < SMOOTHING_MINUTES * MINUTE,
  };
}

/** Each minute takes the majority of the minutes within `window` minutes around it (by time, not index). */
function majority(values: readonly boolean[], minutes: readonly SleepMinute[], window: number): boolean[] {
  const half = (window * MINUTE) / 2;
  const out: boolean[] = [];
  let lo = 0;
  let hi = 0;
  let yes = 0;
  for (let i = 0; i < minutes.length; i++) {
    const t = (minutes[i] as SleepMinute).t;
    while (hi < minutes.length && (minutes[hi] as SleepMinute).t <= t + half) if (values[hi++] === true) yes++;
    while ((minutes[lo] as SleepMinute).t < t - half) if (values[lo++] === true) yes--;
    out.push(yes * 2 > hi - lo);
  }
  return out;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

/** The local date twelve hours before `t`: an evening and the small hours after it are one night. */
export function nightOf(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(t - 12 * 3_600_000));
}
