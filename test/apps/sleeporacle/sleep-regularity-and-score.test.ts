import t from 'tap';
import { SeededRandom } from '../../../core/seeded-random.js';
import { sleepRegularity } from '../../../hub/apps/sleeporacle/sleep-regularity.js';
import { sleepScore } from '../../../hub/apps/sleeporacle/sleep-score.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2026, 10, 1);

/** Nights of 8 h starting at 23:00 plus `shift(day)` hours, from the evening before the first day. */
function nights(count: number, shift: (day: number) => number) {
  return Array.from({ length: count + 1 }, (_, index) => {
    const day = index - 1;
    const start = FROM + day * DAY + (23 + shift(day)) * HOUR;
    return { start, end: start + 8 * HOUR };
  });
}
const wornThroughout = (days: number) => [{ start: FROM, end: FROM + days * DAY }];

t.test('the same bedtime every night is a regularity of 100', async (t) => {
  const result = sleepRegularity(nights(14, () => 0), { from: FROM, to: FROM + 14 * DAY, covered: wornThroughout(14) });
  t.equal(result.index, 100);
  t.equal(result.pairs, 13 * 1440);
});

t.test('bedtime alternating by four hours: 2 of 3 of each day agree, an index of about 33', async (t) => {
  // Day pairs differ for 4 h at bedtime and 4 h at waking: 8 of 24 h disagree, 16 agree.
  const result = sleepRegularity(nights(14, (day) => (Math.abs(day) % 2 === 0 ? 0 : 4)), { from: FROM, to: FROM + 14 * DAY, covered: wornThroughout(14) });
  t.ok(result.index !== undefined && Math.abs(result.index - (200 * (16 / 24) - 100)) < 1, `about 33 (${result.index?.toFixed(2)})`);
});

t.test('sleep at random hours scores near 0', async (t) => {
  const random = new SeededRandom(3);
  const result = sleepRegularity(nights(28, () => random.next() * 24 - 12), { from: FROM, to: FROM + 28 * DAY, covered: wornThroughout(28) });
  t.ok(result.index !== undefined && result.index < 40, `well below a regular sleeper (${result.index?.toFixed(1)})`);
});

t.test('minutes without the wearable are left out, and too few pairs give no index', async (t) => {
  const covered = [{ start: FROM, end: FROM + 3 * DAY }];
  const result = sleepRegularity(nights(14, () => 0), { from: FROM, to: FROM + 14 * DAY, covered });
  t.equal(result.pairs, 2 * 1440);
  t.equal(result.index, undefined, 'two days of pairs are not enough');
});

t.test('the sleep score: parts shown, weights carrying what is missing', async (t) => {
  const full = sleepScore({ asleepMinutes: 8 * 60, awakenings: 1, regularityIndex: 80, restingHeartRate: 58, baselineRestingHeartRate: 52 });
  t.same(
    full.parts.map((p) => [p.name, Math.round(p.score), p.detail]),
    [
      ['duration', 100, '8 h 0 min asleep'],
      ['awakenings', 100, '1 awakening'],
      ['regularity', 80, 'sleep regularity 80 of 100'],
      ['resting_heart_rate', 40, 'resting heart rate 6 bpm above your baseline'],
    ],
  );
  t.equal(full.score, Math.round((100 * 40 + 100 * 20 + 80 * 20 + 40 * 20) / 100));

  const short = sleepScore({ asleepMinutes: 5.5 * 60, awakenings: 3, regularityIndex: undefined, restingHeartRate: undefined, baselineRestingHeartRate: 52 });
  t.same(short.parts.map((p) => p.name), ['duration', 'awakenings'], 'no regularity or resting heart rate part without their data');
  t.equal(short.score, Math.round((50 * 40 + 70 * 20) / 60), '5.5 h is half way to 7 h from 4 h; three awakenings are 30 off');
  t.equal(sleepScore({ asleepMinutes: 13 * 60, awakenings: 0, regularityIndex: -20, restingHeartRate: 50, baselineRestingHeartRate: 52 }).score, Math.round((0 * 40 + 100 * 20 + 0 * 20 + 100 * 20) / 100), 'long sleep and an irregular schedule score nothing');
});
