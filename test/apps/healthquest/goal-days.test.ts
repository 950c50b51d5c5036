import t from 'tap';
import { clockDistance, evaluateDay, GOAL_TEMPLATES, type DayFacts } from '../../../hub/apps/healthquest/goal-templates.js';
import { localDate, localDayBounds, localMinuteOfDay, nextDate, previousDate } from '../../../core/local-day.js';
import { badgesOf, levelOf, streakOf, type GoalDay } from '../../../hub/apps/healthquest/streaks.js';

const HOUR = 3_600_000;
const none: DayFacts = { steps: undefined, night: undefined, bloodPressureMinutes: [] };

t.test('a local day is 24 hours, 23 when the clocks go forward and 25 when they go back', async (t) => {
  const ordinary = localDayBounds('2026-06-10', 'Europe/London');
  t.equal(ordinary.start, Date.UTC(2026, 5, 9, 23), 'midnight in London in summer is 23:00 UTC');
  t.equal(ordinary.end - ordinary.start, 24 * HOUR);
  const spring = localDayBounds('2026-03-29', 'Europe/London');
  t.equal(spring.start, Date.UTC(2026, 2, 29, 0));
  t.equal(spring.end - spring.start, 23 * HOUR, 'the day the clocks go forward');
  const autumn = localDayBounds('2026-10-25', 'Europe/London');
  t.equal(autumn.end - autumn.start, 25 * HOUR, 'the day they go back');
  const sydney = localDayBounds('2026-04-05', 'Australia/Sydney');
  t.equal(sydney.end - sydney.start, 25 * HOUR, 'and on the other side of the world, in April');
  t.equal(localDate(Date.UTC(2026, 5, 9, 23, 30), 'Europe/London'), '2026-06-10', 'half past midnight in London is the next day there');
  t.equal(localMinuteOfDay(Date.UTC(2026, 5, 9, 23, 30), 'Europe/London'), 30);
  t.equal(localMinuteOfDay(Date.UTC(2026, 9, 25, 1, 30), 'Europe/London'), 90, 'the second 01:30 of the day the clocks go back');
  t.equal(nextDate('2026-12-31'), '2027-01-01');
  t.equal(previousDate('2028-03-01'), '2028-02-29');
  // Santiago skips midnight when its clocks go forward (00:00 is 01:00): the day starts at the jump.
  const skipped = localDayBounds('2024-09-08', 'America/Santiago');
  t.equal(localDate(skipped.start, 'America/Santiago'), '2024-09-08');
  t.equal(localDate(skipped.start - 1, 'America/Santiago'), '2024-09-07', 'the moment before is the day before');
  t.equal(skipped.end - skipped.start, 23 * HOUR);
  const kathmandu = localDayBounds('2026-12-02', 'Asia/Kathmandu');
  t.equal(kathmandu.start, Date.UTC(2026, 11, 1, 18, 15), 'a zone 5 h 45 min ahead');
});

t.test('each goal judged from what the hub stored for the day', async (t) => {
  const steps = GOAL_TEMPLATES.steps;
  t.same(evaluateDay(steps, 8000, { ...none, steps: 9120 }), { status: 'met', value: 9120, progress: 1 });
  t.same(evaluateDay(steps, 8000, { ...none, steps: 2000 }), { status: 'missed', value: 2000, progress: 0.25 });
  t.same(evaluateDay(steps, 8000, none), { status: 'no_data', value: null, progress: 0 }, 'a pedometer that sent nothing: no data, not a missed day');

  const night = { asleepMinutes: 400, startMinuteOfDay: 23 * 60 + 10, strapMinutes: 380 };
  t.equal(evaluateDay(GOAL_TEMPLATES.sleep_duration, 420, { ...none, night }).status, 'missed', '6 h 40 min against 7 h');
  t.equal(evaluateDay(GOAL_TEMPLATES.sleep_duration, 390, { ...none, night }).status, 'met');
  t.equal(evaluateDay(GOAL_TEMPLATES.bedtime, 23 * 60, { ...none, night }).status, 'met', 'asleep at 23:10 for a bedtime of 23:00');
  t.equal(evaluateDay(GOAL_TEMPLATES.bedtime, 22 * 60, { ...none, night }).status, 'missed', 'but not for one of 22:00');
  t.equal(evaluateDay(GOAL_TEMPLATES.bedtime, 23 * 60 + 50, { ...none, night: { ...night, startMinuteOfDay: 10 } }).status, 'met', '00:10 is within half an hour of 23:50');
  t.equal(clockDistance(23 * 60 + 50, 10), 20);
  t.equal(evaluateDay(GOAL_TEMPLATES.strap_overnight, 240, { ...none, night }).status, 'met');
  t.equal(evaluateDay(GOAL_TEMPLATES.strap_overnight, 240, none).status, 'no_data', 'no night: no telling whether they slept at home');

  const bp = GOAL_TEMPLATES.bp_twice;
  t.same(evaluateDay(bp, 2, { ...none, bloodPressureMinutes: [7 * 60 + 40, 19 * 60 + 5] }), { status: 'met', value: 2, progress: 1 });
  t.same(evaluateDay(bp, 2, { ...none, bloodPressureMinutes: [7 * 60 + 40, 8 * 60] }), { status: 'missed', value: 1, progress: 0.5 }, 'two in the morning are not one in the evening');
  t.equal(evaluateDay(bp, 2, none).status, 'missed', 'measuring is the goal: a day without a measurement is missed');

  const weight = GOAL_TEMPLATES.weight_trend;
  const weighed = (dayKg: number, weekKg: number, previousWeekKg: number | undefined): DayFacts => ({ ...none, weight: { dayKg, weekKg, previousWeekKg } });
  t.same(evaluateDay(weight, 75, weighed(80.66, 80.9, 81.8)), { status: 'met', value: 80.7, progress: 1 }, 'a week 0.9 kg closer to 75 than the week before');
  t.equal(evaluateDay(weight, 75, weighed(80.9, 81.75, 81.8)).status, 'missed', '50 g closer is a day’s water, not a trend');
  t.equal(evaluateDay(weight, 85, weighed(80.9, 80.9, 81.8)).status, 'missed', 'losing is away from a target above: the goal works both ways');
  t.equal(evaluateDay(weight, 85, weighed(82.6, 82.5, 81.8)).status, 'met', 'and gaining toward it is met');
  t.equal(evaluateDay(weight, 75, weighed(75.3, 75.4, undefined)).status, 'met', 'within half a kilo of the target, whatever the week before');
  t.equal(evaluateDay(weight, 75, weighed(78, 78, undefined)).status, 'missed', 'with no week before, only the target itself is met');
  t.equal(evaluateDay(weight, 75, none).status, 'no_data', 'a day without a weighing is no data: nobody need weigh daily');

  const water = GOAL_TEMPLATES.water;
  t.same(evaluateDay(water, 1500, { ...none, waterMl: 1750 }), { status: 'met', value: 1750, progress: 1 });
  t.same(evaluateDay(water, 2000, { ...none, waterMl: 500 }), { status: 'missed', value: 500, progress: 0.25 });
  t.equal(evaluateDay(water, 1500, none).status, 'no_data', 'no drink written down: a journal not kept that day, not a day without drinking');
});

const days = (statuses: string, start = '2026-11-20'): GoalDay[] => {
  let date = start;
  return [...statuses].map((c) => {
    const day: GoalDay = { date, status: c === 'm' ? 'met' : c === 'x' ? 'missed' : 'no_data', ...(c === 'X' ? { declaredMissed: true } : {}) };
    date = nextDate(date);
    return day;
  });
};

t.test('streaks: days without data neither break nor add, unless the person says they were missed', async (t) => {
  t.same(streakOf(days('mmm'), '2026-11-23'), { current: 3, best: 3 });
  t.same(streakOf(days('mm-mm'), '2026-11-25'), { current: 4, best: 4 }, 'a day the device was off keeps the streak');
  t.same(streakOf(days('mmXmm'), '2026-11-25'), { current: 2, best: 2 }, 'a day the person said was missed breaks it');
  t.same(streakOf(days('mmmxm'), '2026-11-25'), { current: 1, best: 3 });
  t.same(streakOf(days('mmmx'), '2026-11-23'), { current: 3, best: 3 }, 'today, not met yet, breaks nothing while it goes on');
  t.same(streakOf(days('mmmx'), '2026-11-24'), { current: 0, best: 3 }, 'a missed day that is over does');
});

t.test('points make levels, and milestones make badges', async (t) => {
  t.same(levelOf(0), { level: 1, floor: 0, next: 100 });
  t.same(levelOf(260), { level: 3, floor: 250, next: 500 });
  t.equal(levelOf(1_000_000).next, null, 'the top level has no next');
  t.same(badgesOf(0, 0), []);
  t.same(badgesOf(7, 12), ['first_goal_met', 'streak_7']);
  t.same(badgesOf(30, 100), ['first_goal_met', 'streak_7', 'streak_30', 'days_met_100']);
});
