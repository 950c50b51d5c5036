import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import type { Reading } from '../../../core/reading.js';
import { dayFacts } from '../../../hub/apps/healthquest/day-facts.js';
import type { NightSummary } from '../../../hub/apps/sleeporacle/night-summary.js';
import type { SleepView } from '../../../hub/services/sleep-service.js';
import { Store } from '../../../hub/store/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A night of SleepOracle's, as its view hands it out. */
function night(start: number, end: number, date: string, partial = false): NightSummary {
  return {
    personId: 'alex',
    start,
    end,
    kind: 'night',
    night: date,
    source: 'inferred',
    partial,
    asleepMinutes: (end - start) / MINUTE - 20,
    awake: [],
    awakenings: 1,
    efficiency: 0.95,
    restingHeartRate: 55,
    oxygen: null,
    score: { score: 80, parts: [] },
  };
}

/** A real store in a directory of its own, stopped and removed after the test. */
async function storeFor(t: Test): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-day-facts-'));
  const store = new Store({ path: join(dir, 'hearth.db') });
  await store.start();
  t.teardown(async () => {
    await store.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

t.test('what a day of a goal is judged on, read from a real store', async (t) => {
  const store = await storeFor(t);
  const write = (metric: Reading['metric'], value: number, ts: number, deviceId = 'ble:strap'): void =>
    store.writer.write({ metric, value, unit: metric === 'rr_interval' ? 'ms' : metric === 'steps' ? 'steps' : 'mmHg', ts, deviceId, personId: 'alex', tsSource: 'device' });

  // 1 December in London (GMT): steps through the day, blood pressure at 07:40 and 19:05.
  const day = Date.UTC(2026, 11, 1);
  for (let i = 0; i < 100; i++) write('steps', 90, day + 8 * HOUR + i * 5 * MINUTE);
  write('bp_systolic', 128, day + 7 * HOUR + 40 * MINUTE, 'ble:cuff');
  write('bp_systolic', 131, day + 19 * HOUR + 5 * MINUTE, 'ble:cuff');
  // Asleep at 00:40 on the 2nd, 30 s past the minute, the strap on for the first five hours: a beat a second.
  const asleep = Date.UTC(2026, 11, 2, 0, 40, 30);
  for (let s = 0; s < 5 * 3600; s++) write('rr_interval', 1000, asleep + s * 1000);
  if (!store.writer.flush()) throw new Error('the readings could not be stored');

  const sleep = (nights: NightSummary[]): SleepView => ({ sessions: (_person, from, to) => nights.filter((n) => n.start >= from && n.start < to) });
  const facts = dayFacts(store.query, sleep([night(asleep, asleep + 7 * HOUR, '2026-12-01')]), 'alex', '2026-12-01', 'Europe/London');
  t.equal(facts.steps, 9000, 'the day’s steps added up');
  t.same(facts.bloodPressureMinutes, [7 * 60 + 40, 19 * 60 + 5], 'when blood pressure was measured, in local minutes');
  t.ok(facts.night !== undefined, 'a night that began after midnight still belongs to the evening before');
  t.equal(facts.night?.startMinuteOfDay, 40, 'asleep at 00:40');
  t.ok(Math.abs((facts.night?.strapMinutes ?? 0) - 300) <= 1, `the strap on for five hours of it, counted in whole minutes (${facts.night?.strapMinutes})`);

  const going = dayFacts(store.query, sleep([night(asleep, asleep + 3 * HOUR, '2026-12-01', true)]), 'alex', '2026-12-01', 'Europe/London');
  t.equal(going.night, undefined, 'a night still going on (or cut short) is no night to judge yet');
  const other = dayFacts(store.query, sleep([night(asleep, asleep + 7 * HOUR, '2026-12-01')]), 'alex', '2026-12-02', 'Europe/London');
  t.equal(other.night, undefined, 'nor does it count for the next date');
  t.equal(other.steps, undefined, 'a day without a step counter has no steps, not zero');
  t.equal(facts.weight, undefined, 'a day without a weighing has no weight');
});

t.test('a weighing day: its mean, and the averages of its week and of the week before', async (t) => {
  const store = await storeFor(t);
  const weigh = (date: number, kg: number): void => store.writer.write({ metric: 'body_weight', value: kg, unit: 'kg', ts: date, deviceId: 'ble:scale', personId: 'alex', tsSource: 'device' });
  const DAY = 24 * HOUR;
  const day = Date.UTC(2026, 11, 10);
  // For the 10th of December: its week is the 4th to the 10th (81.2, 81.0, and 80.6 and 80.8 on the day),
  // the week before the 27th of November to the 3rd (82, 81.6); the 26th (83) is in neither.
  weigh(day - 14 * DAY + 8 * HOUR, 83);
  weigh(day - 13 * DAY + 8 * HOUR, 82);
  weigh(day - 8 * DAY + 8 * HOUR, 81.6);
  weigh(day - 6 * DAY + 8 * HOUR, 81.2);
  weigh(day - 3 * DAY + 8 * HOUR, 81.0);
  weigh(day + 7 * HOUR, 80.6);
  weigh(day + 21 * HOUR, 80.8);
  if (!store.writer.flush()) throw new Error('the weighings could not be stored');
  const facts = dayFacts(store.query, undefined, 'alex', '2026-12-10', 'Europe/London');
  t.ok(facts.weight !== undefined);
  t.ok(Math.abs((facts.weight?.dayKg ?? 0) - 80.7) < 1e-9, 'the day: the mean of its two weighings');
  t.ok(Math.abs((facts.weight?.weekKg ?? 0) - (81.2 + 81.0 + 80.6 + 80.8) / 4) < 1e-9, 'its week: the 4th to the 10th');
  t.ok(Math.abs((facts.weight?.previousWeekKg ?? 0) - (82 + 81.6) / 2) < 1e-9, 'the week before: the 27th to the 3rd, without the 26th');
});
