import { join } from 'node:path';
import t from 'tap';
import { challengeBoard } from '../../../hub/apps/healthquest/challenge-board.js';
import { ChallengeStore } from '../../../hub/apps/healthquest/challenge-store.js';
import { HEALTHQUEST_SCHEMA_PART, healthquestMigrations } from '../../../hub/apps/healthquest/goal-store.js';
import { migrate, openDatabase } from '../../../hub/store/index.js';
import { tempDir } from '../../store/helpers/temp-store.js';

t.test('challenges are kept in SQLite with who takes part; people who leave the household leave them, and an empty one goes', (t) => {
  const db = openDatabase(join(tempDir(t), 'hearth.db'), { onCorrupt: 'fail' });
  t.teardown(() => db.close());
  migrate(db, HEALTHQUEST_SCHEMA_PART, healthquestMigrations);
  const store = new ChallengeStore(db);
  const walk = store.add({ template: 'steps_together', target: 50_000, firstDate: '2026-12-02', lastDate: '2026-12-08', created: 1, personIds: ['sam', 'alex'] });
  const measure = store.add({ template: 'bp_daily', target: 7, firstDate: '2026-12-03', lastDate: '2026-12-09', created: 2, personIds: ['gran', 'alex'] });
  t.same(store.get(walk.id)?.personIds, ['alex', 'sam'], 'its members, in a stable order');
  t.same(store.all().map((c) => c.id), [measure.id, walk.id], 'the latest start first');
  t.equal(store.countOf(['alex']), 2);

  const three = store.add({ template: 'steps_together', target: 50_000, firstDate: '2026-12-04', lastDate: '2026-12-10', created: 3, personIds: ['sam', 'alex', 'gran'] });
  t.equal(store.removePeople(['gran']), 2, 'gran leaves both challenges she was on');
  t.equal(store.get(measure.id), undefined, 'alex alone is no shared challenge: it went');
  t.same(store.get(three.id)?.personIds, ['alex', 'sam'], 'the one of three goes on with two');
  t.same(store.get(walk.id)?.personIds, ['alex', 'sam'], 'and the one she was not on is untouched');
  t.equal(store.removePeople(['alex']), 2);
  t.same(store.all(), [], 'sam alone on each: both went');
  t.end();
});

t.test('a board: upcoming, under way, reached or ended, and each share rounded to whole percent', (t) => {
  const day = (steps: number | undefined, measured = false) => ({ steps, bloodPressureMeasured: measured });
  const base = { template: 'steps_together' as const, target: 30_000, firstDate: '2026-12-02', lastDate: '2026-12-08' };
  t.same(challengeBoard({ ...base, today: '2026-12-01', members: [{ personId: 'a', days: [] }, { personId: 'b', days: [] }] }), { status: 'upcoming', progress: 0, shares: [{ personId: 'a', share: 0 }, { personId: 'b', share: 0 }] });
  const running = challengeBoard({ ...base, today: '2026-12-03', members: [{ personId: 'a', days: [day(4_001), day(undefined)] }, { personId: 'b', days: [day(2_995), day(3_000)] }] });
  t.same(running, { status: 'running', progress: 0.33, shares: [{ personId: 'a', share: 0.1 }, { personId: 'b', share: 0.15 }] }, 'shares rounded down to twentieths, progress to whole percent');
  const almost = challengeBoard({ ...base, today: '2026-12-03', members: [{ personId: 'a', days: [day(29_950)] }, { personId: 'b', days: [] }] });
  t.same([almost.status, almost.progress], ['running', 0.99], '29,950 of 30,000 is not yet 100 %');
  t.equal(challengeBoard({ ...base, today: '2026-12-09', members: [{ personId: 'a', days: [day(10_000)] }, { personId: 'b', days: [day(5_000)] }] }).status, 'ended', 'a week past with half the steps');
  t.equal(challengeBoard({ ...base, today: '2026-12-05', members: [{ personId: 'a', days: [day(20_000)] }, { personId: 'b', days: [day(10_000)] }] }).status, 'reached', 'reached before the end');
  const daily = challengeBoard({ template: 'bp_daily', target: 7, firstDate: '2026-12-02', lastDate: '2026-12-08', today: '2026-12-08', members: [{ personId: 'a', days: Array.from({ length: 7 }, () => day(undefined, true)) }, { personId: 'b', days: Array.from({ length: 7 }, () => day(undefined, true)) }] });
  t.same(daily, { status: 'reached', progress: 1, shares: [{ personId: 'a', share: 0.5 }, { personId: 'b', share: 0.5 }] }, 'everyone measured every day');
  t.end();
});
