import t from 'tap';
import { adherence, doseState, dosesOn, dueAt, LATE_AFTER_MS, MISSED_AFTER_MS, type Medicine } from '../../../hub/apps/nutriverse/medicine-schedule.js';

const HOUR = 3_600_000;
const LONDON = 'Europe/London';

t.test('a dose is due at its wall-clock time, on the days the clocks change too', async (t) => {
  t.equal(dueAt('2026-12-02', '08:00', LONDON), Date.UTC(2026, 11, 2, 8), 'winter: London is on UTC');
  t.equal(dueAt('2026-07-01', '08:00', LONDON), Date.UTC(2026, 6, 1, 7), 'summer: an hour ahead');
  // 29 March 2026: at 01:00 the clocks go forward to 02:00.
  t.equal(dueAt('2026-03-29', '08:00', LONDON), Date.UTC(2026, 2, 29, 7), 'the morning the clocks go forward, 08:00 is still 08:00');
  t.equal(dueAt('2026-03-29', '00:30', LONDON), Date.UTC(2026, 2, 29, 0, 30), 'before the change, on UTC');
  // 25 October 2026: at 02:00 the clocks go back to 01:00, so 01:30 comes twice.
  t.equal(dueAt('2026-10-25', '08:00', LONDON), Date.UTC(2026, 9, 25, 8), 'the morning the clocks go back, 08:00 is still 08:00');
  t.equal(dueAt('2026-10-25', '01:30', LONDON), Date.UTC(2026, 9, 25, 0, 30), '01:30 twice: the first of them');
  t.equal(dueAt('2026-12-02', '20:00', 'America/New_York'), Date.UTC(2026, 11, 3, 1), 'another zone');
});

t.test('the doses of a day come from the minute a medicine was written down until it stopped', async (t) => {
  const medicine: Medicine = { id: 'm', personId: 'gran', name: 'x', dose: '', times: ['08:00', '20:00'], important: true, created: Date.UTC(2026, 11, 2, 12), stopped: Date.UTC(2026, 11, 4, 9) };
  t.same(dosesOn(medicine, '2026-12-01', LONDON), [], 'before it was written down: none');
  t.same(dosesOn(medicine, '2026-12-02', LONDON).map((d) => d.time), ['20:00'], 'written down at noon: the evening’s, not a morning’s dose already missed');
  t.same(dosesOn(medicine, '2026-12-03', LONDON).map((d) => d.time), ['08:00', '20:00']);
  const atEight = { ...medicine, created: Date.UTC(2026, 11, 2, 8, 0, 40) };
  t.same(dosesOn(atEight, '2026-12-02', LONDON).map((d) => d.time), ['08:00', '20:00'], 'written down at 08:00 for 08:00, about to be taken: it counts');
  t.same(dosesOn(medicine, '2026-12-04', LONDON).map((d) => d.time), ['08:00'], 'stopped at 09:00: the evening’s is none');
  t.same(dosesOn(medicine, '2026-12-05', LONDON), []);
});

t.test('a dose is upcoming, then due for three hours, then missed; taken over an hour late is late', async (t) => {
  const dose = { medicineId: 'm', date: '2026-12-02', time: '08:00', due: Date.UTC(2026, 11, 2, 8) };
  t.equal(doseState(dose, undefined, dose.due - 1), 'upcoming');
  t.equal(doseState(dose, undefined, dose.due), 'due');
  t.equal(doseState(dose, undefined, dose.due + MISSED_AFTER_MS - 1), 'due');
  t.equal(doseState(dose, undefined, dose.due + MISSED_AFTER_MS), 'missed');
  const taken = (at: number) => ({ medicineId: 'm', date: dose.date, time: dose.time, status: 'taken' as const, at });
  t.equal(doseState(dose, taken(dose.due - HOUR), dose.due), 'taken', 'an hour early with breakfast');
  t.equal(doseState(dose, taken(dose.due + LATE_AFTER_MS), dose.due + 5 * HOUR), 'taken', 'an hour on is still on time');
  t.equal(doseState(dose, taken(dose.due + LATE_AFTER_MS + 1), dose.due + 5 * HOUR), 'late');
  t.equal(doseState(dose, { ...taken(dose.due), status: 'skipped' }, dose.due + 5 * HOUR), 'skipped');
  t.same(adherence(['taken', 'late', 'skipped', 'missed', 'due', 'upcoming']), { scheduled: 5, taken: 1, late: 1, skipped: 1, missed: 1, share: 0.4 }, 'upcoming doses do not count yet');
  t.same(adherence(['upcoming']), { scheduled: 0, taken: 0, late: 0, skipped: 0, missed: 0, share: null }, 'nothing due yet: no share');
});
