import t from 'tap';
import { ManualClock } from '../../../core/clock.js';
import { HealthQuestPart } from '../../../hub/apps/healthquest/healthquest-part.js';
import type { HubPartFactory } from '../../../hub/daemon/hub-part.js';
import { addUser, ApiClient, onboardOwner, startApiHub, type ApiHub } from '../../api/api-harness.js';
import { waitFor } from '../../helpers/hub-process.js';

const HOUR = 3_600_000;
// 15:00 in London on Wednesday 2 December 2026 (GMT: London is on UTC in winter).
const NOW = Date.UTC(2026, 11, 2, 15);
const TODAY_START = Date.UTC(2026, 11, 2);
const DAY = 24 * HOUR;

interface Quest {
  personId: string;
  today: string;
  points: number;
  level: number;
  badges: { id: string }[];
  goals: { id: string; template: string; target: number; today?: { status: string; target: number; value: number | null; progress: number }; streak: { current: number; best: number }; atRisk: boolean; days: { date: string; status: string; target: number; declaredMissed?: boolean }[] }[];
}

/** Steps from a pedometer of Alex's: `count` of them in the hour after `from`. */
function walk(api: ApiHub, from: number, count: number): void {
  const readings = Array.from({ length: 10 }, (_, i) => ({ metric: 'steps' as const, value: count / 10, ts: from + i * 6 * 60_000 }));
  const outcome = api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings });
  if (outcome.accepted !== readings.length) throw new Error(`steps refused: ${JSON.stringify(outcome)}`);
}

t.test('goals are judged by the hub from the household’s readings, day by day in its time zone, and kept to those who may see them', async (t) => {
  const clock = new ManualClock(NOW);
  let part: HealthQuestPart | undefined;
  const healthquest: HubPartFactory = (context) => (part = new HealthQuestPart(context, { settleMs: 20 }));
  const api = await startApiHub({ clock, consumers: [healthquest], config: { sleeporacle: { enabled: false, timeZone: 'Europe/London' } } });
  t.teardown(() => api.stop());
  if (part === undefined) throw new Error('the healthquest part did not start');
  const owner = await onboardOwner(api.base);

  // Three days before: 9,000 steps; two days before: none (the pedometer was off); yesterday 8,500; today 3,000 by 15:00.
  walk(api, TODAY_START - 3 * DAY + 10 * HOUR, 9000);
  walk(api, TODAY_START - DAY + 10 * HOUR, 8500);
  walk(api, TODAY_START + 9 * HOUR, 3000);
  await api.hub.store.writer.flushed();

  const made = await owner.post('/api/v1/goals', { personId: 'alex', template: 'steps', target: 8000 });
  t.equal(made.status, 201, made.text);
  const goalId = (made.body as { id: string }).id;

  const quest = async (client: ApiClient = owner): Promise<Quest> => {
    const got = await client.get('/api/v1/goals?personId=alex');
    if (got.status !== 200) throw new Error(`goals: ${got.status} ${got.text}`);
    return got.body as Quest;
  };
  const first = await quest();
  const goal = first.goals[0];
  t.equal(first.today, '2026-12-02');
  t.same(goal?.today, { date: '2026-12-02', status: 'missed', target: 8000, value: 3000, progress: 0.375 }, 'today so far: 3,000 of 8,000');
  t.same(goal?.streak, { current: 2, best: 2 }, 'two days met, the day without data between them breaking nothing, today still going on');
  t.same(goal?.days.slice(-4).map((d) => d.status), ['met', 'no_data', 'met', 'missed']);
  t.equal(first.points, 20, 'ten points a day met');
  t.same(first.badges.map((b) => b.id), ['first_goal_met']);

  t.equal(goal?.atRisk, false, 'at 15:00 a streak not kept yet is no worry');
  // 19:00, 3,000 of 8,000: the two-day streak is at risk, on his goal and on his tile. Asked with a
  // token, which four hours on the clock do not end as they would the owner's session; then back to 15:00.
  const evening = new ApiClient(api.base);
  evening.token = ((await owner.post('/api/v1/tokens', { name: 'evening', scopes: ['read'] })).body as { token: string }).token;
  clock.set(TODAY_START + 19 * HOUR);
  t.equal((await quest(evening)).goals[0]?.atRisk, true, 'late in the day, the streak at risk');
  t.equal(((await evening.get('/api/v1/goal-faces')).body as { atRisk: number }[])[0]?.atRisk, 1);
  clock.set(NOW);

  // Alex walks on: the goal is judged again soon after the steps arrive, not at the next hour.
  walk(api, TODAY_START + 14 * HOUR, 5500);
  await api.hub.store.writer.flushed();
  const met = await waitFor('today met', async () => ((await quest()).goals[0]?.today?.status === 'met' ? quest() : undefined), 5000);
  t.equal(met.goals[0]?.today?.value, 8500);
  t.same(met.goals[0]?.streak, { current: 3, best: 3 });
  t.equal(met.points, 30);
  t.equal(met.goals[0]?.atRisk, false, 'met: nothing at risk');
  const graph = await owner.post('/graphql', { query: '{ quest(personId: "alex") { level points goals { template target streak bestStreak today { status value } } } }' });
  t.same((graph.body as { data: unknown }).data, { quest: { level: 1, points: 30, goals: [{ template: 'steps', target: 8000, streak: 3, bestStreak: 3, today: { status: 'met', value: 8500 } }] } }, 'GraphQL answers the same quest');
  const faces = await owner.get('/api/v1/goal-faces');
  t.same(faces.body, [{ personId: 'alex', level: 1, streak: 3, goals: 1, metToday: 1, atRisk: 0 }], "what Alex's tile shows: level, streak, today's goals met; nobody without goals");

  // Alex says the day his pedometer was off he did not walk: it breaks the streak.
  t.equal((await owner.request('PUT', `/api/v1/goals/${goalId}/days/2026-11-30`, { missed: true })).status, 200);
  t.same((await quest()).goals[0]?.streak, { current: 2, best: 2 });
  const withData = await owner.request('PUT', `/api/v1/goals/${goalId}/days/2026-12-01`, { missed: true });
  t.equal(withData.status, 409, 'a day judged on its readings cannot be said to be missed');
  t.match((withData.body as { message: string }).message, /only a day judged without data/);
  const twice = await owner.post('/api/v1/goals', { personId: 'alex', template: 'steps', target: 5000 });
  t.equal(twice.status, 409, 'one goal of a kind a person');
  t.match((twice.body as { message: string }).message, /there is a "Steps a day" goal already: change its target instead/);

  const wrong = await owner.post('/api/v1/goals', { personId: 'alex', template: 'steps', target: 10 });
  t.equal(wrong.status, 400);
  t.match((wrong.body as { message: string }).message, /the target of "Steps a day" must be from 500 to 50000/, 'a target out of bounds is refused in words');

  // Who may see and set goals: the rules of readings.
  const sam = await addUser(owner, { username: 'sam', role: 'member', personId: 'sam' });
  const carer = await addUser(owner, { username: 'carer', role: 'caregiver', grants: ['alex'] });
  const alex = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  t.equal((await sam.get('/api/v1/goals?personId=alex')).status, 404, "another member sees nothing of alex's goals");
  t.equal((await sam.post('/api/v1/goals', { personId: 'alex', template: 'steps' })).status, 404, 'nor sets one for him');
  t.equal((await sam.request('PATCH', `/api/v1/goals/${goalId}`, { target: 500 })).status, 404, 'nor changes his');
  // Nor through another spelling of the same address.
  for (const path of ['/api/v1/goals?personId=%61lex', '/api/v1/goals/?personId=alex', '/api/v1//goals?personId=alex', '/API/V1/GOALS?personId=alex']) {
    const answer = await sam.get(path);
    t.not(answer.status, 200, `${path} is no way round (${answer.status})`);
    t.notMatch(answer.text, /steps/, 'and says nothing of his goals');
  }
  const encodedId = `%67${goalId.slice(1)}`;
  t.equal((await sam.request('PATCH', `/api/v1/goals/${encodedId}`, { target: 500 })).status, 404, 'an encoded goal id is the same goal, refused the same');
  t.equal((await sam.request('DELETE', `/api/v1/goals/${encodedId}`)).status, 404);
  t.equal((await owner.request('PATCH', `/api/v1/goals/${encodedId}`, { target: 8000 })).status, 200, 'which is the goal itself to the owner');
  t.equal((await sam.post('/api/v1/goals', { personId: 'sam', template: 'bp_twice' })).status, 201, 'a member sets their own');
  t.equal((await quest(carer)).goals.length, 1, 'a caregiver of alex reads his goals');
  t.equal((await carer.post('/api/v1/goals', { personId: 'alex', template: 'steps' })).status, 403, 'but sets none');
  t.equal((await carer.request('DELETE', `/api/v1/goals/${goalId}`)).status, 403);
  t.equal((await alex.request('PATCH', `/api/v1/goals/${goalId}`, { target: 9000 })).status, 200, 'alex changes his own target');
  const changed = (await quest(alex)).goals[0];
  t.equal(changed?.target, 9000);
  t.same(changed?.today && { status: changed.today.status, target: changed.today.target }, { status: 'missed', target: 9000 }, 'today is judged on the new target: 8,500 of 9,000');
  t.same(changed?.days.slice(-3, -1).map((d) => [d.status, d.target]), [['no_data', 8000], ['met', 8000]], 'the days before keep the target they were judged on');
  part.judgeAll();
  t.same((await quest(alex)).goals[0]?.days.slice(-3, -1).map((d) => [d.status, d.target]), [['no_data', 8000], ['met', 8000]], 'even when the hourly judging goes over them again');
  t.same((await quest(alex)).goals[0]?.streak, { current: 1, best: 1 }, 'yesterday met stays met; today, not met yet, breaks nothing');
  const reader = (await owner.post('/api/v1/tokens', { name: 'wall display', scopes: ['read'] })).body as { token: string };
  const display = new ApiClient(api.base);
  display.token = reader.token;
  t.equal((await display.get('/api/v1/goals?personId=alex')).status, 200, 'a read token reads');
  t.equal((await display.post('/api/v1/goals', { personId: 'alex', template: 'steps' })).status, 403, 'and writes nothing');
  t.equal((await alex.request('DELETE', `/api/v1/goals/${goalId}`)).status, 204);
  t.same((await quest()).goals, [], 'the goal is gone');
  const days = api.hub.store.db.prepare<[string], number>('SELECT count(*) FROM healthquest_day WHERE goal_id = ?').pluck().get(goalId);
  t.equal(days, 0, 'with its days');
});
