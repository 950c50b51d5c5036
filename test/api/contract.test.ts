import t, { type Test } from 'tap';
import Type, { type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { ManualClock } from '../../core/clock.js';
import { Alert, ChangedAlert } from '../../hub/api/contract/alerts.js';
import { LoggedOut, Me, OnboardingState, SessionInfo } from '../../hub/api/contract/auth.js';
import { DeviceSummary, ForgottenDevice, PairingState, PairingWindowState } from '../../hub/api/contract/devices.js';
import { ErrorBody } from '../../hub/http/error-body.js';
import { HealthReport } from '../../hub/api/contract/health.js';
import { IngestOutcome } from '../../hub/api/contract/ingest.js';
import { Insight } from '../../hub/api/contract/insights.js';
import { LiveMessage } from '../../hub/api/contract/live.js';
import { PersonSummary } from '../../hub/api/contract/people.js';
import { SeriesAnswer, WaveformAnswer } from '../../hub/api/contract/series.js';
import { HouseholdSettings } from '../../hub/api/contract/settings.js';
import { ApiToken, RevokedToken } from '../../hub/api/contract/tokens.js';
import { RemovedUser, UserJson } from '../../hub/api/contract/users.js';
import { INFERENCE_SCHEMA_PART, inferenceMigrations, InsightStore } from '../../hub/inference/insight-store.js';
import { migrate } from '../../hub/store/index.js';
import { startAlertsHub } from '../alerts/helpers/alerts-hub.js';
import { ApiClient, onboardOwner, OWNER, seedReadings, startApiHub, type ApiResponse } from './api-harness.js';
import { LiveClient, wsUrl } from './live-client.js';

/**
 * The contract's schemas describe what the hub really answers: every JSON answer of the routes and
 * every live message is checked against its schema, which refuses fields it does not name.
 */
function conforms(t: Test, schema: TSchema, value: unknown, what: string): void {
  const problems = Value.Errors(schema, value).map((e) => `${e.instancePath === '' ? '/' : e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  t.same(problems, [], `${what} is what the contract says`);
}

function answered(t: Test, response: ApiResponse, status: number, schema: TSchema, what: string): void {
  t.equal(response.status, status, `${what}: ${response.status}`);
  conforms(t, schema, response.body, what);
}

const List = <Item extends TSchema>(item: Item) => Type.Array(item);

t.test('every JSON answer of the REST routes is what the contract says', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const base = api.base;
  const T0 = Date.now() - 3_600_000;
  const range = `from=${T0 - 60_000}&to=${T0 + 3_600_000}`;

  answered(t, await new ApiClient(base).get('/api/v1/onboarding'), 200, OnboardingState, 'GET /onboarding');
  const first = new ApiClient(base);
  answered(t, await first.post('/api/v1/onboarding', OWNER), 201, SessionInfo, 'POST /onboarding');
  const owner = new ApiClient(base);
  answered(t, await owner.post('/api/v1/auth/login', { username: OWNER.username, password: OWNER.password }), 200, SessionInfo, 'POST /auth/login');
  answered(t, await owner.post('/api/v1/auth/refresh'), 200, SessionInfo, 'POST /auth/refresh');
  answered(t, await owner.get('/api/v1/me'), 200, Me, 'GET /me (session)');
  answered(t, await first.post('/api/v1/auth/logout'), 200, LoggedOut, 'POST /auth/logout');
  answered(t, await owner.get('/api/v1/health'), 200, HealthReport, 'GET /health');

  await seedReadings(api.hub, 'strap-alex', [
    { metric: 'heart_rate', value: 61, ts: T0 },
    { metric: 'heart_rate', value: 64, ts: T0 + 60_000 },
    { metric: 'spo2', value: 97, ts: T0 },
  ]);
  api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: [], waveforms: [{ metric: 'ecg', rateHz: 130, samples: [10, -20, 30, 400, 20], t0: T0 }] });
  api.hub.store.writer.flush();

  answered(t, await owner.get('/api/v1/people'), 200, List(PersonSummary), 'GET /people');
  answered(t, await owner.get('/api/v1/people/alex'), 200, PersonSummary, 'GET /people/:id');
  answered(t, await owner.post('/api/v1/people', { name: 'Robin', birthYear: 1990 }), 201, PersonSummary, 'POST /people');
  const series = await owner.get(`/api/v1/series?personId=alex&metric=heart_rate&${range}`);
  answered(t, series, 200, SeriesAnswer, 'GET /series (raw)');
  t.equal((series.body as SeriesAnswer).points.length, 2, 'the series has its points');
  answered(t, await owner.get(`/api/v1/series?personId=alex&metric=heart_rate&${range}&maxPoints=1`), 200, SeriesAnswer, 'GET /series (rolled up)');
  const waveforms = await owner.get(`/api/v1/waveforms?personId=alex&metric=ecg&from=${T0}&to=${T0 + 60_000}`);
  answered(t, waveforms, 200, WaveformAnswer, 'GET /waveforms');
  t.equal((waveforms.body as WaveformAnswer).blocks.length, 1, 'the waveform has its block');

  answered(t, await owner.get('/api/v1/devices'), 200, List(DeviceSummary), 'GET /devices');
  answered(t, await owner.request('PATCH', '/api/v1/devices/loose-thermo', { name: 'Hall thermometer', personId: 'sam' }), 200, DeviceSummary, 'PATCH /devices/:id');
  answered(t, await owner.request('PATCH', '/api/v1/devices/loose-thermo', { personId: null }), 200, DeviceSummary, 'PATCH /devices/:id (unassigned)');
  answered(t, await owner.request('DELETE', '/api/v1/devices/loose-thermo'), 200, ForgottenDevice, 'DELETE /devices/:id');
  answered(t, await owner.post('/api/v1/devices/pairing', { seconds: 60 }), 200, PairingWindowState, 'POST /devices/pairing');
  api.hub.bus.emit('device.discovered', { deviceId: 'AA:BB:CC:DD:EE:FF', name: 'Polar H10', driver: 'polar-h10', rssi: -61, transport: 'ble', ts: Date.now() });
  api.hub.bus.emit('device.discovered', { deviceId: 'quiet-one', transport: 'ble', ts: Date.now() });
  const pairing = await owner.get('/api/v1/devices/pairing');
  answered(t, pairing, 200, PairingState, 'GET /devices/pairing (open)');
  t.equal((pairing.body as PairingState).found.length, 2, 'both devices heard are listed');
  answered(t, await owner.request('DELETE', '/api/v1/devices/pairing'), 200, PairingWindowState, 'DELETE /devices/pairing');
  answered(t, await owner.get('/api/v1/devices/pairing'), 200, PairingState, 'GET /devices/pairing (closed)');

  answered(t, await owner.get('/api/v1/settings'), 200, HouseholdSettings, 'GET /settings');
  answered(t, await owner.request('PATCH', '/api/v1/settings', { units: 'imperial', householdName: 'The Flat' }), 200, HouseholdSettings, 'PATCH /settings');

  const member = await owner.post('/api/v1/users', { username: 'sam', password: 'sam-password-long', displayName: 'Sam', role: 'member', personId: 'sam' });
  answered(t, member, 201, UserJson, 'POST /users (member)');
  const carer = await owner.post('/api/v1/users', { username: 'carer', password: 'carer-password-long', displayName: 'Carer', role: 'caregiver', grants: ['alex'] });
  answered(t, carer, 201, UserJson, 'POST /users (caregiver)');
  const carerId = (carer.body as UserJson).id;
  answered(t, await owner.request('PUT', `/api/v1/users/${carerId}/grants`, { grants: ['alex', 'sam'] }), 200, UserJson, 'PUT /users/:id/grants');
  answered(t, await owner.get('/api/v1/users'), 200, List(UserJson), 'GET /users');
  answered(t, await owner.request('DELETE', `/api/v1/users/${carerId}`), 200, RemovedUser, 'DELETE /users/:id');

  const created = await owner.post('/api/v1/tokens', { name: 'shortcut', scopes: ['read', 'ingest'], personIds: ['alex'] });
  answered(t, created, 201, ApiToken, 'POST /tokens');
  t.type((created.body as ApiToken).token, 'string', 'the new token is in the answer that creates it');
  const ingest = await owner.post('/api/v1/tokens', { name: 'ingest', scopes: ['ingest'] });
  const integration = new ApiClient(base);
  integration.token = (ingest.body as { token: string }).token;
  answered(t, await integration.get('/api/v1/me'), 200, Me, 'GET /me (token)');
  answered(t, await integration.post('/api/v1/ingest/strap-alex', { readings: [{ metric: 'heart_rate', value: 70 }, { metric: 'heart_rate', value: 900 }] }), 200, IngestOutcome, 'POST /ingest/:deviceId');
  const tokens = await owner.get('/api/v1/tokens');
  answered(t, tokens, 200, List(ApiToken), 'GET /tokens');
  t.notOk((tokens.body as ApiToken[]).some((token) => 'token' in token), 'a listed token never shows the token itself');
  answered(t, await owner.request('DELETE', `/api/v1/tokens/${(created.body as ApiToken).id}`), 200, RevokedToken, 'DELETE /tokens/:id');

  answered(t, await owner.get('/api/v1/series?personId=alex&metric=nonsense&from=0&to=10'), 400, ErrorBody, 'a refused query');
  answered(t, await owner.post('/api/v1/people', { name: 'Kim', admin: true }), 400, ErrorBody, 'a refused body');
  answered(t, await owner.get('/api/v1/people/nobody'), 404, ErrorBody, 'a missing person');
  answered(t, await new ApiClient(base).get('/api/v1/people'), 401, ErrorBody, 'an anonymous request');
  answered(t, await owner.get('/api/v1/alerts'), 503, ErrorBody, 'alerts on a hub without the engine');

  // What GET /api/v1/insights passes on from the inference part's store, filtered by who asks.
  migrate(api.hub.store.db, INFERENCE_SCHEMA_PART, inferenceMigrations);
  const insights = new InsightStore(api.hub.store.db);
  insights.add({ personId: 'alex', model: 'illness-rhr', title: 'Resting heart rate is up', explanation: 'Three days above your usual range.', score: 0.81, ts: T0 });
  conforms(t, List(Insight), insights.list('all'), 'the insights the API lists');
});

t.test('every message of the live socket is what the contract says', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  await seedReadings(api.hub, 'strap-alex', [{ metric: 'heart_rate', value: 61, ts: Date.now() - 60_000 }]);
  const socket = new LiveClient(wsUrl(api.base, '/api/v1/live'), { cookie: owner.cookie ?? '' });
  t.teardown(() => socket.close());
  await socket.opened;
  await socket.next((m) => m['type'] === 'ready');
  socket.send({ type: 'subscribe', latest: true });
  await socket.next((m) => m['type'] === 'reading' && m['latest'] === true);
  api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: [{ metric: 'heart_rate', value: 62 }] });
  await socket.next((m) => m['type'] === 'reading' && m['latest'] === undefined);
  api.hub.bus.emit('device.availability', { deviceId: 'strap-alex', available: false, ts: Date.now() });
  api.hub.bus.emit('device.connection', { deviceId: 'strap-alex', connected: true, ts: Date.now() });
  api.hub.bus.emit('device.status', { deviceId: 'strap-alex', code: 'no_contact', message: 'the strap does not touch the skin', ts: Date.now() });
  await socket.next((m) => m['type'] === 'device' && m['event'] === 'status');
  t.ok(socket.messages.some((m) => m['type'] === 'device' && m['event'] === 'connection'), 'a connection is told live');
  socket.send({ type: 'ping' });
  socket.send({ type: 'launch' });
  socket.send({ type: 'unsubscribe' });
  await socket.next((m) => m['type'] === 'unsubscribed');

  const types = socket.messages.map((m) => m['type']);
  t.same([...new Set(types)].sort(), ['device', 'error', 'pong', 'reading', 'ready', 'subscribed', 'unsubscribed'], 'each kind of message was seen');
  for (const message of socket.messages) conforms(t, LiveMessage, message, `the live "${String(message['type'])}" message ${JSON.stringify(message).slice(0, 80)}`);
});

t.test('alerts from the real engine, listed, acknowledged and told live, are what the contract says', async (t) => {
  const clock = new ManualClock(Date.UTC(2024, 2, 11, 9, 0));
  const hub = await startAlertsHub({
    clock,
    live: true,
    alerts: { rules: { heart_rate_watch: { kind: 'threshold', metric: 'heart_rate', above: 25, forSeconds: 0, hysteresis: 0, severity: 'critical', enabled: true } } },
  });
  t.teardown(() => hub.stop());
  const owner = await onboardOwner(hub.base);
  const socket = new LiveClient(wsUrl(hub.base, '/api/v1/live'), { cookie: owner.cookie ?? '' });
  t.teardown(() => socket.close());
  await socket.opened;
  socket.send({ type: 'subscribe' });
  await socket.next((m) => m['type'] === 'subscribed');

  hub.live(60_000);
  const open = await owner.get('/api/v1/alerts');
  answered(t, open, 200, List(Alert), 'GET /alerts');
  const raised = (open.body as Alert[]).find((a) => a.rule === 'heart_rate_watch');
  if (raised === undefined) return t.fail('the heart rate rule raised an alert');
  answered(t, await owner.post(`/api/v1/alerts/${raised.id}/ack`), 200, Alert, 'POST /alerts/:id/ack');
  answered(t, await owner.get('/api/v1/alerts?state=all'), 200, List(Alert), 'GET /alerts?state=all');

  const told = await socket.next((m) => m['type'] === 'alert' && (m['alert'] as ChangedAlert).change === 'acknowledged');
  conforms(t, LiveMessage, told, 'the live "alert" message');
  for (const message of socket.messages.filter((m) => m['type'] === 'alert')) conforms(t, ChangedAlert, message['alert'], `the live alert (${String((message['alert'] as ChangedAlert).change)})`);
});
