import t from 'tap';
import { streakAtRisk } from '../../../hub/apps/healthquest/streak-at-risk.js';

t.test('a streak is at risk from 18:00 when a day goal, not met yet, could still keep it', (t) => {
  t.ok(streakAtRisk('steps', 'missed', 5, 19 * 60), 'a 5-day streak at 19:00, steps short');
  t.ok(streakAtRisk('bp_twice', undefined, 2, 18 * 60), 'not judged yet today, at 18:00');
  t.notOk(streakAtRisk('steps', 'missed', 5, 17 * 60 + 59), 'not before 18:00');
  t.notOk(streakAtRisk('steps', 'met', 5, 21 * 60), 'met today: nothing at risk');
  t.notOk(streakAtRisk('steps', 'missed', 1, 21 * 60), 'one day is no streak worth a word');
  t.notOk(streakAtRisk('sleep_duration', 'missed', 5, 21 * 60), 'a night’s goal is judged the next morning');
  t.ok(streakAtRisk('steps', 'no_data', 3, 21 * 60), 'a pedometer silent so far today: still at risk');
  t.end();
});
