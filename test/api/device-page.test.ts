import t, { type Test } from 'tap';
import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import { DeviceDetail, DeviceEventsPage } from '../../hub/api/contract/device-page.js';
import { ErrorBody } from '../../hub/http/error-body.js';
import { ApiClient, OWNER, addUser, onboardOwner, startApiHub } from './api-harness.js';

function conforms(t: Test, schema: TSchema, value: unknown, what: string): void {
  t.same(Value.Errors(schema, value).map((e) => `${e.instancePath} ${e.message}`), [], `${what} is what the contract says`);
}

async function tokenClient(owner: ApiClient, scopes: string[], personIds?: string[]): Promise<ApiClient> {
  const made = await owner.post('/api/v1/tokens', { name: `t-${scopes.join('-')}`, scopes, ...(personIds !== undefined ? { personIds } : {}) });
  const client = new ApiClient(owner.base);
  client.token = (made.body as { token: string }).token;
  return client;
}

const MINUTE = 60_000;

t.test('a device page: whose it is, what it measures, its newest reading, battery over time, its link', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const { ingest, bus } = api.hub.context;
  const now = Date.now();
  ingest.submit({ deviceId: 'strap-alex', readings: [{ metric: 'battery', value: 81, ts: now - 90 * MINUTE }, { metric: 'battery', value: 80, ts: now - 2 * MINUTE }] });
  ingest.submit({ deviceId: 'strap-alex', readings: [{ metric: 'heart_rate', value: 64, ts: now - 5 * MINUTE }] });
  await api.hub.store.writer.flushed();
  bus.emit('device.connection', { deviceId: 'strap-alex', connected: true, ts: now - 60 * MINUTE });
  bus.emit('device.availability', { deviceId: 'strap-alex', available: false, ts: now - 30 * MINUTE });

  const page = await owner.get(`/api/v1/devices/${encodeURIComponent('strap-alex')}`);
  t.equal(page.status, 200);
  conforms(t, DeviceDetail, page.body, 'GET /devices/:id');
  const detail = page.body as DeviceDetail;
  t.same(detail.owner, { id: 'alex', name: 'Alex' }, 'the person it belongs to, by name');
  t.same(detail.measures, ['heart_rate', 'battery'], 'what it measures, in catalogue order');
  t.same(detail.lastReading, { metric: 'heart_rate', value: 64, unit: 'bpm', ts: now - 5 * MINUTE }, 'its newest measurement, not the newer battery level');
  t.equal(detail.battery, 80, 'the battery level now');
  t.same(detail.batteryHistory?.points.map((p) => p.value), [81, 80], 'and over time');
  t.equal(detail.signal, null, 'no radio has heard it');
  t.same(detail.connection, { ts: now - 30 * MINUTE, kind: 'unavailable' }, "its link's newest event");
  t.equal(detail.canManage, true, 'the owner may rename it');

  const loose = (await owner.get('/api/v1/devices/loose-thermo')).body as DeviceDetail;
  t.same([loose.owner, loose.measures, loose.lastReading, loose.batteryHistory, loose.connection], [null, [], null, null, null], 'a device that sent nothing has nothing to show');
});

t.test("a device's connection history pages newest first", async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const t0 = Date.now() - 3_600_000;
  const kinds = ['connected', 'disconnected', 'available', 'unavailable'] as const;
  for (let i = 0; i < 9; i++) {
    const kind = kinds[i % 4] ?? 'connected';
    if (kind === 'connected' || kind === 'disconnected') api.hub.bus.emit('device.connection', { deviceId: 'strap-sam', connected: kind === 'connected', ts: t0 + i * MINUTE });
    else api.hub.bus.emit('device.availability', { deviceId: 'strap-sam', available: kind === 'available', ts: t0 + i * MINUTE });
  }
  api.hub.bus.emit('device.connection', { deviceId: 'strap-alex', connected: true, ts: t0 });

  const seen: { ts: number; kind: string }[] = [];
  let next: number | null = null;
  let pages = 0;
  do {
    const query: string = next === null ? 'limit=4' : `limit=4&before=${next}`;
    const answer = await owner.get(`/api/v1/devices/strap-sam/events?${query}`);
    conforms(t, DeviceEventsPage, answer.body, `page ${pages + 1}`);
    const body = answer.body as DeviceEventsPage;
    t.ok(body.events.length <= 4, 'no page holds more than asked');
    seen.push(...body.events);
    next = body.next;
    pages++;
  } while (next !== null && pages < 10);
  t.equal(pages, 3, 'nine events in pages of four');
  t.same(seen.map((e) => e.ts), [8, 7, 6, 5, 4, 3, 2, 1, 0].map((i) => t0 + i * MINUTE), 'every event once, newest first, only this device’s');
  t.same(seen.slice(-2).map((e) => e.kind), ['disconnected', 'connected']);
  t.equal((await owner.get('/api/v1/devices/strap-sam/events?limit=0')).status, 400, 'a page holds at least one');
  t.equal((await owner.get('/api/v1/devices/strap-sam/events?limit=201')).status, 400, 'and at most 200');
});

t.test('a device page and its history refuse a missing device, a member of another person, and narrow tokens', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const alex = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  const sam = await addUser(owner, { username: 'sam', role: 'member', personId: 'sam' });
  const viewer = await addUser(owner, { username: 'viewer', role: 'viewer', grants: ['alex'] });
  const noRead = await tokenClient(owner, ['write']);
  const forSam = await tokenClient(owner, ['read'], ['sam']);
  const forAlex = await tokenClient(owner, ['read'], ['alex']);
  api.hub.context.registry.noteDeviceSeen('hub:inference:alex', 'inference');
  api.hub.context.registry.assignDevice('hub:inference:alex', 'alex');

  for (const path of ['/api/v1/devices/strap-alex', '/api/v1/devices/strap-alex/events']) {
    for (const [who, client] of [['a member of another person', sam], ['a token without read', noRead], ['a token for another person', forSam]] as const) {
      const refused = await client.get(path);
      t.equal(refused.status, 404, `${path}: ${who} is told there is no such device`);
      conforms(t, ErrorBody, refused.body, `${path}: the refusal`);
    }
    t.equal((await alex.get(path)).status, 200, `${path}: the member it belongs to`);
    t.equal((await viewer.get(path)).status, 200, `${path}: a viewer granted its person`);
    t.equal((await forAlex.get(path)).status, 200, `${path}: a read token for its person`);
  }
  t.equal((await owner.get('/api/v1/devices/no-such-device')).status, 404, 'a missing device');
  t.equal((await owner.get('/api/v1/devices/no-such-device/events')).status, 404, 'and its history');
  t.equal((await owner.get(`/api/v1/devices/${encodeURIComponent('hub:inference:alex')}`)).status, 404, "the models' outputs are no device");
  t.equal(((await alex.get('/api/v1/devices/strap-alex')).body as DeviceDetail).canManage, true, 'its member may rename it');
  t.equal(((await viewer.get('/api/v1/devices/strap-alex')).body as DeviceDetail).canManage, false, 'a viewer may not');
  t.equal(((await sam.get('/api/v1/devices/loose-thermo')).body as DeviceDetail).canManage, true, 'a member may claim a loose device');
  t.equal((await forSam.get('/api/v1/devices/loose-thermo')).status, 404, 'a token limited to people does not reach the loose devices');
});

t.test('connection events are kept in the database file across a restart', async (t) => {
  const first = await startApiHub();
  const { dataDir } = first;
  const owner = await onboardOwner(first.base);
  const ts = Date.now() - 10 * MINUTE;
  first.hub.bus.emit('device.connection', { deviceId: 'strap-alex', connected: true, ts });
  first.hub.bus.emit('device.connection', { deviceId: 'strap-alex', connected: false, ts: ts + MINUTE });
  t.equal(((await owner.get('/api/v1/devices/strap-alex/events')).body as DeviceEventsPage).events.length, 2);
  await first.stop();

  const again = await startApiHub({ dataDir });
  t.teardown(() => again.stop());
  const client = new ApiClient(again.base);
  t.equal((await client.post('/api/v1/auth/login', { username: OWNER.username, password: OWNER.password })).status, 200);
  const kept = (await client.get('/api/v1/devices/strap-alex/events')).body as DeviceEventsPage;
  t.same(kept, { events: [{ ts: ts + MINUTE, kind: 'disconnected' }, { ts, kind: 'connected' }], next: null }, 'both events, read from the file');
  t.same(((await client.get('/api/v1/devices/strap-alex')).body as DeviceDetail).connection, { ts: ts + MINUTE, kind: 'disconnected' });
});

t.test("a shared or reassigned device's page shows only the readings of people the asker may read", async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const { ingest } = api.hub.context;
  const now = Date.now();
  // Gran's oximeter, then lent to alex through a user slot: gran's reading is the newest.
  ingest.submit({ deviceId: 'oximeter-gran', readings: [{ metric: 'spo2', value: 97, ts: now - 20 * MINUTE }] });
  // Sam's strap, later given to alex: sam's heart rate came before it changed hands.
  ingest.submit({ deviceId: 'strap-sam', readings: [{ metric: 'heart_rate', value: 72, ts: now - 10 * MINUTE }] });
  await api.hub.store.writer.flushed();
  t.equal((await owner.request('PATCH', '/api/v1/devices/strap-sam', { personId: 'alex' })).status, 200);
  t.equal((await owner.request('PATCH', '/api/v1/devices/oximeter-gran', { userSlots: { '1': 'alex' } })).status, 200);
  ingest.submit({ deviceId: 'oximeter-gran', readings: [{ metric: 'spo2', value: 91, ts: now - 2 * MINUTE }] });
  await api.hub.store.writer.flushed();

  const viewer = await addUser(owner, { username: 'alex-viewer', role: 'viewer', grants: ['alex'] });
  const alex = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  for (const [who, client] of [['a viewer of alex', viewer], ['alex', alex]] as const) {
    const oximeter = await client.get('/api/v1/devices/oximeter-gran');
    t.equal(oximeter.status, 200, `${who} sees the oximeter alex has a slot on`);
    const shared = oximeter.body as DeviceDetail;
    t.equal(shared.lastReading, null, `${who} is not shown gran's oxygen`);
    t.equal(shared.owner, null, `nor told whose it is`);
    const strap = (await client.get('/api/v1/devices/strap-sam')).body as DeviceDetail;
    t.equal(strap.lastReading, null, `${who} is not shown sam's heart rate from before the strap was alex's`);
    t.same(strap.owner, { id: 'alex', name: 'Alex' });
  }
  const full = (await owner.get('/api/v1/devices/oximeter-gran')).body as DeviceDetail;
  t.same(full.lastReading, { metric: 'spo2', value: 91, unit: '%', ts: now - 2 * MINUTE }, 'the owner sees the newest reading');
  t.same(full.owner, { id: 'gran', name: 'Gran' });
});
