/** Medicines in words: a dose's state, a week's adherence, the times a person types. */
import type { DoseAnswer, MedicinesDayAnswer } from '../../../../hub/api/contract/medicines.js';

export function doseStateText(dose: Pick<DoseAnswer, 'state'>, takenAt: string | undefined): string {
  switch (dose.state) {
    case 'upcoming':
      return 'to come';
    case 'due':
      return 'due now';
    case 'taken':
      return takenAt === undefined ? 'taken' : `taken at ${takenAt}`;
    case 'late':
      return takenAt === undefined ? 'taken late' : `taken late, at ${takenAt}`;
    case 'skipped':
      return 'skipped';
    case 'missed':
      return 'missed';
  }
}

/** "This week: 3 of 5 doses taken (60 %); 1 late, 1 skipped, 1 missed." */
export function adherenceText(week: MedicinesDayAnswer['week']): string {
  if (week.scheduled === 0 || week.share === null) return 'This week: no dose was due yet.';
  const taken = week.taken + week.late;
  const parts = [week.late > 0 ? `${week.late} late` : '', week.skipped > 0 ? `${week.skipped} skipped` : '', week.missed > 0 ? `${week.missed} missed` : ''].filter((p) => p !== '');
  return `This week: ${taken} of ${week.scheduled} ${week.scheduled === 1 ? 'dose' : 'doses'} taken (${Math.round(week.share * 100)} %)${parts.length === 0 ? '' : `; ${parts.join(', ')}`}.`;
}

/** "8:00, 20:00" or "08:00 20:00" as the hub's HH:MM times; undefined names what is not a time. */
export function parseTimes(typed: string): { readonly times: readonly string[] } | { readonly wrong: string } {
  const words = typed.split(/[\s,;]+/).filter((w) => w !== '');
  const times: string[] = [];
  for (const word of words) {
    const match = /^(\d{1,2})[:.h]?(\d{2})$/.exec(word);
    const hours = Number(match?.[1]);
    const minutes = Number(match?.[2]);
    if (match === null || hours > 23 || minutes > 59) return { wrong: word };
    times.push(`${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`);
  }
  return { times };
}

/** Whether a dose can be recorded now: from two hours before its time and up to seven days after, as the hub allows. */
export function recordable(dose: Pick<DoseAnswer, 'state' | 'due'>, now: number): boolean {
  if (dose.due < now - 7 * 24 * 3_600_000) return false;
  return dose.state === 'due' || dose.state === 'missed' || (dose.state === 'upcoming' && dose.due - now <= 2 * 3_600_000);
}
