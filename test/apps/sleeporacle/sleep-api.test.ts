import t from 'tap';
import { ManualClock } from '../../../core/clock.js';
import { SeededRandom } from '../../../core/seeded-random.js';
import { SleepOraclePart } from '../../../hub/apps/sleeporacle/sleeporacle-part.js';
import type { HubPartFactory } from '../../../hub/daemon/hub-part.js';
import { addUser, ApiClient, onboardOwner, OWNER, startApiHub, type ApiHub } from '../../api/api-harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Gran falls asleep at 22:00 UTC on 30 November and wakes at 06:00 on 1 December.
const ASLEEP = Date.UTC(2026, 10, 30, 22, 0);
const AWAKE = ASLEEP + 8 * HOUR;
const DAY_START = ASLEEP - 14 * HOUR;

interface SleepAnswerBody {
  sessions: {
    personId: string;
    night: string;
    kind: string;
    start: number;
    end: number;
    partial: boolean;
    oxygen: { odi3: number | null; odi4: number | null; t90Minutes: number; lowest: number | null; events: unknown[] } | null;
    score: { score: number; parts: { name: string; detail: string }[] };
  }[];
}

/** Gran's oximeter from 08:00 to 08:00: pulse each minute, SpO2 each second at night with a 4 % dip every 10 minutes. */
function submitGransDay(api: ApiHub): void {
  const random = new SeededRandom(11);
  const readings: { metric: 'pulse_rate' | 'spo2'; value: number; ts: number }[] = [];
  for (let ts = DAY_START; ts < AWAKE + 2 * HOUR; ts += MINUTE) {
    const asleep = ts >= ASLEEP && ts < AWAKE;
    readings.push({ metric: 'pulse_rate', value: Math.round(asleep ? 52 + random.next() * 4 : 66 + random.next() * 30), ts });
  }
  for (let ts = ASLEEP; ts < AWAKE; ts += 1000) {
    const intoCycle = (ts - ASLEEP) % (10 * MINUTE);
    readings.push({ metric: 'spo2', value: intoCycle >= 5 * MINUTE && intoCycle < 5 * MINUTE + 20_000 ? 91 : 95, ts });
  }
  for (let i = 0; i < readings.length; i += 500) {
    const result = api.hub.context.ingest.submit({ deviceId: 'oximeter-gran', readings: readings.slice(i, i + 500) });
    if (result.accepted !== Math.min(500, readings.length - i)) throw new Error(`the gate refused readings: ${JSON.stringify(result)}`);
  }
}

t.test('a night of an oximeter: one session of the right night, its ODI and T90, kept across a restart, for those who may see it', async (t) => {
  const clock = new ManualClock(AWAKE + 2 * HOUR);
  let part: SleepOraclePart | undefined;
  const sleeporacle: HubPartFactory = (context) => (part = new SleepOraclePart(context));
  const config = { sleeporacle: { enabled: true, timeZone: 'Europe/London' } };
  let api = await startApiHub({ clock, consumers: [sleeporacle], config });
  t.teardown(() => api.stop());
  const dataDir = api.dataDir;
  submitGransDay(api);
  await api.hub.store.writer.flushed();
  if (part === undefined) throw new Error('the sleeporacle part did not start');
  part.analyse();

  const owner = await onboardOwner(api.base);
  const ask = (client: ApiClient, personId = 'gran') => client.request('GET', `/api/v1/sleep?personId=${personId}&from=${DAY_START}&to=${clock.now()}`);
  const answer = await ask(owner);
  t.equal(answer.status, 200, answer.text);
  const nights = (answer.body as SleepAnswerBody).sessions.filter((s) => s.kind === 'night');
  t.equal(nights.length, 1, 'one night');
  const night = nights[0];
  if (night === undefined) return;
  t.equal(night.night, '2026-11-30', 'the night it started, in the household’s time zone');
  t.ok(Math.abs(night.start - ASLEEP) <= 10 * MINUTE && Math.abs(night.end - AWAKE) <= 10 * MINUTE, `from about 22:00 to 06:00 (${new Date(night.start).toISOString()} – ${new Date(night.end).toISOString()})`);
  t.equal(night.partial, false);
  // A dip at minute 5 of every 10: 48 in 8 hours, fewer at the session's edges.
  t.ok(night.oxygen !== null && night.oxygen.odi4 !== null && night.oxygen.odi4 >= 5.5 && night.oxygen.odi4 <= 6.1, `about 6 events an hour at 4 % (${night.oxygen?.odi4})`);
  t.equal(night.oxygen?.t90Minutes, 0, 'never below 90 %');
  t.equal(night.oxygen?.lowest, 91);
  t.ok(night.score.parts.some((p) => p.name === 'duration' && /^\d h \d+ min asleep$/.test(p.detail)), 'the score shows its parts');

  // The night's ODI is a reading like any other: charted, exported, seen by the rules.
  await api.hub.store.writer.flushed();
  const odi = await owner.request('GET', `/api/v1/series?personId=gran&metric=odi_4&from=${DAY_START}&to=${clock.now() + 1}`);
  t.equal(odi.status, 200, odi.text);
  const points = (odi.body as { points: { value: number; ts: number }[] }).points;
  t.equal(points.length, 1, 'one odi_4 reading for the night');
  t.equal(points[0]?.ts, night.end, 'at the night’s end');

  // Analysing again an hour later changes nothing.
  clock.advance(HOUR);
  part.analyse();
  // An hour idle ends the owner's session: sign in again.
  t.equal((await owner.post('/api/v1/auth/login', { username: OWNER.username, password: OWNER.password })).status, 200);
  const rerun = await ask(owner);
  t.equal(rerun.status, 200, rerun.text);
  t.equal((rerun.body as SleepAnswerBody).sessions.filter((s) => s.kind === 'night').length, 1, 'still one night after another run');

  // Refusals: no session, a foreign member, too long a range.
  t.equal((await ask(new ApiClient(api.base))).status, 401, 'not signed in');
  const tooLong = await owner.request('GET', `/api/v1/sleep?personId=gran&from=0&to=${clock.now()}`);
  t.equal(tooLong.status, 400);
  t.match(tooLong.text, /62 days/);
  t.equal((await ask(owner, 'nobody')).status, 404);
  const alex = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  t.equal((await ask(alex)).status, 404, 'a member does not see another person’s nights, nor learn that they exist');
  t.equal((await ask(alex, 'alex')).status, 200, 'but sees their own');

  await api.stop();
  api = await startApiHub({ clock, consumers: [sleeporacle], config, dataDir });
  const again = new ApiClient(api.base);
  again.cookie = owner.cookie;
  again.csrf = owner.csrf;
  const kept = await ask(again);
  t.equal(kept.status, 200, kept.text);
  t.same(
    (kept.body as SleepAnswerBody).sessions.filter((s) => s.kind === 'night').map((s) => s.night),
    ['2026-11-30'],
    'the night is kept across a restart',
  );
});
