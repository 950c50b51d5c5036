import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { DemoHousehold, DemoRemoval } from '../../hub/api/contract/demo.js';
import { HubStatus } from '../../hub/api/contract/hub-status.js';
import type { Db } from '../../hub/store/index.js';
import { InsightStore } from '../../hub/inference/insight-store.js';
import { waitFor } from '../helpers/hub-process.js';
import { ApiClient, OWNER, onboardOwner, type ApiResponse } from './api-harness.js';
import { DEMO_DEVICES, DEMO_PEOPLE, startDemoHub, type DemoHub } from './helpers/demo-hub.js';

const KILLED_CHILD = fileURLToPath(new URL('./fixtures/removal-killed.js', import.meta.url));

function conforms(t: Test, schema: TSchema, response: ApiResponse, what: string): void {
  t.equal(response.status, 200, `${what}: ${response.status} ${response.text.slice(0, 200)}`);
  t.same(
    Value.Errors(schema, response.body).map((e) => `${e.instancePath} ${e.message}`),
    [],
    `${what} is what the contract says`,
  );
}

const inList = (ids: readonly string[]): string => `(${ids.map((id) => `'${id}'`).join(', ')})`;
const DEMO_DEVICE_IDS = [...DEMO_DEVICES, ...DEMO_PEOPLE.map((p) => `hub:inference:${p}`)];
/** Rows of the simulated household, by table (read straight from the file, as no part would). */
const DEMO_ROWS = {
  series: `device_id IN ${inList(DEMO_DEVICE_IDS)} OR person_id IN ${inList(DEMO_PEOPLE)}`,
  person: `id IN ${inList(DEMO_PEOPLE)}`,
  device: `id IN ${inList(DEMO_DEVICE_IDS)}`,
  device_event: `device_id IN ${inList(DEMO_DEVICE_IDS)}`,
  alert: `person_id IN ${inList(DEMO_PEOPLE)} OR json_extract(body, '$.deviceId') IN ${inList(DEMO_DEVICE_IDS)}`,
  insight: `person_id IN ${inList(DEMO_PEOPLE)}`,
  sleep_session: `person_id IN ${inList(DEMO_PEOPLE)}`,
  account_grant: `person_id IN ${inList(DEMO_PEOPLE)}`,
};

type DemoRowCounts = Record<'series' | 'sample' | 'rollup' | 'waveform_block' | 'person' | 'device' | 'device_event' | 'alert' | 'alert_event' | 'insight' | 'sleep_session' | 'account_grant', number>;
const NONE: DemoRowCounts = { series: 0, sample: 0, rollup: 0, waveform_block: 0, person: 0, device: 0, device_event: 0, alert: 0, alert_event: 0, insight: 0, sleep_session: 0, account_grant: 0 };

/** How many rows of the simulated household each table holds, samples, rollups and waveforms by their series. */
function demoRowCounts(db: Db): DemoRowCounts {
  const tables = new Set(db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
  // A part that is off (the models) has no table: none of its rows, then.
  const count = (table: string, where: string): number => (tables.has(table) ? (db.prepare<[], number>(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() ?? 0) : 0);
  const series = `series_id IN (SELECT id FROM series WHERE ${DEMO_ROWS.series})`;
  return {
    series: count('series', DEMO_ROWS.series),
    sample: count('sample', series),
    rollup: count('rollup', series),
    waveform_block: count('waveform_block', series),
    person: count('person', DEMO_ROWS.person),
    device: count('device', DEMO_ROWS.device),
    device_event: count('device_event', DEMO_ROWS.device_event),
    alert: count('alert', DEMO_ROWS.alert),
    alert_event: count('alert_event', `alert_id IN (SELECT id FROM alert WHERE ${DEMO_ROWS.alert})`),
    insight: count('insight', DEMO_ROWS.insight),
    sleep_session: count('sleep_session', DEMO_ROWS.sleep_session),
    account_grant: count('account_grant', DEMO_ROWS.account_grant),
  };
}

/** Every row of the household's own people and devices, in full, for comparing before and after. */
function realRows(db: Db): Record<string, unknown[]> {
  const all = (sql: string): unknown[] => db.prepare(sql).all();
  const series = `SELECT id FROM series WHERE NOT (${DEMO_ROWS.series})`;
  return {
    series: all(`SELECT * FROM series WHERE NOT (${DEMO_ROWS.series}) ORDER BY id`),
    sample: all(`SELECT * FROM sample WHERE series_id IN (${series}) ORDER BY series_id, ts`),
    rollup: all(`SELECT * FROM rollup WHERE series_id IN (${series}) ORDER BY series_id, resolution, bucket`),
    waveform_block: all(`SELECT series_id, t0, sample_count FROM waveform_block WHERE series_id IN (${series}) ORDER BY series_id, t0`),
    person: all(`SELECT * FROM person WHERE NOT (${DEMO_ROWS.person}) ORDER BY id`),
    device: all(`SELECT id, name, driver, first_seen FROM device WHERE NOT (${DEMO_ROWS.device}) ORDER BY id`),
    device_event: all(`SELECT * FROM device_event WHERE NOT (${DEMO_ROWS.device_event}) ORDER BY id`),
    alert: all(`SELECT id, person_id, rule FROM alert WHERE NOT (${DEMO_ROWS.alert}) ORDER BY id`),
    alert_event: all(`SELECT * FROM alert_event WHERE alert_id IN (SELECT id FROM alert WHERE NOT (${DEMO_ROWS.alert})) ORDER BY id`),
    insight: all(`SELECT * FROM insight WHERE NOT (${DEMO_ROWS.insight}) ORDER BY id`),
    sleep_session: all(`SELECT * FROM sleep_session WHERE NOT (${DEMO_ROWS.sleep_session}) ORDER BY person_id, start`),
    account_grant: all(`SELECT * FROM account_grant WHERE NOT (${DEMO_ROWS.account_grant}) ORDER BY user_id, person_id`),
    account_user: all('SELECT id, username, role, person_id FROM account_user ORDER BY id'),
  };
}

/** An owner's integration token that may send readings. */
async function ingestToken(owner: ApiClient): Promise<ApiClient> {
  const made = await owner.post('/api/v1/tokens', { name: 'test ingest', scopes: ['ingest'] });
  if (made.status !== 201) throw new Error(`token refused: ${made.status} ${made.text}`);
  const client = new ApiClient(owner.base);
  client.token = (made.body as { token: string }).token;
  return client;
}

async function send(ingest: ApiClient, deviceId: string, readings: { metric: string; value: number; ts?: number }[]): Promise<void> {
  const sent = await ingest.post(`/api/v1/ingest/${encodeURIComponent(deviceId)}`, { readings });
  if (sent.status >= 300) throw new Error(`ingest for ${deviceId} refused: ${sent.status} ${sent.text}`);
}

/**
 * A household that used the demo for a while: the simulated household streaming, a real person
 * (Gran) with her own scale, the household's own hall thermometer lent to Alex (a demo person), a
 * caregiver granted Alex and Gran, a low battery alert on each side, an insight on each side.
 */
async function householdWithDemo(t: Test, demo: DemoHub): Promise<{ owner: ApiClient; gran: string }> {
  const owner = await onboardOwner(demo.base);
  const ingest = await ingestToken(owner);
  const gran = ((await owner.post('/api/v1/people', { name: 'Gran' })).body as { id: string }).id;
  const now = Date.now();
  await send(ingest, 'kitchen-scale', [{ metric: 'body_weight', value: 61.2, ts: now - 3_600_000 }]);
  t.equal((await owner.request('PATCH', '/api/v1/devices/kitchen-scale', { personId: gran, name: 'Kitchen scale' })).status, 200, "Gran's scale is hers");
  await send(ingest, 'kitchen-scale', [
    { metric: 'body_weight', value: 61.4, ts: now - 60_000 },
    { metric: 'battery', value: 9, ts: now - 50_000 },
  ]);
  await send(ingest, 'hall-thermometer', [{ metric: 'body_temperature', value: 36.6, ts: now - 7_200_000 }]);
  t.equal((await owner.request('PATCH', '/api/v1/devices/hall-thermometer', { personId: 'alex' })).status, 200, 'the hall thermometer was lent to Alex');
  await send(ingest, 'hall-thermometer', [{ metric: 'body_temperature', value: 36.9, ts: now - 30_000 }]);
  await send(ingest, 'sim:thermometer-alex', [{ metric: 'battery', value: 7, ts: now - 40_000 }]);
  const carer = await owner.post('/api/v1/users', { username: 'carer', password: 'carer-password-long', displayName: 'Carer', role: 'caregiver', grants: ['alex', gran] });
  t.equal(carer.status, 201, 'a caregiver of Alex and Gran');
  const insights = new InsightStore(demo.hub.store.db);
  insights.add({ personId: 'alex', model: 'illness-rhr', title: 'Resting heart rate up', explanation: 'x', score: 0.7, ts: now - 10_000 });
  insights.add({ personId: gran, model: 'illness-rhr', title: 'Resting heart rate up', explanation: 'y', score: 0.6, ts: now - 10_000 });
  // A night of each, as SleepOracle keeps them (old enough that its own analysis leaves it alone).
  const night = demo.hub.store.db.prepare('INSERT INTO sleep_session (person_id, start, end, night, kind, summary) VALUES (?, ?, ?, ?, ?, ?)');
  for (const personId of ['alex', gran]) night.run(personId, now - 78 * 3_600_000, now - 70 * 3_600_000, 'three nights ago', 'night', '{}');
  // The simulated devices' stored history and live readings, committed.
  await waitFor('readings of the simulated household', async () => (demoRowCounts(demo.hub.store.db).sample > 50 ? true : undefined), 30_000);
  demo.hub.store.writer.flush();
  return { owner, gran };
}

t.test('removing the demo household deletes exactly its rows in one go, and a restart does not bring it back', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-demo-'));
  let demo = await startDemoHub(dataDir);
  t.teardown(() => demo.stop());
  const { owner, gran } = await householdWithDemo(t, demo);
  const db = (): Db => demo.hub.store.db;

  const before = demoRowCounts(db());
  for (const table of ['series', 'sample', 'rollup', 'person', 'device', 'device_event', 'alert', 'alert_event', 'insight', 'sleep_session', 'account_grant'] as const) t.ok(before[table] > 0, `the demo household has ${table} rows (${before[table]})`);
  const status = await owner.get('/api/v1/hub');
  conforms(t, HubStatus, status, 'GET /hub');
  t.equal((status.body as HubStatus).demo.running, true, 'the simulated household runs');

  const described = await owner.get('/api/v1/demo');
  conforms(t, DemoHousehold, described, 'GET /demo');
  const shown = described.body as DemoHousehold;
  t.same(shown.people.map((p) => p.name).sort(), ['Alex', 'Sam'], 'it names the people who go');
  t.same(shown.devices.map((d) => d.id).sort(), [...DEMO_DEVICES].sort(), 'and its devices, not the household’s own');
  t.ok(shown.readings > 0 && shown.alerts >= 1 && shown.insights === 1 && shown.sleepSessions === 1, `and what goes with them (${shown.readings} readings, ${shown.alerts} alerts, ${shown.insights} insight, ${shown.sleepSessions} night)`);
  t.equal(shown.removedAt, null, 'it has not been removed');

  const real = realRows(db());
  const removed = await owner.post('/api/v1/demo/remove');
  conforms(t, DemoRemoval, removed, 'POST /demo/remove');
  const outcome = removed.body as DemoRemoval;
  t.equal(outcome.people, 2, 'two people went');
  t.equal(outcome.devicesUnassigned, 1, "the household's own thermometer stays, no longer Alex's");
  t.ok(outcome.readings >= before.sample && outcome.alerts >= before.alert && outcome.insights === 1 && outcome.sleepSessions === 1 && outcome.grants === 1, 'with their readings, alerts, insights, nights and grants');

  t.same(demoRowCounts(db()), NONE, 'nothing of the demo household is left in any table');
  t.same(realRows(db()), real, "and every row of the household's own people and devices is as it was");
  const thermometer = demo.hub.context.registry.device('hall-thermometer');
  t.ok(thermometer !== undefined && thermometer.personId === undefined, 'the hall thermometer belongs to nobody now');
  const people = ((await owner.get('/api/v1/people')).body as { id: string; name: string }[]).map((p) => p.name).sort();
  t.same(people, ['Gran', OWNER.displayName].sort(), 'the household is its own people');
  t.equal(((await owner.get('/api/v1/hub')).body as HubStatus).demo.running, false, 'the simulation has stopped');
  t.not(demo.hub.context.services.simulation.current(), undefined, 'its part is paused, not gone, until the hub stops');
  const again = await owner.post('/api/v1/demo/remove');
  t.equal(again.status, 200, 'asking again is harmless');
  t.equal((again.body as DemoRemoval).removedAt, outcome.removedAt, 'and says when it was removed');

  await demo.stop();
  demo = await startDemoHub(dataDir);
  const back = new ApiClient(demo.base);
  t.equal((await back.post('/api/v1/auth/login', { username: OWNER.username, password: OWNER.password })).status, 200, 'the owner signs in after the restart');
  t.equal(demo.hub.context.services.simulation.current(), undefined, 'the simulation does not start again');
  t.equal(((await back.get('/api/v1/hub')).body as HubStatus).demo.running, false, 'and the hub says so');
  const afterRestart = (await back.get('/api/v1/demo')).body as DemoHousehold;
  t.equal(afterRestart.removedAt, outcome.removedAt, 'the removal is remembered');
  t.same([afterRestart.people.length, afterRestart.devices.length, afterRestart.readings], [0, 0, 0], 'and nothing came back');
  t.same(demoRowCounts(db()), NONE, 'no demo row in the file after the restart');
  t.same(realRows(db()), real, "the household's own rows are still as they were");
  t.ok(gran.startsWith('p-'), 'Gran is a person of the household');
});

t.test('an account of a demo person keeps the demo household: the removal is refused, nothing goes', async (t) => {
  const demo = await startDemoHub(mkdtempSync(join(tmpdir(), 'hearth-demo-')), { inference: false });
  t.teardown(() => demo.stop());
  const owner = await onboardOwner(demo.base);
  const member = await owner.post('/api/v1/users', { username: 'alex', password: 'alex-password-long', displayName: 'Alex', role: 'member', personId: 'alex' });
  t.equal(member.status, 201, 'Alex of the demo got an account');
  await waitFor('readings of the simulated household', async () => (demoRowCounts(demo.hub.store.db).sample > 0 ? true : undefined), 30_000);
  const refused = await owner.post('/api/v1/demo/remove');
  t.equal(refused.status, 409, 'the removal is refused');
  t.match((refused.body as { message: string }).message, /alex.*remove that account/, 'saying which account stands in the way');
  t.equal(demoRowCounts(demo.hub.store.db).person, 2, 'both demo people are still there');
  t.equal(((await owner.get('/api/v1/hub')).body as HubStatus).demo.running, true, 'and the simulation still runs');
});

t.test('a hub killed in the middle of the removal keeps the whole demo household, and removes it after', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-demo-killed-'));
  const child = spawn(process.execPath, [KILLED_CHILD, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const base = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const match = /listening (\S+)\n/.exec(buffered);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    void exited.then((signal) => reject(new Error(`the child ended (${String(signal)}) before it listened`)));
  });
  const owner = await onboardOwner(base);
  const ingest = await ingestToken(owner);
  await send(ingest, 'sim:thermometer-alex', [{ metric: 'battery', value: 7, ts: Date.now() - 10_000 }]);
  const held = await waitFor('readings of the simulated household', async () => {
    const shown = (await owner.get('/api/v1/demo')).body as DemoHousehold;
    return shown.readings > 20 && shown.alerts > 0 ? shown : undefined;
  }, 30_000);

  const answer = await owner.post('/api/v1/demo/remove').then(
    (response) => `answered ${response.status}`,
    () => 'no answer',
  );
  t.equal(await exited, 'SIGKILL', 'the hub was killed inside the removal');
  t.equal(answer, 'no answer', 'before it could answer');

  const demo = await startDemoHub(dataDir, { inference: false });
  t.teardown(() => demo.stop());
  const counts = demoRowCounts(demo.hub.store.db);
  t.equal(counts.person, 2, 'both demo people are still there');
  t.equal(counts.device, DEMO_DEVICES.length, 'and all their devices');
  t.ok(counts.sample >= held.readings, `with every reading committed before (${counts.sample} of at least ${held.readings})`);
  t.ok(counts.alert >= held.alerts, 'and their alerts');
  t.equal(demo.hub.context.registry.simulated.removedAt(), undefined, 'the removal did not happen, so it is not remembered');
  t.not(demo.hub.context.services.simulation.current(), undefined, 'and the simulation starts again');

  const again = new ApiClient(demo.base);
  await again.post('/api/v1/auth/login', { username: OWNER.username, password: OWNER.password });
  const removed = await again.post('/api/v1/demo/remove');
  t.equal(removed.status, 200, 'the removal asked again goes through');
  t.same(demoRowCounts(demo.hub.store.db), NONE, 'and leaves nothing of the demo household');
});
