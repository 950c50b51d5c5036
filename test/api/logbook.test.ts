import t, { type Test } from 'tap';
import { Value } from 'typebox/value';
import { ManualClock } from '../../core/clock.js';
import type { Alert } from '../../hub/api/contract/alerts.js';
import { LogbookPage, type LogbookEntry } from '../../hub/api/contract/logbook.js';
import { startAlertsHub, type AlertsHub } from '../alerts/helpers/alerts-hub.js';
import { ApiClient, addUser, onboardOwner } from './api-harness.js';

const START = Date.UTC(2024, 2, 11, 9, 0);
const HOUR = 3_600_000;

/** Three hours of the simulated household (Alex and Sam), with a rule that alerts on any heart rate. */
async function household(t: Test): Promise<{ hub: AlertsHub; clock: ManualClock; owner: ApiClient }> {
  const clock = new ManualClock(START);
  const hub = await startAlertsHub({
    clock,
    live: true,
    alerts: { rules: { heart_rate_watch: { kind: 'threshold', metric: 'heart_rate', above: 25, forSeconds: 0, hysteresis: 0, severity: 'warning', enabled: true } } },
  });
  t.teardown(() => hub.stop());
  for (let step = 0; step < 36; step++) {
    clock.advance(5 * 60_000);
    hub.tickHousehold();
  }
  await hub.hub.store.writer.flushed();
  // Signed in once the hours have passed: a session idle for three hours has ended.
  const owner = await onboardOwner(hub.base);
  return { hub, clock, owner };
}

async function page(client: ApiClient, personId: string, query = ''): Promise<LogbookPage> {
  const answer = await client.get(`/api/v1/people/${personId}/logbook${query}`);
  if (answer.status !== 200) throw new Error(`logbook answered ${answer.status}: ${answer.text}`);
  return answer.body as LogbookPage;
}

const key = (e: LogbookEntry): string => JSON.stringify(e);

t.test("a person's logbook: hours of what streams, each measurement, alerts and who acknowledged them, device events", async (t) => {
  const { hub, owner } = await household(t);
  const open = (await owner.get('/api/v1/alerts')).body as Alert[];
  const alexAlert = open.find((a) => a.personId === 'alex');
  if (alexAlert === undefined) return t.fail('the heart rate rule raised an alert for Alex');
  t.equal((await owner.post(`/api/v1/alerts/${alexAlert.id}/ack`)).status, 200);

  const first = await page(owner, 'alex', '?limit=200');
  t.same(Value.Errors(LogbookPage, first).map((e) => `${e.instancePath} ${e.message}`), [], 'the answer is what the contract says');
  const kinds = new Set(first.entries.map((e) => e.kind));
  t.same([...kinds].sort(), ['alert', 'device', 'hour', 'measurement'], 'every kind of entry is there');
  for (let i = 1; i < first.entries.length; i++) t.ok((first.entries[i]?.ts ?? 0) <= (first.entries[i - 1]?.ts ?? 0), `entry ${i} is no newer than the one above it`);

  const hours = first.entries.flatMap((e) => (e.kind === 'hour' && e.metric === 'heart_rate' ? [e] : []));
  t.same(hours.map((h) => h.ts).filter((ts) => ts < START + 3 * HOUR), [START + 2 * HOUR, START + HOUR, START], 'heart rate comes as one line an hour');
  const full = hours[1];
  t.ok(full !== undefined && full.count > 3000 && full.min <= full.mean && full.mean <= full.max && full.mean > 40 && full.mean < 120, `an hour sums up its readings (${JSON.stringify(full)})`);
  const pressures = first.entries.flatMap((e) => (e.kind === 'measurement' && e.values.some((v) => v.metric === 'bp_systolic') ? [e] : []));
  t.ok(pressures.length > 0, 'blood pressures from the cuff’s memory are listed');
  t.ok(pressures.every((p) => p.values.some((v) => v.metric === 'bp_diastolic')), 'each with its diastolic value in the same entry');
  t.ok(pressures.every((p) => p.values.some((v) => v.metric === 'pulse_rate')), 'and the pulse the cuff took with it, not an hour of its own');
  t.ok(first.entries.every((e) => e.kind !== 'hour' || e.metric !== 'pulse_rate' || e.ts >= START), "the oximeter's pulse streams as hours; the cuff's older pulses do not");
  t.ok(pressures.every((p) => p.device.name === 'Blood-pressure cuff'), 'and the device that took it, by name');
  const metrics = new Set<string>(first.entries.flatMap((e): string[] => (e.kind === 'hour' ? [e.metric] : e.kind === 'measurement' ? e.values.map((v) => v.metric) : [])));
  for (const hidden of ['battery', 'rr_interval', 'af_probability']) t.notOk(metrics.has(hidden), `no ${hidden} in a logbook`);

  const alerts = first.entries.flatMap((e) => (e.kind === 'alert' ? [e] : []));
  t.same(alerts.map((a) => a.change), ['acknowledged', 'raised'], 'the alert was raised, then acknowledged');
  t.match(alerts[0], { alertId: alexAlert.id, by: 'Pat', severity: 'warning' }, 'by whom');
  t.ok(alerts.every((a) => a.alertId === alexAlert.id), "only Alex's alert is in Alex's logbook");
  const devices = first.entries.flatMap((e) => (e.kind === 'device' ? [e] : []));
  t.ok(devices.some((d) => d.event === 'connected' && d.device.id === 'sim:strap-alex' && d.device.name !== null), "Alex's strap connected, named");
  t.ok(devices.every((d) => !d.device.id.includes('sam')), "Sam's own devices are not in Alex's logbook");
  t.equal(first.next, null, 'three hours fit in one page of 200');

  // The same logbook a few entries at a time: every entry once, in the same order.
  const paged: LogbookEntry[] = [];
  let before: number | null = null;
  let pages = 0;
  do {
    const next: LogbookPage = await page(owner, 'alex', `?limit=7${before === null ? '' : `&before=${before}`}`);
    paged.push(...next.entries);
    before = next.next;
    pages++;
  } while (before !== null && pages < 100);
  t.ok(pages > 3, `${pages} pages of seven`);
  t.same(paged.map(key), first.entries.map(key), 'paging gives every entry once, newest first');

  hub.tickHousehold();
  t.equal((await owner.get('/api/v1/people/alex/logbook?limit=0')).status, 400, 'a page holds at least one entry');
  t.equal((await owner.get('/api/v1/people/alex/logbook?limit=201')).status, 400, 'and at most 200');
  t.equal((await owner.get('/api/v1/people/alex/logbook?before=-5')).status, 400, 'before is a time');
});

t.test('a logbook refuses whoever may not read the person’s series', async (t) => {
  const { owner } = await household(t);
  const sam = await addUser(owner, { username: 'sam', role: 'member', personId: 'sam' });
  const viewer = await addUser(owner, { username: 'viewer', role: 'viewer', grants: ['alex'] });
  const carer = await addUser(owner, { username: 'carer', role: 'caregiver', grants: ['sam'] });
  const token = async (scopes: string[], personIds?: string[]): Promise<ApiClient> => {
    const made = await owner.post('/api/v1/tokens', { name: 'logbook', scopes, ...(personIds !== undefined ? { personIds } : {}) });
    const client = new ApiClient(owner.base);
    client.token = (made.body as { token: string }).token;
    return client;
  };
  const refused: [string, ApiClient][] = [
    ['a member of another person', sam],
    ['a caregiver of another person', carer],
    ['a token without read', await token(['write', 'admin'])],
    ['a read token for another person', await token(['read'], ['sam'])],
  ];
  for (const [who, client] of refused) {
    const answer = await client.get('/api/v1/people/alex/logbook');
    t.same([answer.status, (answer.body as { error: string }).error], [404, 'person_not_found'], `${who} is told there is no such person`);
    t.equal((await client.get(`/api/v1/series?personId=alex&metric=heart_rate&from=${START}&to=${START + HOUR}`)).status, 404, `${who} may not read the series either`);
  }
  t.equal((await viewer.get('/api/v1/people/alex/logbook')).status, 200, 'a viewer granted Alex reads it');
  t.equal((await (await token(['read'], ['alex'])).get('/api/v1/people/alex/logbook')).status, 200, 'and a read token for Alex');
  t.equal((await owner.get('/api/v1/people/nobody/logbook')).status, 404, 'a missing person');
  t.equal((await new ApiClient(owner.base).get('/api/v1/people/alex/logbook')).status, 401, 'and nobody signed in');
});
