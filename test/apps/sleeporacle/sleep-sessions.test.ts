import t from 'tap';
import { SeededRandom } from '../../../core/seeded-random.js';
import { nightOf, sleepSessions, type SleepMinute } from '../../../hub/apps/sleeporacle/sleep-sessions.js';
import { listWearablePeople, readWearablePerson } from '../../../hub/inference/wearable-replay.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEARABLE_DIR = `${process.env['HEARTH_SHARED_DATA'] ?? new URL('../../../../../shared/data', import.meta.url).pathname}/wearable-replay`;

interface Schedule {
  /** Hours after each day's midnight (UTC) when sleep starts and ends; the end may pass 24. */
  readonly asleep: readonly (readonly [number, number])[];
  /** Minutes after sleep start when the person is up for a while, and for how long. */
  readonly upAt?: readonly (readonly [number, number])[];
}

/** Minutes of a person who sleeps as the schedule says: a slow, still heart asleep, an ordinary day awake. */
function days(count: number, schedule: Schedule, start = Date.UTC(2026, 10, 1), seed = 7): SleepMinute[] {
  const random = new SeededRandom(seed);
  const minutes: SleepMinute[] = [];
  for (let t = start; t < start + count * DAY; t += MINUTE) {
    const dayStart = start + Math.floor((t - start) / DAY) * DAY;
    const hour = (t - dayStart) / HOUR;
    const asleep = [...schedule.asleep, ...schedule.asleep.map(([a, b]) => [a - 24, b - 24] as const)].some(([from, to]) => hour >= from && hour < to);
    const sleepStart = schedule.asleep.map(([from]) => from).find((from) => hour >= from) ?? schedule.asleep[0]?.[0] ?? 0;
    const intoSleep = ((hour - sleepStart + 24) % 24) * 60;
    const up = asleep && (schedule.upAt ?? []).some(([at, length]) => intoSleep >= at && intoSleep < at + length);
    if (asleep && !up) minutes.push({ t, heartRate: 52 + random.next() * 6, steps: 0 });
    // Awake: mostly sitting or walking about, with a heart between 62 and 100.
    else minutes.push({ t, heartRate: 62 + random.next() * 38, steps: random.next() < 0.5 ? 0 : Math.round(random.next() * 60) });
  }
  return minutes;
}

t.test('a week of nights from 23:00 to 07:00: seven nights, each of its own date, about 8 h', async (t) => {
  const sessions = sleepSessions(days(7, { asleep: [[23, 31]] }), { timeZone: 'UTC' });
  // The data begins at midnight on the 1st, asleep, and ends at midnight on the 8th, asleep again.
  t.same(
    sessions.filter((s) => s.partial).map((s) => s.night),
    ['2026-10-31', '2026-11-07'],
    'the sleep the data begins and ends in is partial',
  );
  const nights = sessions.filter((s) => !s.partial);
  t.same(
    nights.map((s) => s.night),
    ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'],
  );
  for (const night of nights) {
    t.equal(night.kind, 'night');
    const startHour = new Date(night.start).getUTCHours() + new Date(night.start).getUTCMinutes() / 60;
    t.ok(startHour >= 22.75 || startHour < 0.25, `falls asleep about 23:00 (${new Date(night.start).toISOString()})`);
    t.ok(Math.abs((night.end - night.start) / HOUR - 8) < 0.5, `about 8 h in bed (${((night.end - night.start) / HOUR).toFixed(2)} h)`);
    t.ok(night.efficiency > 0.95, `asleep nearly all of it (${night.efficiency.toFixed(3)})`);
    t.equal(night.source, 'inferred');
  }
  t.equal(nights.filter((s) => s.kind === 'nap').length, 0, 'no naps in an ordinary day');
});

t.test('up for 20 minutes at 3 am: one night with one awakening, not two sessions', async (t) => {
  const sessions = sleepSessions(days(2, { asleep: [[23, 31]], upAt: [[240, 20]] }), { timeZone: 'UTC' }).filter((s) => s.kind === 'night');
  const first = sessions[0];
  t.ok(first !== undefined, 'a night');
  if (first === undefined) return;
  t.equal(first.awakenings, 1);
  const longest = Math.max(...first.awake.map((a) => a.end - a.start)) / MINUTE;
  t.ok(longest >= 18 && longest <= 22, `the awake period is about 20 minutes (${longest})`);
  t.ok(first.efficiency < 0.97 && first.efficiency > 0.9, `efficiency shows it (${first.efficiency.toFixed(3)})`);
});

t.test('an afternoon nap is a nap, apart from the night', async (t) => {
  const sessions = sleepSessions(days(2, { asleep: [[14, 15], [23, 31]] }), { timeZone: 'UTC' }).filter((s) => !s.partial);
  const naps = sessions.filter((s) => s.kind === 'nap');
  t.equal(naps.length, 2, 'a nap each afternoon');
  t.ok(naps.every((nap) => Math.abs((nap.end - nap.start) / MINUTE - 60) < 15), 'each about an hour');
  t.equal(sessions.filter((s) => s.kind === 'night').length, 1, 'and the one whole night between them');
});

t.test('falling asleep after midnight belongs to the night before', async (t) => {
  const sessions = sleepSessions(days(3, { asleep: [[1, 8]] }), { timeZone: 'UTC' }).filter((s) => s.kind === 'night');
  t.same(
    sessions.map((s) => s.night),
    ['2026-10-31', '2026-11-01', '2026-11-02'],
    'asleep at 01:00 on the 1st is the night of 31 October',
  );
});

t.test('the night a session belongs to is the household’s local date, across daylight saving changes', async (t) => {
  // Europe/London: clocks go back at 02:00 BST on 25 October 2026 and forward at 01:00 GMT on 29 March 2026.
  t.equal(nightOf(Date.UTC(2026, 9, 24, 22, 30), 'Europe/London'), '2026-10-24', '23:30 BST on the 24th');
  t.equal(nightOf(Date.UTC(2026, 9, 25, 0, 30), 'Europe/London'), '2026-10-24', '01:30 BST on the 25th, before the change');
  t.equal(nightOf(Date.UTC(2026, 9, 25, 1, 30), 'Europe/London'), '2026-10-24', '01:30 GMT on the 25th, after it');
  t.equal(nightOf(Date.UTC(2026, 2, 28, 23, 30), 'Europe/London'), '2026-03-28', '23:30 GMT on the 28th');
  t.equal(nightOf(Date.UTC(2026, 2, 29, 1, 30), 'Europe/London'), '2026-03-28', '02:30 BST on the 29th');
  t.equal(nightOf(Date.UTC(2026, 10, 30, 23, 30), 'Pacific/Auckland'), '2026-12-01', 'in Auckland 12:30 on 1 December is an afternoon nap of the 1st');
  // A whole night across the October change: 23:00 BST to 07:00 GMT is nine hours.
  const start = Date.UTC(2026, 9, 24, 22, 0);
  const minutes = days(2, { asleep: [[22, 31]] }, Date.UTC(2026, 9, 24, 0, 0));
  const night = sleepSessions(minutes, { timeZone: 'Europe/London' }).find((s) => Math.abs(s.start - start) < 20 * MINUTE);
  t.equal(night?.night, '2026-10-24');
});

t.test('a session the household imported wins over the guess that overlaps it', async (t) => {
  const minutes = days(2, { asleep: [[23, 31]] });
  const imported = { start: Date.UTC(2026, 10, 1, 22, 40), end: Date.UTC(2026, 10, 2, 6, 50) };
  const sessions = sleepSessions(minutes, { timeZone: 'UTC', imported: [imported] });
  const first = sessions.find((s) => s.night === '2026-11-01');
  t.same(first && { source: first.source, start: first.start, end: first.end }, { source: 'imported', ...imported });
  t.equal(sessions.filter((s) => s.night === '2026-11-01').length, 1, 'and the guess for that night is gone');
  t.equal(sessions.find((s) => s.night === '2026-11-02')?.source, 'inferred', 'the next night is still inferred');
});

t.test('nothing from the wearable: no sessions but the imported ones', async (t) => {
  t.same(sleepSessions([], { timeZone: 'UTC' }), []);
  const lost = sleepSessions(
    days(1, { asleep: [[23, 31]] }).map((m) => ({ ...m, heartRate: undefined })),
    { timeZone: 'UTC' },
  );
  t.same(lost, []);
});

t.test('a real smartwatch: most nights found, in the evening or small hours, a plausible length', async (t) => {
  const people = await listWearablePeople(WEARABLE_DIR);
  t.ok(people.length > 0, `wearable recordings in ${WEARABLE_DIR}`);
  const person = await readWearablePerson(WEARABLE_DIR, people[0] ?? '');
  // Two weeks from the start of the recording, as minutes.
  const from = Math.ceil((person.hr[0]?.ts ?? 0) / DAY) * DAY;
  const to = from + 14 * DAY;
  const hr = new Map<number, { sum: number; n: number }>();
  for (const sample of person.hr) {
    if (sample.ts < from || sample.ts >= to) continue;
    const minute = Math.floor(sample.ts / MINUTE) * MINUTE;
    const bucket = hr.get(minute) ?? { sum: 0, n: 0 };
    bucket.sum += sample.bpm;
    bucket.n++;
    hr.set(minute, bucket);
  }
  const steps = new Map(person.steps.map((s) => [Math.floor(s.ts / MINUTE) * MINUTE, s.steps]));
  const minutes: SleepMinute[] = [...hr].map(([minute, bucket]) => ({ t: minute, heartRate: bucket.sum / bucket.n, steps: steps.get(minute) }));
  const nights = sleepSessions(minutes, { timeZone: 'UTC' }).filter((s) => s.kind === 'night');
  t.ok(nights.length >= 10, `at least 10 of 14 nights found (${nights.length})`);
  const plausible = nights.filter((night) => {
    const hour = new Date(night.start).getUTCHours();
    const length = (night.end - night.start) / HOUR;
    return (hour >= 19 || hour < 5) && length >= 3 && length <= 12;
  });
  t.ok(plausible.length >= nights.length * 0.8, `most start between 19:00 and 05:00 and last 3–12 h (${plausible.length} of ${nights.length}: ${nights.map((n) => `${new Date(n.start).toISOString().slice(5, 16)}+${((n.end - n.start) / HOUR).toFixed(1)}h`).join(', ')})`);
});
