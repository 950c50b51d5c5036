import fc from 'fast-check';
import t from 'tap';
import { overnightOxygen, type SpO2Sample } from '../../../hub/apps/sleeporacle/overnight-oxygen.js';
import { assertProperty } from '../../helpers/property-seed.js';

const NIGHT = Date.UTC(2026, 10, 30, 23, 0, 0);
const HOUR = 3_600_000;

/** One sample a second from `from` for `seconds`, each value from `at(secondIndex)`; undefined is no sample. */
function night(seconds: number, at: (second: number) => number | undefined, from = NIGHT, stepMs = 1000): SpO2Sample[] {
  const samples: SpO2Sample[] = [];
  for (let i = 0; i * (stepMs / 1000) < seconds; i++) {
    const second = (i * stepMs) / 1000;
    const value = at(second);
    if (value !== undefined) samples.push({ t: from + second * 1000, value });
  }
  return samples;
}

/** Dips of `depth` below 96 % lasting `length` seconds, one every ten minutes, starting at minute 5. */
function dips(depth: number, length: number) {
  return (second: number): number => {
    const intoCycle = (second - 300) % 600;
    return second >= 300 && intoCycle >= 0 && intoCycle < length ? 96 - depth : 96;
  };
}

t.test('a steady night: no events, no time below 90 %, the whole window valid', async (t) => {
  const result = overnightOxygen(night(2 * 3600, () => 96), { from: NIGHT, to: NIGHT + 2 * HOUR });
  t.equal(result.odi3, 0);
  t.equal(result.odi4, 0);
  t.equal(result.t90Minutes, 0);
  t.equal(result.lowest, 96);
  t.equal(result.mean, 96);
  // 7200 samples a second apart span 7199 s.
  t.equal(result.validMinutes, 7199 / 60);
  t.equal(result.artefacts, 0);
});

t.test('twelve dips of 4 % for 20 s in two hours: ODI 6 per hour at 3 % and at 4 %', async (t) => {
  const result = overnightOxygen(night(2 * 3600, dips(4, 20)), { from: NIGHT, to: NIGHT + 2 * HOUR });
  t.equal(result.events3.length, 12);
  t.equal(result.events4.length, 12);
  t.equal(result.odi4?.toFixed(2), (12 / (7199 / 3600)).toFixed(2));
  const first = result.events4[0];
  t.same(first && { start: first.start - NIGHT, end: first.end - NIGHT, baseline: first.baseline, nadir: first.nadir }, { start: 300_000, end: 320_000, baseline: 96, nadir: 92 }, 'the first event: from the fall at 5 min to the recovery 20 s later, from a 96 % baseline to 92 %');
});

t.test('dips of 3 % count at 3 % and not at 4 %', async (t) => {
  const result = overnightOxygen(night(2 * 3600, dips(3, 20)), { from: NIGHT, to: NIGHT + 2 * HOUR });
  t.equal(result.events3.length, 12);
  t.equal(result.events4.length, 0);
});

t.test('a dip of 9 s is no event; one of 10 s is', async (t) => {
  t.equal(overnightOxygen(night(2 * 3600, dips(5, 9)), { from: NIGHT, to: NIGHT + 2 * HOUR }).events3.length, 0);
  t.equal(overnightOxygen(night(2 * 3600, dips(5, 10)), { from: NIGHT, to: NIGHT + 2 * HOUR }).events3.length, 12);
});

t.test('half an hour at 88 % is 30 minutes of T90, a quarter of two hours', async (t) => {
  const result = overnightOxygen(
    night(2 * 3600, (s) => (s >= 3600 && s < 5400 ? 88 : 95)),
    { from: NIGHT, to: NIGHT + 2 * HOUR },
  );
  t.equal(result.t90Minutes, 30);
  t.equal(result.t90Share.toFixed(3), (30 / (7199 / 60)).toFixed(3));
  t.equal(result.lowest, 88);
  t.equal(result.events3.length, 1, 'the fall itself is one event');
  t.equal(result.t88Minutes, 0, 'at 88 % exactly, not below it');
});

t.test('three stretches of two minutes at 86 % add up to six minutes below 88 %, over the line of five', async (t) => {
  const low = (s: number): boolean => [1800, 3600, 5400].some((start) => s >= start && s < start + 120);
  const result = overnightOxygen(night(2 * 3600, (s) => (low(s) ? 86 : 95)), { from: NIGHT, to: NIGHT + 2 * HOUR });
  t.equal(result.t88Minutes, 6);
  t.equal(result.t90Minutes, 6);
  t.equal(result.lowest, 86);
});

t.test('a finger out of the clip for 20 minutes is left out of the recording and of the index', async (t) => {
  const samples = night(3 * 3600, (s) => (s >= 3600 && s < 4800 ? undefined : dips(4, 20)(s)));
  const result = overnightOxygen(samples, { from: NIGHT, to: NIGHT + 3 * HOUR });
  t.ok(Math.abs(result.validMinutes - 160) < 0.1, `160 minutes valid (${result.validMinutes})`);
  t.ok(Math.abs(result.excludedMinutes - 20) < 0.1, `20 minutes excluded (${result.excludedMinutes})`);
  // Dips at minutes 5, 15, … 175: the two at minutes 65 and 75 fell in the gap.
  t.equal(result.events4.length, 16);
  t.equal(result.odi4?.toFixed(2), (16 / (result.validMinutes / 60)).toFixed(2));
});

t.test('a one-sample spike (motion) is an artefact: no event, not the lowest value', async (t) => {
  const result = overnightOxygen(
    night(2 * 3600, (s) => (s === 1800 ? 70 : s === 3600 ? 88 : 96)),
    { from: NIGHT, to: NIGHT + 2 * HOUR },
  );
  t.equal(result.artefacts, 2);
  t.equal(result.lowest, 96);
  t.equal(result.events3.length, 0);
});

t.test('values no finger gives (0, 127) are artefacts even if they reach the analysis', async (t) => {
  const samples = night(2 * 3600, () => 96);
  samples.splice(100, 1, { t: NIGHT + 100_000, value: 0 }, { t: NIGHT + 100_500, value: 127 });
  const result = overnightOxygen(samples, { from: NIGHT, to: NIGHT + 2 * HOUR });
  t.equal(result.artefacts, 2);
  t.equal(result.lowest, 96);
});

t.test('an oximeter that sends a value every 4 s scores the same dips', async (t) => {
  const result = overnightOxygen(night(2 * 3600, dips(4, 20), NIGHT, 4000), { from: NIGHT, to: NIGHT + 2 * HOUR });
  t.equal(result.events4.length, 12);
});

t.test('under an hour of valid recording gives no index, only what was seen', async (t) => {
  const result = overnightOxygen(night(50 * 60, dips(4, 20)), { from: NIGHT, to: NIGHT + HOUR });
  t.equal(result.odi3, undefined);
  t.equal(result.odi4, undefined);
  t.ok(result.events3.length > 0, 'the events are still listed');
});

t.test('samples outside the night are not counted', async (t) => {
  const result = overnightOxygen(night(4 * 3600, (s) => (s < 3600 ? 85 : 96)), { from: NIGHT + HOUR, to: NIGHT + 3 * HOUR });
  t.equal(result.t90Minutes, 0);
  t.equal(result.lowest, 96);
});

t.test('any night: 4 % events are no more than 3 % ones, T90 within the valid time, valid within the window', async (t) => {
  const sample = fc.record({ gapMs: fc.integer({ min: 500, max: 30_000 }), value: fc.integer({ min: 40, max: 110 }) });
  assertProperty(
    t,
    fc.property(fc.array(sample, { minLength: 0, maxLength: 600 }), (steps) => {
      let at = NIGHT;
      const samples = steps.map((step) => ({ t: (at += step.gapMs), value: step.value }));
      const to = at + 1000;
      const result = overnightOxygen(samples, { from: NIGHT, to });
      return (
        result.events4.length <= result.events3.length &&
        result.t90Minutes <= result.validMinutes + 1e-9 &&
        result.validMinutes <= (to - NIGHT) / 60_000 + 1e-9 &&
        (result.lowest === undefined || (result.lowest >= 50 && result.lowest <= 100)) &&
        result.events3.every((event) => event.end - event.start >= 10_000 && event.nadir <= event.baseline - 3)
      );
    }),
  );
});
