import t from 'tap';
import { elevationAt, injectElevation } from '../../hub/inference/illness-injection.js';
import { persistentFlags } from '../../hub/inference/persistence-rule.js';
import { HOUR_MS, hourlyRestingHr } from '../../hub/inference/resting-hr.js';
import { baselineHours } from '../../hub/inference/rhr-baseline.js';

const MIN = 60_000;

t.test('resting heart rate counts only minutes after 12 minutes without steps', async (t) => {
  const steps = Array.from({ length: 60 }, (_, m) => ({ ts: m * MIN, steps: m === 20 ? 30 : 0 }));
  // 70 bpm throughout, except 100 bpm in the minutes within 12 minutes after the steps
  const hr = Array.from({ length: 60 * 6 }, (_, i) => {
    const minute = Math.floor(i / 6);
    return { ts: i * 10_000, bpm: minute > 20 && minute <= 32 ? 100 : 70 };
  });
  const hours = hourlyRestingHr(hr, steps);
  t.equal(hours.length, 1);
  t.equal(hours[0]?.bpm, 70, 'minutes after walking are not resting');
  // resting minutes: 12..20 (9 minutes) and 33..59 (27)
  t.equal(hours[0]?.restingMinutes, 36);
});

t.test('minutes the watch reported no steps for are not known to be still', async (t) => {
  const steps = Array.from({ length: 30 }, (_, m) => ({ ts: m * MIN, steps: 0 }));
  const hr = Array.from({ length: 60 }, (_, m) => ({ ts: m * MIN, bpm: 60 }));
  t.equal(hourlyRestingHr(hr, steps)[0]?.restingMinutes, 30 - 12 + 1, 'minutes 12..30 only');
});

t.test('baseline: median and spread of the previous four weeks, leaving out the last day', async (t) => {
  const hours = Array.from({ length: 24 * 10 }, (_, h) => ({ ts: h * HOUR_MS, bpm: h < 24 * 9 ? 60 + (h % 2) * 4 : 80, restingMinutes: 30 }));
  const scored = baselineHours(hours);
  const last = scored[scored.length - 1];
  // history: hours 0..214, 108 at 60 bpm and 107 at 64 bpm; the elevated last day is not in it
  t.equal(last?.baselineBpm, 60, 'median');
  t.equal(last?.spreadBpm, 1.5, 'MAD is 0 here, so the spread floor applies');
  t.equal(last?.z, 20 / 1.5);
  t.equal(scored[0]?.ts, 72 * HOUR_MS, 'no baseline before 48 hours of history (plus the left-out day)');
});

t.test('a single anomalous hour never flags; six within a day do, once', async (t) => {
  const hours = (anomalous: number[]) => Array.from({ length: 24 * 8 }, (_, h) => ({ ts: h * HOUR_MS, score: anomalous.includes(h) ? 2 : 0 }));
  t.same(persistentFlags(hours([30, 60, 90, 120, 150]), 1), [], 'isolated spikes');
  t.same(persistentFlags(hours([30, 31, 40, 45, 50]), 1), [], 'five hours are not enough');
  t.same(persistentFlags(hours([30, 31, 40, 45, 50, 52]), 1), [52 * HOUR_MS]);
  t.same(persistentFlags(hours([30, 40, 50, 54, 55, 56]), 1), [], 'spread over more than a day');
  const long = Array.from({ length: 24 * 5 }, (_, i) => 24 + i);
  t.same(persistentFlags(hours(long), 1), [29 * HOUR_MS, 125 * HOUR_MS], 'a long episode flags again only after the quiet period');
});

t.test('injected elevation rises, holds and falls', async (t) => {
  const e = { onsetTs: 0, peakBpm: 6, riseHours: 24, plateauHours: 72, fallHours: 48 };
  t.equal(elevationAt(e, -1), 0);
  t.equal(elevationAt(e, 12 * HOUR_MS), 3);
  t.equal(elevationAt(e, 50 * HOUR_MS), 6);
  t.equal(elevationAt(e, 120 * HOUR_MS), 3);
  t.equal(elevationAt(e, 144 * HOUR_MS), 0);
  const minutes = new Map([[0, 60], [12 * 60, 60], [200 * 60, 60]]);
  t.same([...injectElevation(minutes, e).values()], [60, 63, 60]);
});
