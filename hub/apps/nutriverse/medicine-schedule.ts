/**
 * A person's medicines and their doses: the doses a schedule gives on a local day, what state each
 * is in at a moment (upcoming, due, taken, late, skipped, missed), and a week's adherence. Pure.
 */
import { localDate, localDayBounds, localMinuteOfDay } from '../../../core/local-day.js';

export interface Medicine {
  readonly id: string;
  readonly personId: string;
  /** Personal text: never logged, never relayed, and never said aloud by a reminder. */
  readonly name: string;
  /** As the person writes it ("10 mg", "2 puffs"). */
  readonly dose: string;
  /** Local times of day, "HH:MM", in order. */
  readonly times: readonly string[];
  /** A missed dose of an important medicine alerts the person's caregivers. */
  readonly important: boolean;
  readonly created: number;
  /** Stopped at: no doses from then on; the history stays. */
  readonly stopped: number | null;
}

export type DoseRecordStatus = 'taken' | 'skipped';

export interface DoseRecord {
  readonly medicineId: string;
  readonly date: string;
  readonly time: string;
  readonly status: DoseRecordStatus;
  /** When it was taken (or skipped), as the person said. */
  readonly at: number;
}

export type DoseState = 'upcoming' | 'due' | 'taken' | 'late' | 'skipped' | 'missed';

export interface Dose {
  readonly medicineId: string;
  readonly date: string;
  readonly time: string;
  /** The moment it is due, in the household's zone. */
  readonly due: number;
}

/** Taken more than this after its time, a dose was taken late. */
export const LATE_AFTER_MS = 60 * 60_000;
/** Nothing recorded this long after its time, a dose was missed; until then it is due. */
export const MISSED_AFTER_MS = 3 * 60 * 60_000;
export const MAX_TIMES_A_DAY = 8;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTimeOfDay(text: string): boolean {
  return TIME.test(text);
}

function minutesOf(time: string): number {
  const match = TIME.exec(time);
  return match === null ? 0 : Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The moment a local wall-clock time falls on a date. On the night the clocks go back, the first
 * of the two; on the one they go forward, a time that does not exist is taken as the same minutes
 * after the day's start it would have been.
 */
export function dueAt(date: string, time: string, timeZone: string): number {
  const { start } = localDayBounds(date, timeZone);
  const guess = start + minutesOf(time) * 60_000;
  // Across a change of the clocks the wall clock is an hour off the guess: one step corrects it.
  for (const shift of [0, -3_600_000, 3_600_000]) {
    const at = guess + shift;
    if (localDate(at, timeZone) === date && localMinuteOfDay(at, timeZone) === minutesOf(time)) return at;
  }
  return guess;
}

/**
 * The medicine's doses on a local date, from the minute it was written down until it was stopped:
 * one written down at 15:00 for 08:00 starts tomorrow morning, not with a dose already missed; one
 * written down at 08:00 for 08:00 (about to be taken) starts now.
 */
export function dosesOn(medicine: Medicine, date: string, timeZone: string): Dose[] {
  const from = Math.floor(medicine.created / 60_000) * 60_000;
  return medicine.times.flatMap((time) => {
    const due = dueAt(date, time, timeZone);
    if (due < from) return [];
    if (medicine.stopped !== null && due >= medicine.stopped) return [];
    return [{ medicineId: medicine.id, date, time, due }];
  });
}

export function doseState(dose: Dose, record: DoseRecord | undefined, now: number): DoseState {
  if (record?.status === 'skipped') return 'skipped';
  if (record?.status === 'taken') return record.at > dose.due + LATE_AFTER_MS ? 'late' : 'taken';
  if (now < dose.due) return 'upcoming';
  return now < dose.due + MISSED_AFTER_MS ? 'due' : 'missed';
}

export interface Adherence {
  /** Doses due in the week up to now. */
  readonly scheduled: number;
  readonly taken: number;
  readonly late: number;
  readonly skipped: number;
  readonly missed: number;
  /** Taken (on time or late) of those due, 0–1; null when none was due. */
  readonly share: number | null;
}

/** A week's doses in words: only those already due count. */
export function adherence(states: readonly DoseState[]): Adherence {
  const count = (state: DoseState): number => states.filter((s) => s === state).length;
  const taken = count('taken');
  const late = count('late');
  const skipped = count('skipped');
  const missed = count('missed');
  const scheduled = taken + late + skipped + missed + count('due');
  return { scheduled, taken, late, skipped, missed, share: scheduled === 0 ? null : (taken + late) / scheduled };
}
