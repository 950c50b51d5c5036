import { randomUUID } from 'node:crypto';
import t from 'tap';
import { ManualClock } from '../../../core/clock.js';
import { NutriVersePart } from '../../../hub/apps/nutriverse/nutriverse-part.js';
import { addUser, ApiClient, onboardOwner, startApiHub } from '../../api/api-harness.js';

const HOUR = 3_600_000;
// 12:00 in London on Wednesday 2 December 2026 (London is on UTC in winter).
const NOW = Date.UTC(2026, 11, 2, 12);
const TODAY = Date.UTC(2026, 11, 2);

interface Entry {
  id: string;
  ts: number;
  meal: string;
  name: string;
  grams: number;
  count: number;
  nutrients: Record<string, number | null>;
}
interface Day {
  date: string;
  entries: Entry[];
  totals: Record<string, number>;
  references: Record<string, { amount: number; kind: string }>;
}

const BANANA = { foodId: '09040', meal: 'breakfast', grams: 118, portion: '1 medium (7" to 7-7/8" long) (118 g)' };
const COFFEE = { foodId: '14209', meal: 'drinks', grams: 237, portion: '1 cup (8 fl oz)' };
const WATER = { foodId: '14411', meal: 'drinks', grams: 250 };

t.test('a food and drink journal: entries with what they hold, day totals, readings through the gate, taken back with them', async (t) => {
  const clock = new ManualClock(NOW);
  const api = await startApiHub({ clock, consumers: [(context) => new NutriVersePart(context)], config: { sleeporacle: { enabled: false, timeZone: 'Europe/London' } } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const alex = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });

  const banana = { id: randomUUID(), ...BANANA, ts: TODAY + 8 * HOUR };
  const logged = await alex.post('/api/v1/people/alex/food-journal', banana);
  t.equal(logged.status, 201, logged.text);
  const entry = logged.body as Entry;
  t.match(entry, { id: banana.id, ts: banana.ts, meal: 'breakfast', name: 'Bananas, raw', grams: 118, count: 1 });
  t.match(entry.nutrients, { kcal: 105, protein_g: 1.3, sugars_g: 14.4, sodium_mg: 1.2, caffeine_mg: 0 }, 'a medium banana: 105 kcal, 14.4 g of sugars');
  const stored = api.hub.store.db.prepare<[], number>("SELECT count(*) FROM sample JOIN series ON series.id = sample.series_id WHERE series.metric = 'energy_intake'").pluck().get();
  t.equal(stored, 1, 'answered once its reading is committed, not merely queued');

  const again = await alex.post('/api/v1/people/alex/food-journal', banana);
  t.equal(again.status, 200, 'the same entry sent again, from another tab or a retry, is answered with the first');
  t.same(again.body, entry);

  // Two cups of coffee and a glass of water at the same millisecond: each keeps its own.
  const at = TODAY + 10 * HOUR;
  const coffee = (await alex.post('/api/v1/people/alex/food-journal', { id: randomUUID(), ...COFFEE, count: 2, ts: at })).body as Entry;
  const water = await alex.post('/api/v1/people/alex/food-journal', { id: randomUUID(), ...WATER, ts: at });
  t.equal(water.status, 201, water.text);
  t.equal(coffee.ts, at);
  t.equal((water.body as Entry).ts, at + 1, 'a millisecond on: no two entries of a person share one');

  const day = async (client: ApiClient = alex, query = ''): Promise<Day> => {
    const got = await client.get(`/api/v1/people/alex/food-journal${query}`);
    if (got.status !== 200) throw new Error(`journal: ${got.status} ${got.text}`);
    return got.body as Day;
  };
  const today = await day();
  t.equal(today.date, '2026-12-02', 'today in the household’s zone when no date is asked');
  t.same(today.entries.map((e) => e.name), ['Bananas, raw', 'Beverages, coffee, brewed, prepared with tap water', 'Beverages, water, tap, drinking']);
  t.match(today.totals, { kcal: 109.7, caffeine_mg: 189.6, drunk_ml: 724 }, 'the day: 105 + 4.7 kcal, two cups’ caffeine, what was drunk (two cups and a glass) and not the banana’s water');
  t.same(today.references.kcal, { amount: 2000, kind: 'about' });
  t.same(today.references.sodium_mg, { amount: 2300, kind: 'at_most' });
  t.same((await day(alex, '?date=2026-12-01')).entries, [], 'yesterday: nothing written');

  await api.hub.store.writer.flushed();
  const readings = async (metric: string): Promise<number[]> => {
    const got = await owner.get(`/api/v1/series?personId=alex&metric=${metric}&from=${TODAY}&to=${TODAY + 24 * HOUR}`);
    if (got.status !== 200) throw new Error(`readings: ${got.status} ${got.text}`);
    return (got.body as { points: { value: number }[] }).points.map((p) => p.value);
  };
  t.same(await readings('energy_intake'), [105, 5], 'each entry is a reading of energy eaten (tap water has none)');
  t.same(await readings('caffeine_intake'), [190]);
  t.same(await readings('water_intake'), [474, 250], 'drinks only, by their volume');

  const removed = await alex.request('DELETE', `/api/v1/people/alex/food-journal/${coffee.id}`);
  t.equal(removed.status, 204, removed.text);
  t.match((await day()).totals, { kcal: 105, caffeine_mg: 0, drunk_ml: 250 }, 'taken back: the totals drop');
  t.same(await readings('caffeine_intake'), [], 'and its readings are gone');
  t.same(await readings('water_intake'), [250]);
  const dayRollup = api.hub.store.db
    .prepare<[], { count: number; sum: number }>("SELECT r.count, r.sum FROM rollup r JOIN series s ON s.id = r.series_id WHERE s.metric = 'water_intake' AND r.resolution = 86400")
    .get();
  t.same(dayRollup, { count: 1, sum: 250 }, 'the day’s rollup no longer counts it');
  t.equal((await alex.request('DELETE', `/api/v1/people/alex/food-journal/${coffee.id}`)).status, 404, 'taken back twice: no such entry');
  t.equal((await alex.post('/api/v1/people/alex/food-journal', { id: coffee.id, ...COFFEE, ts: at })).status, 200, 'its id is not used again');
  t.equal((await day()).entries.length, 2);

  // Written again in the afternoon, another portion: recent foods come each once, as last written.
  t.equal((await alex.post('/api/v1/people/alex/food-journal', { id: randomUUID(), foodId: '09040', meal: 'snack', grams: 136, portion: '1 large (8" to 8-7/8" long) (136 g)', ts: TODAY + 11 * HOUR })).status, 201);
  const recent = (await alex.get('/api/v1/people/alex/food-journal/recent')).body as { foodId: string; portion: string | null; meal: string }[];
  t.same(recent.map((r) => [r.foodId, r.meal, r.portion]), [['09040', 'snack', '1 large (8" to 8-7/8" long) (136 g)'], ['14411', 'drinks', null]], 'the banana as last written, then the water; the coffee taken back is not offered');
});

t.test('trends: each local day’s sodium and energy beside its blood pressure and weight', async (t) => {
  const clock = new ManualClock(NOW);
  const api = await startApiHub({ clock, consumers: [(context) => new NutriVersePart(context)], config: { sleeporacle: { enabled: false, timeZone: 'America/New_York' } } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const DAY = 24 * HOUR;
  // New York is five hours behind in winter: 02:00 UTC on the 2nd is still the evening of the 1st there.
  const eggs = { id: randomUUID(), foodId: '01123', meal: 'dinner', grams: 500 };
  t.equal((await owner.post('/api/v1/people/alex/food-journal', { ...eggs, ts: TODAY + 2 * HOUR })).status, 201);
  t.equal((await owner.post('/api/v1/people/alex/food-journal', { ...BANANA, id: randomUUID(), ts: TODAY + 9 * HOUR })).status, 201);
  const measured = api.hub.context.ingest.submit({
    deviceId: 'strap-alex',
    readings: [
      { metric: 'bp_systolic', value: 130, ts: TODAY - DAY + 14 * HOUR },
      { metric: 'bp_systolic', value: 140, ts: TODAY + HOUR },
      { metric: 'body_weight', value: 80.2, ts: TODAY + 11 * HOUR },
    ],
  });
  t.equal(measured.accepted, 3);
  await api.hub.store.writer.flushed();
  const trends = await owner.get('/api/v1/people/alex/food-journal/trends?days=7');
  t.equal(trends.status, 200, trends.text);
  const days = trends.body as { date: string; kcal: number; sodium_mg: number; entries: number; systolic: number | null; weightKg: number | null }[];
  t.same(days.map((d) => d.date), ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'], 'seven local days to today, oldest first');
  t.match(days[5], { date: '2026-12-01', entries: 1, kcal: 715, sodium_mg: 710, systolic: 135 }, 'the eggs of 21:00 on the 1st in New York, and that day’s two pressures');
  t.match(days[6], { date: '2026-12-02', entries: 1, kcal: 105, alcohol_g: 0, systolic: null, weightKg: 80.2 });
  // A can of beer (355 g at 3.9 g of alcohol per 100 g): the day's alcohol, and a reading of it.
  t.equal((await owner.post('/api/v1/people/alex/food-journal', { id: randomUUID(), foodId: '14003', meal: 'drinks', grams: 355, ts: TODAY + 10 * HOUR })).status, 201);
  t.match(((await owner.get('/api/v1/people/alex/food-journal')).body as { totals: Record<string, number> }).totals, { alcohol_g: 13.8, drunk_ml: 355 });
  const alcohol = await owner.get(`/api/v1/series?personId=alex&metric=alcohol_intake&from=${TODAY}&to=${TODAY + DAY}`);
  t.same((alcohol.body as { points: { value: number }[] }).points.map((p) => p.value), [13.8], 'an alcohol_intake reading of 13.8 g');
  t.match(days[0], { entries: 0, kcal: 0, systolic: null, weightKg: null }, 'a day with nothing: no entries, no measurement');
  t.equal((await owner.get('/api/v1/people/alex/food-journal/trends?days=400')).status, 400, 'at most 90 days');
});

t.test('what an entry must be, in words', async (t) => {
  const clock = new ManualClock(NOW);
  const api = await startApiHub({ clock, consumers: [(context) => new NutriVersePart(context)], config: { sleeporacle: { enabled: false, timeZone: 'Europe/London' } } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const refused = async (body: Record<string, unknown>, status: number, message: RegExp): Promise<void> => {
    const answer = await owner.post('/api/v1/people/alex/food-journal', { id: randomUUID(), ...BANANA, ...body });
    t.equal(answer.status, status, `${JSON.stringify(body)}: ${answer.text}`);
    t.match((answer.body as { message: string }).message, message);
  };
  await refused({ grams: 0 }, 400, /a portion is more than 0 g and at most 2,000 g/);
  await refused({ grams: 2500 }, 400, /at most 2,000 g/);
  await refused({ count: 50 }, 400, /how many is from 0.25 to 20/);
  await refused({ ts: NOW + HOUR }, 400, /cannot be for later than now/);
  await refused({ ts: NOW - 40 * 24 * HOUR }, 400, /go back 30 days at most/);
  await refused({ foodId: '99999' }, 400, /no food 99999 in the food table/);
  await refused({ meal: 'brunch' }, 400, /meal/);
  t.equal((await owner.post('/api/v1/people/alex/food-journal', { ...BANANA, id: 'not-a-uuid' })).status, 400);
  t.equal((await owner.post('/api/v1/people/nobody/food-journal', { id: randomUUID(), ...BANANA })).status, 404, 'nobody of that name');
  t.same((await owner.get('/api/v1/people/alex/food-journal')).body, { personId: 'alex', date: '2026-12-02', entries: [], totals: { kcal: 0, protein_g: 0, fat_g: 0, carbs_g: 0, sugars_g: 0, fiber_g: 0, sodium_mg: 0, water_g: 0, caffeine_mg: 0, alcohol_g: 0, drunk_ml: 0 }, references: { kcal: { amount: 2000, kind: 'about' }, sodium_mg: { amount: 2300, kind: 'at_most' }, caffeine_mg: { amount: 400, kind: 'at_most' }, drunk_ml: { amount: 2000, kind: 'at_least' } } }, 'nothing refused was recorded');
});

t.test('a journal names what a person ate: the person and the owner read it; a caregiver sees the intake as readings only', async (t) => {
  const clock = new ManualClock(NOW);
  const api = await startApiHub({ clock, consumers: [(context) => new NutriVersePart(context)], config: { sleeporacle: { enabled: false, timeZone: 'Europe/London' } } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const alex = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  const sam = await addUser(owner, { username: 'sam', role: 'member', personId: 'sam' });
  const carer = await addUser(owner, { username: 'carer', role: 'caregiver', grants: ['alex'] });
  const viewer = await addUser(owner, { username: 'viewer', role: 'viewer', grants: ['alex'] });

  t.equal((await owner.post('/api/v1/people/alex/food-journal', { id: randomUUID(), ...BANANA })).status, 201, 'the owner writes for anyone');
  t.equal((await alex.get('/api/v1/people/alex/food-journal')).status, 200, 'alex reads his own');
  for (const [who, client] of [['sam', sam], ['a caregiver granted alex', carer], ['a viewer granted alex', viewer], ['nobody signed in', new ApiClient(api.base)]] as const) {
    const read = await client.get('/api/v1/people/alex/food-journal');
    t.ok(read.status === 404 || read.status === 401, `${who} cannot read it (${read.status})`);
    t.notMatch(read.text, /Banana/);
    const write = await client.post('/api/v1/people/alex/food-journal', { id: randomUUID(), ...BANANA });
    t.ok([401, 403, 404].includes(write.status), `${who} cannot write in it (${write.status})`);
  }
  await api.hub.store.writer.flushed();
  const intake = await carer.get(`/api/v1/series?personId=alex&metric=energy_intake&from=${TODAY}&to=${TODAY + 24 * HOUR}`);
  t.equal(intake.status, 200, intake.text);
  t.notMatch(intake.text, /Banana/, 'the caregiver sees the energy eaten, not what was eaten');
  t.equal((await sam.get('/api/v1/people/sam/food-journal')).status, 200, 'sam reads his own');
});

t.test('without NutriVerse the journal says it is turned off', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const answer = await owner.get('/api/v1/people/alex/food-journal');
  t.equal(answer.status, 503);
  t.match((answer.body as { message: string }).message, /turned off on this hub \(nutriverse\.enabled\)/);
});
