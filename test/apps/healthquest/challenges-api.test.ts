import t from 'tap';
import { ManualClock } from '../../../core/clock.js';
import { HealthQuestPart } from '../../../hub/apps/healthquest/healthquest-part.js';
import type { HubPartFactory } from '../../../hub/daemon/hub-part.js';
import { addUser, ApiClient, onboardOwner, startApiHub, type ApiHub } from '../../api/api-harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// 15:00 in London on Wednesday 2 December 2026.
const NOW = Date.UTC(2026, 11, 2, 15);
const TODAY_START = Date.UTC(2026, 11, 2);

/** The owner through an API token, which outlasts the week the clock is moved through (a session would end). */
async function ownerToken(owner: ApiClient): Promise<ApiClient> {
  const made = await owner.post('/api/v1/tokens', { name: 'challenge week', scopes: ['read', 'write'] });
  if (made.status !== 201) throw new Error(`token: ${made.status} ${made.text}`);
  const client = new ApiClient(owner.base);
  client.token = (made.body as { token: string }).token;
  return client;
}

interface Board {
  id: string;
  template: string;
  target: number;
  firstDate: string;
  lastDate: string;
  today: string;
  status: string;
  progress: number;
  members: { personId: string; name: string; share: number }[];
}

/** `count` steps from a person's pedometer in the hour after `from`, through the ingest gate. */
function walk(api: ApiHub, deviceId: string, from: number, count: number): void {
  const readings = Array.from({ length: 10 }, (_, i) => ({ metric: 'steps' as const, value: count / 10, ts: from + i * 6 * 60_000 }));
  const outcome = api.hub.context.ingest.submit({ deviceId, readings });
  if (outcome.accepted !== readings.length) throw new Error(`steps refused: ${JSON.stringify(outcome)}`);
}

function bloodPressure(api: ApiHub, deviceId: string, ts: number): void {
  const outcome = api.hub.context.ingest.submit({ deviceId, readings: [{ metric: 'bp_systolic', value: 124, ts }, { metric: 'bp_diastolic', value: 81, ts }] });
  if (outcome.accepted !== 2) throw new Error(`blood pressure refused: ${JSON.stringify(outcome)}`);
}

t.test('a household challenge: everyone on it sees each member’s share of the goal, and nobody another’s readings', async (t) => {
  const clock = new ManualClock(NOW);
  const healthquest: HubPartFactory = (context) => new HealthQuestPart(context, { settleMs: 20 });
  const api = await startApiHub({ clock, consumers: [healthquest], config: { sleeporacle: { enabled: false, timeZone: 'Europe/London' } } });
  t.teardown(() => api.stop());
  const signedIn = await onboardOwner(api.base);
  const sam = await addUser(signedIn, { username: 'sam', role: 'member', personId: 'sam' });
  const carer = await addUser(signedIn, { username: 'carer', role: 'caregiver', grants: ['gran'] });
  const owner = await ownerToken(signedIn);

  const made = await owner.post('/api/v1/challenges', { template: 'steps_together', personIds: ['alex', 'sam'], target: 20_000, firstDate: '2026-12-02' });
  t.equal(made.status, 201, made.text);
  const id = (made.body as Board).id;
  t.same((made.body as Board).lastDate, '2026-12-08', 'a week: the first date and six more');

  // Before the first day (yesterday's steps do not count), then today: Alex 6,123, Sam 3,877.
  walk(api, 'strap-alex', TODAY_START - DAY + 10 * HOUR, 9000);
  walk(api, 'strap-alex', TODAY_START + 9 * HOUR, 6123);
  walk(api, 'strap-sam', TODAY_START + 11 * HOUR, 3877);
  await api.hub.store.writer.flushed();

  const board = async (client = owner): Promise<Board> => {
    const got = await client.get(`/api/v1/challenges/${id}`);
    if (got.status !== 200) throw new Error(`board: ${got.status} ${got.text}`);
    return got.body as Board;
  };
  const first = await board();
  t.equal(first.status, 'running');
  t.equal(first.progress, 0.5, 'half of 20,000 together');
  t.same(first.members.map((m) => [m.personId, m.share]), [['alex', 0.3], ['sam', 0.15]], 'each share rounded down to a twentieth of the goal');

  // Sam, a member on it, sees the same board, with Alex's share and name only.
  const samBoard = await board(sam);
  t.same(samBoard, first, 'the member sees the board the owner sees');
  // Its id and creation time are random and a clock's: the rest carries no count of anyone's.
  const { id: _id, created: _created, ...rest } = samBoard as Board & { created: number };
  const text = JSON.stringify(rest);
  for (const raw of ['6123', '3877', '9000', '612', '387']) t.notOk(text.includes(raw), `no step count (${raw}) on the board`);
  // Walking on by less than a twentieth of the goal changes nobody's share: the board does not follow a day step by step.
  walk(api, 'strap-alex', TODAY_START + 12 * HOUR, 800);
  await api.hub.store.writer.flushed();
  t.same((await board(sam)).members.map((m) => m.share), [0.3, 0.15], "800 more of Alex's steps (6,923) stay within his share");
  t.same(((await sam.get('/api/v1/challenges')).body as Board[]).map((c) => c.id), [id], 'and finds it among the challenges');

  // Through every other door, Alex's readings stay closed to Sam.
  const range = `from=${TODAY_START}&to=${NOW}`;
  for (const path of [
    '/api/v1/people/alex',
    `/api/v1/series?personId=alex&metric=steps&${range}`,
    `/api/v1/export?personId=alex&${range}&format=csv`,
    '/api/v1/goals?personId=alex',
    '/api/v1/people/alex/logbook?limit=5',
  ]) {
    const answer = await sam.get(path);
    t.equal(answer.status, 404, `sam cannot read ${path.split('?')[0] ?? ''} of alex`);
    t.notMatch(answer.text, /6123|612\.3/, 'and nothing of alex leaks in the refusal');
  }
  const graph = await sam.post('/graphql', { query: '{ people { id } quest(personId: "alex") { level } challenges { id status members { personId share } } }' });
  const data = (graph.body as { data?: { people?: { id: string }[]; quest: unknown; challenges?: { id: string; status: string; members: unknown[] }[] } }).data;
  t.same(data?.people?.map((p) => p.id), ['sam'], 'GraphQL shows sam only sam');
  t.equal(data?.quest, null, "nor alex's goals");
  t.same(data?.challenges, [{ id, status: 'running', members: [{ personId: 'alex', share: 0.3 }, { personId: 'sam', share: 0.15 }] }], 'but the same board as REST');

  // A caregiver of gran is on no board of alex and sam.
  t.equal((await carer.get(`/api/v1/challenges/${id}`)).status, 404, 'someone who reads neither member sees nothing of it');
  t.same((await carer.get('/api/v1/challenges')).body, [], 'nor finds it');
  // Only the owner sets or ends challenges.
  t.equal((await sam.post('/api/v1/challenges', { template: 'bp_daily', personIds: ['alex', 'sam'] })).status, 403, 'a member does not enrol others');
  t.equal((await sam.request('DELETE', `/api/v1/challenges/${id}`)).status, 403, 'nor ends a challenge');
  // Other spellings of the address reach the same challenge, refused the same.
  const encoded = `%63${id.slice(1)}`;
  t.equal((await sam.request('DELETE', `/api/v1/challenges/${encoded}`)).status, 403, 'an encoded id is the same challenge to a member');
  t.equal((await carer.get(`/api/v1/challenges/${encoded}`)).status, 404, 'and nothing to a caregiver of someone else');
  t.equal((await carer.get(`/api/v1/challenges/${id}/`)).status, 404, 'nor with a trailing slash');
  t.equal((await new ApiClient(api.base).get(`/api/v1/challenges/${encoded}`)).status, 401, 'nor to nobody');

  // More steps reach the goal.
  walk(api, 'strap-sam', TODAY_START + 13 * HOUR, 10_500);
  await api.hub.store.writer.flushed();
  const reached = await board();
  t.equal(reached.status, 'reached');
  t.equal(reached.progress, 1);
  t.same(reached.members.map((m) => m.share), [0.3, 0.7], 'shares go on past the goal, and add up beyond it');

  // Wrong input is said in words.
  const tooFew = await owner.post('/api/v1/challenges', { template: 'steps_together', personIds: ['alex'] });
  t.equal(tooFew.status, 400, 'a challenge needs at least two people');
  const unknown = await owner.post('/api/v1/challenges', { template: 'steps_together', personIds: ['alex', 'nobody'] });
  t.equal(unknown.status, 400);
  t.match((unknown.body as { message: string }).message, /no one in the household has the id "nobody"/);
  const target = await owner.post('/api/v1/challenges', { template: 'steps_together', personIds: ['alex', 'sam'], target: 10 });
  t.match((target.body as { message: string }).message, /must be from 10000 to 1000000/);
  const impossible = await owner.post('/api/v1/challenges', { template: 'steps_together', personIds: ['alex', 'sam'], firstDate: '2026-12-45' });
  t.equal(impossible.status, 400, 'a date that is no date is refused');
  t.match((impossible.body as { message: string }).message, /2026-12-45 is not a date/);
  const past = await owner.post('/api/v1/challenges', { template: 'steps_together', personIds: ['alex', 'sam'], firstDate: '2026-11-20' });
  t.match((past.body as { message: string }).message, /starts today or within 60 days: from 2026-12-02/);

  // The week ends.
  clock.set(NOW + 7 * DAY);
  t.equal((await board()).status, 'reached', 'a goal reached stays reached');
  t.equal((await owner.request('DELETE', `/api/v1/challenges/${id}`)).status, 204, 'the owner ends it');
  t.equal((await owner.get(`/api/v1/challenges/${id}`)).status, 404);
});

t.test('measuring every day: each member’s share is the days they measured, and a week short of them ends unreached', async (t) => {
  const clock = new ManualClock(NOW);
  const api = await startApiHub({ clock, consumers: [(context) => new HealthQuestPart(context)], config: { sleeporacle: { enabled: false, timeZone: 'Europe/London' } } });
  t.teardown(() => api.stop());
  const owner = await ownerToken(await onboardOwner(api.base));
  const made = await owner.post('/api/v1/challenges', { template: 'bp_daily', personIds: ['alex', 'gran'] });
  t.equal(made.status, 201, made.text);
  const id = (made.body as Board).id;
  t.equal((made.body as Board).firstDate, '2026-12-02', 'it starts today when no date is given');
  // Alex measures on all seven days, gran on three of them.
  for (let day = 0; day < 7; day++) {
    clock.set(TODAY_START + day * DAY + 20 * HOUR);
    bloodPressure(api, 'strap-alex', TODAY_START + day * DAY + 8 * HOUR);
    if (day % 2 === 0 && day < 6) bloodPressure(api, 'oximeter-gran', TODAY_START + day * DAY + 19 * HOUR);
  }
  await api.hub.store.writer.flushed();
  clock.set(NOW + 7 * DAY);
  const board = (await owner.get(`/api/v1/challenges/${id}`)).body as Board;
  t.equal(board.status, 'ended', 'the week is over and gran missed days');
  t.same(board.members.map((m) => [m.personId, m.share]), [['alex', 0.5], ['gran', 0.2]], 'shares of everyone’s 14 measuring days: 7 and 3, rounded down to twentieths');
  t.equal(board.progress, 0.71, '10 of the 14 days measured');
});
