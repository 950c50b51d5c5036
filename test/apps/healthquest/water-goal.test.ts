import { randomUUID } from 'node:crypto';
import t from 'tap';
import { ManualClock } from '../../../core/clock.js';
import { HealthQuestPart } from '../../../hub/apps/healthquest/healthquest-part.js';
import { NutriVersePart } from '../../../hub/apps/nutriverse/nutriverse-part.js';
import { addUser, onboardOwner, startApiHub } from '../../api/api-harness.js';
import { waitFor } from '../../helpers/hub-process.js';

const HOUR = 3_600_000;
// 19:00 in London on Wednesday 2 December 2026 (UTC in winter): late enough for a nudge.
const NOW = Date.UTC(2026, 11, 2, 19);
const TODAY = Date.UTC(2026, 11, 2);
const DAY = 24 * HOUR;

interface Goal {
  template: string;
  today?: { status: string; value: number | null };
  streak: { current: number };
  atRisk: boolean;
  days: { date: string; status: string }[];
}

t.test('a water goal is judged from the drinks written down in the journal, and a day nothing was written is no data', async (t) => {
  const clock = new ManualClock(NOW);
  const api = await startApiHub({
    clock,
    consumers: [(context) => new NutriVersePart(context), (context) => new HealthQuestPart(context, { settleMs: 20 })],
    config: { sleeporacle: { enabled: false, timeZone: 'Europe/London' } },
  });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const alex = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  const drink = async (ml: number, ts: number, foodId = '14411'): Promise<string> => {
    const id = randomUUID();
    const answer = await alex.post('/api/v1/people/alex/food-journal', { id, foodId, meal: 'drinks', grams: ml, ts });
    if (answer.status !== 201) throw new Error(`drink refused: ${answer.status} ${answer.text}`);
    return id;
  };
  // Three days ago 1,750 mL; two days ago nothing written down; yesterday 1,500; today 1,000 so far.
  await drink(1000, TODAY - 3 * DAY + 9 * HOUR);
  await drink(750, TODAY - 3 * DAY + 15 * HOUR);
  await drink(1500, TODAY - DAY + 12 * HOUR);
  await drink(500, TODAY + 8 * HOUR);
  await drink(500, TODAY + 13 * HOUR);
  // Food eaten is not drunk, however much water a melon holds.
  t.equal((await alex.post('/api/v1/people/alex/food-journal', { id: randomUUID(), foodId: '09326', meal: 'snack', grams: 1000, ts: TODAY + 14 * HOUR })).status, 201);
  await api.hub.store.writer.flushed();

  t.equal((await alex.post('/api/v1/goals', { personId: 'alex', template: 'water', target: 1500 })).status, 201);
  const goal = async (): Promise<Goal> => ((await alex.get('/api/v1/goals?personId=alex')).body as { goals: Goal[] }).goals[0] as Goal;
  const first = await goal();
  t.same(first.days.slice(-4).map((d) => d.status), ['met', 'no_data', 'met', 'missed'], 'met, nothing written, met, today going on');
  t.match(first.today, { status: 'missed', value: 1000 }, 'today so far: the drinks’ 1,000 mL, not the melon’s');
  t.equal(first.streak.current, 2, 'the day nothing was written breaks nothing');
  t.equal(first.atRisk, true, 'at 19:00, 500 mL short with a streak of two: at risk');

  const last = await drink(500, NOW - 5 * 60_000);
  const met = await waitFor('today met', async () => {
    const g = await goal();
    return g.today?.status === 'met' ? g : undefined;
  }, 5000);
  t.equal(met.today?.value, 1500, 'judged again soon after the drink was written, not at the next hour');
  t.equal(met.streak.current, 3);
  t.equal(met.atRisk, false);

  t.equal((await alex.request('DELETE', `/api/v1/people/alex/food-journal/${last}`)).status, 204);
  const unmet = await waitFor('today judged again', async () => {
    const g = await goal();
    return g.today?.status === 'missed' ? g : undefined;
  }, 5000);
  t.equal(unmet.today?.value, 1000, 'the glass taken back: judged again at once, 500 mL short');
  t.equal(unmet.streak.current, 2);
});
