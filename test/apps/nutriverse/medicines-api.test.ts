import t from 'tap';
import { ManualClock } from '../../../core/clock.js';
import { alertsPartFactory } from '../../../hub/alerts/alerts-part.js';
import { NutriVersePart } from '../../../hub/apps/nutriverse/nutriverse-part.js';
import { addUser, ApiClient, onboardOwner, startApiHub, type ApiHub } from '../../api/api-harness.js';
import { waitFor } from '../../helpers/hub-process.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Wednesday 2 December 2026 in London (on UTC in winter), before breakfast.
const TODAY = Date.UTC(2026, 11, 2);
const TOMORROW = TODAY + 24 * HOUR;

interface Dose {
  medicineId: string;
  name: string;
  date: string;
  time: string;
  state: string;
  at: number | null;
}
interface Day {
  date: string;
  medicines: { id: string; name: string; times: string[]; important: boolean }[];
  doses: Dose[];
  week: { scheduled: number; taken: number; late: number; skipped: number; missed: number; share: number | null };
}
interface Alert {
  rule: string;
  personId?: string;
  state: string;
  title: string;
  explanation: string;
}

async function readingsOf(api: ApiHub, owner: ApiClient, metric: string, from: number, to: number): Promise<number[]> {
  await api.hub.store.writer.flushed();
  const got = await owner.get(`/api/v1/series?personId=gran&metric=${metric}&from=${from}&to=${to}`);
  if (got.status !== 200) throw new Error(`series: ${got.status} ${got.text}`);
  return (got.body as { points: { value: number }[] }).points.map((p) => p.value);
}

t.test('medicines: doses due at their times, recorded taken, late or skipped, a week’s adherence, and a missed important dose alerting without naming the medicine', async (t) => {
  const clock = new ManualClock(TODAY + 7 * HOUR);
  let part: NutriVersePart | undefined;
  const said: string[] = [];
  const speaker = { speak: async (text: string) => (said.push(text), { file: 'reminder.wav', played: true }) };
  const api = await startApiHub({
    clock,
    consumers: [alertsPartFactory({ speaker }), (context) => (part = new NutriVersePart(context))],
    config: { sleeporacle: { enabled: false, timeZone: 'Europe/London' } },
  });
  t.teardown(() => api.stop());
  if (part === undefined) throw new Error('the nutriverse part did not start');
  const nutriverse = part;
  const owner = await onboardOwner(api.base);
  await addUser(owner, { username: 'carer', role: 'caregiver', grants: ['gran'] });
  // Tokens: the clock moves by hours, which would end a login session.
  owner.token = ((await owner.post('/api/v1/tokens', { name: 'medicines', scopes: ['read', 'write'] })).body as { token: string }).token;

  const made = await owner.post('/api/v1/people/gran/medicines', { name: 'Metformin', dose: '500 mg', times: ['20:00', '08:00'], important: true });
  t.equal(made.status, 201, made.text);
  const metformin = made.body as { id: string; times: string[] };
  t.same(metformin.times, ['08:00', '20:00'], 'times kept in order');
  const vitamin = (await owner.post('/api/v1/people/gran/medicines', { name: 'Vitamin D', times: ['09:00'] })).body as { id: string };

  const day = async (query = ''): Promise<Day> => (await owner.get(`/api/v1/people/gran/medicines${query}`)).body as Day;
  t.same((await day()).doses.map((d) => `${d.time} ${d.name} ${d.state}`), ['08:00 Metformin upcoming', '09:00 Vitamin D upcoming', '20:00 Metformin upcoming']);
  t.same((await owner.get('/api/v1/medicine-reminders')).body, [], 'nothing due before breakfast');

  clock.set(TODAY + 8 * HOUR + 5 * MINUTE);
  const reminders = (await owner.get('/api/v1/medicine-reminders')).body as { personId: string; doses: Dose[] }[];
  t.same(reminders.map((r) => [r.personId, r.doses.map((d) => `${d.time} ${d.name}`)]), [['gran', ['08:00 Metformin']]], 'at its time, the reminder');
  const published: unknown[] = [];
  api.hub.context.bus.on('reminder.due', 'test', (reminder) => published.push(reminder));
  nutriverse.checkMissedDoses();
  nutriverse.checkMissedDoses();
  t.same(published, [{ personId: 'gran', kind: 'medicine', time: '08:00', due: TODAY + 8 * HOUR, count: 1, spoken: 'Gran, it is time for your 08:00 medicine.' }], 'reminded once, of who and when, not of what');
  await waitFor('the reminder said', async () => (said.includes('Gran, it is time for your 08:00 medicine.') ? true : undefined), 5000);
  t.notMatch(said.join(' '), /Metformin/, 'the speaker never says the medicine’s name');
  const taken = await owner.request('PUT', `/api/v1/people/gran/medicines/${metformin.id}/doses/2026-12-02/08:00`, { status: 'taken' });
  t.equal(taken.status, 200, taken.text);
  t.match(taken.body, { state: 'taken', at: TODAY + 8 * HOUR + 5 * MINUTE });
  t.same((await owner.get('/api/v1/medicine-reminders')).body, [], 'taken: no reminder left');
  t.same(await readingsOf(api, owner, 'medication_taken', TODAY, TOMORROW), [1], 'a medication_taken reading for the dose');

  // Vitamin D is never recorded: missed three hours on, but it is not marked important.
  clock.set(TODAY + 12 * HOUR + 5 * MINUTE);
  nutriverse.checkMissedDoses();
  t.same((await day()).doses.map((d) => d.state), ['taken', 'missed', 'upcoming']);
  t.same(await readingsOf(api, owner, 'medicine_missed', TODAY, TOMORROW), [], 'a missed dose of a medicine not marked important alerts nobody');

  // The evening's Metformin goes unrecorded.
  clock.set(TODAY + 23 * HOUR + 5 * MINUTE);
  nutriverse.checkMissedDoses();
  nutriverse.checkMissedDoses();
  t.same(await readingsOf(api, owner, 'medicine_missed', TODAY, TOMORROW), [1], 'one missed important dose, written once');
  // The caregiver signs in now: the clock moved on by more than a session lasts.
  const carer = new ApiClient(api.base);
  t.equal((await carer.post('/api/v1/auth/login', { username: 'carer', password: 'carer-password-long' })).status, 200);
  const alerts = async (client: ApiClient): Promise<Alert[]> => {
    const got = await client.get('/api/v1/alerts?state=all');
    if (got.status !== 200) throw new Error(`alerts: ${got.status} ${got.text}`);
    return got.body as Alert[];
  };
  const raised = await waitFor('the alert', async () => (await alerts(carer)).find((a) => a.rule === 'medicine_missed' && a.state !== 'resolved'), 5000);
  t.match(raised.title, /^An important medicine not taken — Gran$/, 'the caregiver is alerted');
  t.notMatch(`${raised.title} ${raised.explanation}`, /Metformin/, 'without the medicine’s name');
  t.equal((await carer.get('/api/v1/people/gran/medicines')).status, 404, 'and cannot read the medicines');
  t.same((await carer.get('/api/v1/medicine-reminders')).body, [], 'nor their reminders');

  // Next morning: taken, so the alert clears; the vitamin taken late.
  clock.set(TOMORROW + 8 * HOUR + 10 * MINUTE);
  t.equal((await carer.post('/api/v1/auth/login', { username: 'carer', password: 'carer-password-long' })).status, 200);
  t.equal((await owner.request('PUT', `/api/v1/people/gran/medicines/${metformin.id}/doses/2026-12-03/08:00`, { status: 'taken' })).status, 200);
  t.same(await readingsOf(api, owner, 'medicine_missed', TODAY, TOMORROW + 24 * HOUR), [1, 0], 'answered by the next dose: back to 0');
  await waitFor('the alert cleared', async () => ((await alerts(carer)).some((a) => a.rule === 'medicine_missed' && a.state === 'active') ? undefined : true), 5000);
  clock.set(TOMORROW + 10 * HOUR + 30 * MINUTE);
  t.match((await owner.request('PUT', `/api/v1/people/gran/medicines/${vitamin.id}/doses/2026-12-03/09:00`, { status: 'taken' })).body, { state: 'late' }, 'an hour and a half after its time: late');
  const skipped = await owner.request('PUT', `/api/v1/people/gran/medicines/${metformin.id}/doses/2026-12-02/20:00`, { status: 'skipped', at: TODAY + 22 * HOUR });
  t.match(skipped.body, { state: 'skipped' }, 'yesterday evening’s, said afterwards to have been skipped');

  const week = (await day()).week;
  t.match(week, { scheduled: 5, taken: 2, late: 1, skipped: 1, missed: 1 }, 'the week: five due so far (tonight’s is not yet)');
  t.equal(week.share, 3 / 5, 'three of five taken');

  const undone = await owner.request('PUT', `/api/v1/people/gran/medicines/${vitamin.id}/doses/2026-12-03/09:00`, { status: null });
  t.match(undone.body, { state: 'due', at: null }, 'the record taken back: due again, within its three hours');
  t.same(await readingsOf(api, owner, 'medication_taken', TODAY, TOMORROW + 24 * HOUR), [1, 1], 'and its reading is gone');

  t.equal((await owner.request('DELETE', `/api/v1/people/gran/medicines/${vitamin.id}`)).status, 204, 'stopped');
  const after = await day();
  t.same(after.medicines.map((m) => m.name), ['Metformin'], 'a stopped medicine is no longer listed');
  t.same(after.doses.map((d) => `${d.time} ${d.name} ${d.state}`), ['08:00 Metformin taken', '09:00 Vitamin D missed', '20:00 Metformin upcoming'], 'its doses before it stopped stay in the history, the one never recorded missed');
});

t.test('what a medicine and a dose must be, in words', async (t) => {
  const clock = new ManualClock(TODAY + 9 * HOUR);
  const api = await startApiHub({ clock, consumers: [(context) => new NutriVersePart(context)], config: { sleeporacle: { enabled: false, timeZone: 'Europe/London' } } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const sam = await addUser(owner, { username: 'sam', role: 'member', personId: 'sam' });
  const refused = async (body: unknown, status: number, message: RegExp): Promise<void> => {
    const answer = await owner.post('/api/v1/people/gran/medicines', body);
    t.equal(answer.status, status, answer.text);
    t.match((answer.body as { message: string }).message, message);
  };
  await refused({ name: 'Aspirin', times: ['25:00'] }, 400, /times\/0 must match pattern/);
  await refused({ name: 'Aspirin', times: [] }, 400, /must NOT have fewer than 1 items/);
  await refused({ name: '   ', times: ['08:00'] }, 400, /a medicine needs a name/);
  const aspirin = (await owner.post('/api/v1/people/gran/medicines', { name: 'Aspirin', dose: '75 mg', times: ['08:00', '08:00'] })).body as { id: string; times: string[] };
  t.same(aspirin.times, ['08:00'], 'the same time twice is one dose');
  const dose = (path: string, body: unknown) => owner.request('PUT', `/api/v1/people/gran/medicines/${aspirin.id}/doses/${path}`, body);
  t.match((await dose('2026-12-02/12:00', { status: 'taken' })).body, { message: /08:00 are this medicine's times; none is due at 12:00/ });
  t.match((await dose('2026-12-03/08:00', { status: 'taken', at: TODAY + 10 * HOUR })).body, { message: /cannot be recorded for later than now/ });
  t.match((await dose('2026-12-03/08:00', { status: 'taken' })).body, { message: /from two hours before its time/ });
  t.match((await dose('2026-12-02/08:00', { status: 'taken' })).body, { message: /none is due at 08:00 on 2026-12-02/ }, 'written down at 09:00: this morning’s 08:00 was no dose of it');
  t.match((await dose('2026-02-30/08:00', { status: 'taken' })).body, { message: /2026-02-30 is not a day of the calendar/ });
  t.equal((await sam.get('/api/v1/people/gran/medicines')).status, 404, 'another member cannot see them');
  t.equal((await sam.request('PUT', `/api/v1/people/gran/medicines/${aspirin.id}/doses/2026-12-02/08:00`, { status: 'taken' })).status, 404);
  t.equal((await sam.request('PUT', `/api/v1/people/sam/medicines/${aspirin.id}/doses/2026-12-02/08:00`, { status: 'taken' })).status, 404, 'nor record gran’s dose through his own');
  const important = await owner.request('PATCH', `/api/v1/people/gran/medicines/${aspirin.id}`, { important: true });
  t.match(important.body, { id: aspirin.id, dose: '75 mg', important: true, times: ['08:00'] }, 'a change of flag keeps the dose and the times as they were');
  const retimed = await owner.request('PATCH', `/api/v1/people/gran/medicines/${aspirin.id}`, { times: ['07:30', '19:30'] });
  t.equal(retimed.status, 200, retimed.text);
  t.match(retimed.body, { dose: '75 mg', important: true, times: ['07:30', '19:30'] }, 'new times keep the dose and the flag');
  const after = (await owner.get('/api/v1/people/gran/medicines')).body as Day;
  t.same(after.doses.map((d) => d.time), ['19:30'], 'new times from now on: this morning’s 07:30 had passed before they were set');
  t.same(after.medicines.map((m) => m.times), [['07:30', '19:30']], 'one medicine, on its new times');
});
