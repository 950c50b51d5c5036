import t from 'tap';
import type { SleepSessionAnswer } from '../../hub/api/contract/sleep.js';
import { importUiModules } from './helpers/ui-modules.js';

interface SleepWeek {
  readonly from: number;
  readonly to: number;
  readonly nights: number;
  readonly asleepMinutes: number | undefined;
  readonly score: number | undefined;
  readonly awakenings: number | undefined;
  readonly ahi: number | undefined;
  readonly odi4: number | undefined;
}

interface SleepTrends {
  readonly nightChanges: (night: SleepSessionAnswer, nights: readonly SleepSessionAnswer[]) => string[];
  readonly sleepWeeks: (nights: readonly SleepSessionAnswer[], now: number, weeks: number) => SleepWeek[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 11, 2, 12);

/** A night that ended `daysAgo` days before NOW at 07:00. */
function night(daysAgo: number, figures: { asleep?: number; awakenings?: number; score?: number; ahi?: number | null; restingAbove?: number } = {}): SleepSessionAnswer {
  const end = NOW - daysAgo * DAY - 5 * HOUR;
  const asleep = figures.asleep ?? 450;
  const start = end - asleep * 60_000;
  const above = figures.restingAbove ?? 0;
  return {
    personId: 'alex',
    start,
    end,
    kind: 'night',
    night: new Date(start).toISOString().slice(0, 10),
    source: 'inferred',
    partial: false,
    asleepMinutes: asleep,
    awake: [],
    awakenings: figures.awakenings ?? 1,
    efficiency: 0.95,
    restingHeartRate: 55 + above,
    oxygen: null,
    score: {
      score: figures.score ?? 80,
      parts: [{ name: 'resting_heart_rate', score: 80, weight: 20, detail: above > 0.5 ? `resting heart rate ${above} bpm above your baseline` : 'resting heart rate at or below your baseline' }],
    },
    breathing:
      figures.ahi === undefined
        ? null
        : { start, end, validMinutes: asleep, apneaMinutes: 10, estimatedAhi: figures.ahi, category: figures.ahi === null ? null : figures.ahi >= 30 ? 'severe' : figures.ahi >= 15 ? 'moderate' : figures.ahi >= 5 ? 'mild' : 'normal', model: '1.0.0' },
  };
}

t.test('what a night changed, against the person’s usual nights', async (t) => {
  const { nightChanges } = await importUiModules<SleepTrends>(['apps/sleeporacle/sleep-trends.ts']);
  const usual = [5, 4, 3, 2, 1].map((d) => night(d, { asleep: 450, awakenings: 1, ahi: 8 }));

  const bad = night(0, { asleep: 330, awakenings: 4, ahi: 21, restingAbove: 6 });
  t.same(
    nightChanges(bad, [...usual, bad]),
    ['resting heart rate 6 bpm above your baseline', '2 h 0 min less sleep than your usual 7 h 30 min', '4 awakenings, against your usual 1', 'about 21 breathing events an hour, against your usual 8'],
    'each change in words, with the usual it is measured against',
  );

  const ordinary = night(0, { asleep: 440, awakenings: 2, ahi: 10 });
  t.same(nightChanges(ordinary, [...usual, ordinary]), [], 'a night like the others changed nothing worth saying');

  const early = night(0, { asleep: 200, awakenings: 6 });
  t.same(nightChanges(early, [night(1), night(2), early]), [], 'under three nights before it there is no usual yet');
  // The oldest of a run, with short restless nights after it: against nothing before it, nothing to say.
  const first = night(9, { asleep: 450, awakenings: 1 });
  const after = [8, 7, 6, 5].map((d) => night(d, { asleep: 250, awakenings: 6 }));
  t.same(nightChanges(first, [first, ...after]), [], 'only the nights before it count, not the ones after');
  const later = night(4, { asleep: 450, awakenings: 1 });
  t.same(
    nightChanges(later, [first, ...after, later]),
    ['3 h 20 min more sleep than your usual 4 h 10 min'],
    'a night is measured against the usual of the nights before it',
  );
});

t.test('sleep week by week, the newest first, a week without nights kept empty', async (t) => {
  const { sleepWeeks } = await importUiModules<SleepTrends>(['apps/sleeporacle/sleep-trends.ts']);
  const nights = [night(0, { asleep: 420, score: 70, ahi: 10 }), night(1, { asleep: 480, score: 90, ahi: null }), night(15, { asleep: 400, score: 60, awakenings: 3 })];
  const weeks = sleepWeeks(nights, NOW, 3);
  t.equal(weeks.length, 3);
  t.same(weeks.map((w) => w.nights), [2, 0, 1]);
  t.equal(weeks[0]?.asleepMinutes, 450, 'the mean of the week’s nights');
  t.equal(weeks[0]?.score, 80);
  t.equal(weeks[0]?.ahi, 10, 'a night without an estimate is left out of the breathing mean');
  t.equal(weeks[1]?.asleepMinutes, undefined, 'an empty week has no figures');
  t.equal(weeks[2]?.awakenings, 3);
  t.equal(weeks[0]?.to, NOW);
  t.equal(weeks[2]?.from, NOW - 21 * DAY);
});
