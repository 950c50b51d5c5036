/**
 * Each person's medicines: schedules checked and kept, doses recorded as taken or skipped (a
 * `medication_taken` reading for each dose taken), the doses due now for the dashboard's reminder,
 * and every minute the count of missed doses of important medicines as `medicine_missed`, which a
 * default alert rule takes to the person's caregivers.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../core/clock.js';
import { datePlusDays, localDate } from '../../../core/local-day.js';
import type { ReadingsRemovedEvent } from '../../bus/hub-events.js';
import type { DerivedReadings } from '../../ingest/derived-readings.js';
import { JournalError } from '../../services/food-journal-service.js';
import type { DoseView, MedicineDraft, MedicinesDay, MedicinesView } from '../../services/medicines-service.js';
import type { ReadingWriter, StoreQuery } from '../../store/index.js';
import { MAX_TIMES_A_DAY, adherence, doseState, dosesOn, isTimeOfDay, type DoseRecord, type DoseRecordStatus, type DoseState, type Medicine } from './medicine-schedule.js';
import type { MedicineStore } from './medicine-store.js';

/** A dose may be recorded from this long before its time (taken with breakfast a little early). */
const EARLY_MS = 2 * 60 * 60_000;
/** A dose that fell due longer ago than this (the hub was off) is not reminded of any more. */
const REMIND_WITHIN_MS = 10 * 60_000;
/** Doses are recorded up to a week back: what a person remembers. */
const RECORD_DAYS_BACK = 7;
const DAY_MS = 86_400_000;

export interface MedicinesDeps {
  readonly medicines: MedicineStore;
  /** The person's `hub:journal:` readings (doses taken). */
  readonly journalReadings: DerivedReadings;
  /** The person's `hub:inference:` readings (what the hub works out: missed doses). */
  readonly derivedReadings: DerivedReadings;
  readonly writer: Pick<ReadingWriter, 'removeReadings'>;
  readonly query: Pick<StoreQuery, 'querySeries'>;
  readonly clock: Clock;
  readonly timeZone: () => string;
  /** Told of a dose's reading taken back. */
  readonly removed: (event: ReadingsRemovedEvent) => void;
  /** Told of doses falling due, once each, at their time: a person's doses of one time together. */
  readonly due: (reminder: { readonly personId: string; readonly time: string; readonly due: number; readonly count: number }) => void;
}

function checkedDraft(draft: MedicineDraft): MedicineDraft {
  const name = draft.name.trim();
  const dose = draft.dose.trim();
  if (name === '' || name.length > 100) throw new JournalError(400, 'invalid_name', 'a medicine needs a name of at most 100 characters');
  if (dose.length > 50) throw new JournalError(400, 'invalid_dose', 'a dose is at most 50 characters ("10 mg", "2 puffs")');
  const bad = draft.times.find((time) => !isTimeOfDay(time));
  if (bad !== undefined) throw new JournalError(400, 'invalid_time', `"${bad}" is not a time of day: write it as HH:MM, 00:00 to 23:59`);
  const times = [...new Set(draft.times)].sort();
  if (times.length === 0 || times.length > MAX_TIMES_A_DAY) throw new JournalError(400, 'invalid_times', `a medicine is taken from once to ${MAX_TIMES_A_DAY} times a day`);
  return { name, dose, times, important: draft.important };
}

export class Medicines implements MedicinesView {
  /** The `medicine_missed` value last written for each person, so that only a change is written. */
  private readonly missedWritten = new Map<string, number>();
  /** Doses already reminded of ("medicine date time"), so that each is reminded of once. */
  private readonly reminded = new Set<string>();

  constructor(private readonly deps: MedicinesDeps) {}

  day(personId: string, date?: string): MedicinesDay {
    const zone = this.deps.timeZone();
    const now = this.deps.clock.now();
    const today = localDate(now, zone);
    const shown = date ?? today;
    const all = this.deps.medicines.of(personId);
    const weekFrom = datePlusDays(today, -6);
    const records = this.recordsByDose(personId, shown < weekFrom ? shown : weekFrom, shown > today ? shown : today);
    const doses = this.dosesOf(all, [shown], zone, records, now);
    const weekDates = Array.from({ length: 7 }, (_, i) => datePlusDays(weekFrom, i));
    const week = adherence(this.dosesOf(all, weekDates, zone, records, now).map((d) => d.state));
    return { personId, date: shown, medicines: all.filter((m) => m.stopped === null), doses, week: { ...week, from: weekFrom, to: today } };
  }

  add(personId: string, draft: MedicineDraft): Medicine {
    const checked = checkedDraft(draft);
    const medicine: Medicine = { id: randomUUID(), personId, ...checked, created: this.deps.clock.now(), stopped: null };
    this.deps.medicines.add(medicine);
    return medicine;
  }

  /**
   * A new name, dose or flag changes the medicine; new times are a new schedule from now on: the
   * medicine stops and goes on as a new one, so that the doses before keep the times they were
   * due at, and none of today's already past is suddenly missed.
   */
  change(personId: string, id: string, change: Partial<MedicineDraft>): Medicine {
    const medicine = this.taken(personId, id);
    const checked = checkedDraft({ ...medicine, ...change });
    if (checked.times.join(' ') === medicine.times.join(' ')) {
      const changed: Medicine = { ...medicine, ...checked };
      this.deps.medicines.change(changed);
      return changed;
    }
    const now = this.deps.clock.now();
    const next: Medicine = { id: randomUUID(), personId, ...checked, created: now, stopped: null };
    this.deps.medicines.replace(id, now, next);
    return next;
  }

  stop(personId: string, id: string): boolean {
    const medicine = this.deps.medicines.get(id);
    if (medicine === undefined || medicine.personId !== personId || medicine.stopped !== null) return false;
    const stopped = this.deps.medicines.stop(id, this.deps.clock.now());
    this.checkMissed(personId);
    return stopped;
  }

  record(personId: string, id: string, date: string, time: string, status: DoseRecordStatus | null, at: number | undefined): DoseView {
    const medicine = this.deps.medicines.get(id);
    if (medicine === undefined || medicine.personId !== personId) throw new JournalError(404, 'medicine_not_found', 'no such medicine');
    const zone = this.deps.timeZone();
    const now = this.deps.clock.now();
    const dose = dosesOn(medicine, date, zone).find((d) => d.time === time);
    if (dose === undefined) throw new JournalError(400, 'no_such_dose', `${medicine.times.join(', ')} are this medicine's times; none is due at ${time} on ${date}`);
    const when = at ?? now;
    if (when > now) throw new JournalError(400, 'dose_in_future', 'a dose cannot be recorded for later than now');
    if (when < dose.due - EARLY_MS) throw new JournalError(400, 'dose_too_early', 'a dose is recorded from two hours before its time');
    if (dose.due < now - RECORD_DAYS_BACK * DAY_MS) throw new JournalError(400, 'dose_too_old', `doses are recorded up to ${RECORD_DAYS_BACK} days back`);
    const previous = this.deps.medicines.record(id, date, time);
    if (previous?.status === 'taken') this.removeTaken(personId, previous.at);
    if (status === null) this.deps.medicines.clearRecord(id, date, time);
    else {
      const record: DoseRecord = { medicineId: id, date, time, status, at: status === 'taken' ? this.writeTaken(personId, when) : when };
      this.deps.medicines.setRecord(record);
    }
    this.checkMissed(personId);
    const recorded = this.deps.medicines.record(id, date, time);
    return this.view(medicine, dose, recorded, now);
  }

  reminders(personIds: readonly string[]): DoseView[] {
    const zone = this.deps.timeZone();
    const now = this.deps.clock.now();
    const today = localDate(now, zone);
    const dates = [datePlusDays(today, -1), today];
    return personIds.flatMap((personId) => {
      const records = this.recordsByDose(personId, dates[0] ?? today, today);
      return this.dosesOf(this.deps.medicines.of(personId), dates, zone, records, now).filter((d) => d.state === 'due');
    });
  }

  /** Everyone's doses falling due, and missed important doses written where the count changed: the scheduler calls it every minute. */
  checkAll(): void {
    for (const personId of this.deps.medicines.people()) {
      this.remind(personId);
      this.checkMissed(personId);
    }
  }

  /**
   * Reminds of the person's doses that fell due in the last ten minutes and are not recorded yet:
   * a hub that was off at the time does not remind of a dose hours later, the dashboard shows it.
   */
  private remind(personId: string): void {
    const now = this.deps.clock.now();
    const due = this.reminders([personId]).filter((d) => d.due > now - REMIND_WITHIN_MS && !this.reminded.has(`${d.medicineId} ${d.date} ${d.time}`));
    for (const time of new Set(due.map((d) => d.time))) {
      const doses = due.filter((d) => d.time === time);
      for (const d of doses) this.reminded.add(`${d.medicineId} ${d.date} ${d.time}`);
      this.deps.due({ personId, time, due: doses[0]?.due ?? now, count: doses.length });
    }
    // Kept for two days at most: a dose is due for three hours.
    const yesterday = datePlusDays(localDate(now, this.deps.timeZone()), -1);
    for (const key of this.reminded) if ((key.split(' ')[1] ?? '') < yesterday) this.reminded.delete(key);
  }

  /**
   * Missed doses of important medicines in the last day that no later recorded dose of an important
   * medicine has answered: the person has not been heard from since.
   */
  checkMissed(personId: string): void {
    const zone = this.deps.timeZone();
    const now = this.deps.clock.now();
    const today = localDate(now, zone);
    const dates = [datePlusDays(today, -1), today];
    const records = this.recordsByDose(personId, dates[0] ?? today, today);
    // A medicine stopped is no longer expected: its doses alert nobody.
    const doses = this.dosesOf(this.deps.medicines.of(personId).filter((m) => m.important && m.stopped === null), dates, zone, records, now).filter((d) => d.due > now - DAY_MS);
    const answered = Math.max(-Infinity, ...doses.filter((d) => d.at !== null).map((d) => d.due));
    const missed = doses.filter((d) => d.state === 'missed' && d.due > answered).length;
    const written = this.missedWritten.get(personId) ?? this.storedMissed(personId, now);
    if (missed === written) return;
    // Remembered only once taken by the gate: a refused write is tried again on the next minute.
    if (this.deps.derivedReadings.write(personId, [{ metric: 'medicine_missed', value: missed, ts: now }]) === 1) this.missedWritten.set(personId, missed);
  }

  private storedMissed(personId: string, now: number): number {
    const points = this.deps.query.querySeries({ metric: 'medicine_missed', personId, from: now - 2 * DAY_MS, to: now + 1, maxPoints: 10_000 }).points;
    return points.at(-1)?.value ?? 0;
  }

  private taken(personId: string, id: string): Medicine {
    const medicine = this.deps.medicines.get(id);
    if (medicine === undefined || medicine.personId !== personId || medicine.stopped !== null) throw new JournalError(404, 'medicine_not_found', 'no such medicine');
    return medicine;
  }

  /** A reading of the dose taken; two doses taken at the same millisecond each keep one of their own. */
  private writeTaken(personId: string, at: number): number {
    for (let ts = at; ts < at + 1000; ts++) {
      const outcome = this.deps.journalReadings.submit(personId, [{ metric: 'medication_taken', value: 1, ts }], { reasons: true });
      if (outcome.accepted === 1) return ts;
      if (outcome.refused?.[0]?.reason !== 'duplicate') throw new JournalError(400, 'dose_refused', `the dose was not recorded: ${outcome.refused?.[0]?.detail ?? 'the hub refused its reading'}`);
    }
    throw new JournalError(409, 'dose_refused', 'the dose was not recorded: too many doses recorded at that moment');
  }

  private removeTaken(personId: string, at: number): void {
    try {
      this.deps.writer.removeReadings({ deviceId: this.deps.journalReadings.deviceOf(personId), metric: 'medication_taken', personId }, [at]);
    } catch (error) {
      throw new JournalError(503, 'store_unavailable', (error as Error).message);
    }
    this.deps.removed({ personId, metrics: ['medication_taken'], times: [at] });
  }

  private recordsByDose(personId: string, from: string, to: string): Map<string, DoseRecord> {
    return new Map(this.deps.medicines.records(personId, from, to).map((r) => [`${r.medicineId} ${r.date} ${r.time}`, r]));
  }

  private dosesOf(medicines: readonly Medicine[], dates: readonly string[], zone: string, records: ReadonlyMap<string, DoseRecord>, now: number): DoseView[] {
    return dates
      .flatMap((date) => medicines.flatMap((m) => dosesOn(m, date, zone).map((dose) => this.view(m, dose, records.get(`${m.id} ${date} ${dose.time}`), now))))
      .sort((a, b) => a.due - b.due || a.name.localeCompare(b.name));
  }

  /** A dose of a medicine stopped before anything was recorded is missed: it will not be taken now. */
  private stateOf(medicine: Medicine, dose: { date: string; time: string; due: number }, record: DoseRecord | undefined, now: number): DoseState {
    const state = doseState({ medicineId: medicine.id, ...dose }, record, now);
    return state === 'due' && medicine.stopped !== null ? 'missed' : state;
  }

  private view(medicine: Medicine, dose: { date: string; time: string; due: number }, record: DoseRecord | undefined, now: number): DoseView {
    return {
      personId: medicine.personId,
      medicineId: medicine.id,
      name: medicine.name,
      dose: medicine.dose,
      important: medicine.important,
      date: dose.date,
      time: dose.time,
      due: dose.due,
      state: this.stateOf(medicine, dose, record, now),
      at: record?.at ?? null,
    };
  }
}
