import t from 'tap';
import type { HubBus, PairingChangedEvent } from '../../hub/bus/hub-events.js';
import type { AlertLine, AlertsView, ApiAlert } from '../../hub/services/alerts-service.js';
import { addUser, onboardOwner, startApiHub } from './api-harness.js';
import { LiveClient, wsUrl } from './live-client.js';

t.test('pairing window: opens with permit-join on the bus, collects discovered devices, closes', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const changes: PairingChangedEvent[] = [];
  api.hub.bus.on('pairing.changed', 'test', (e) => changes.push(e));
  const bus = api.hub.bus;
  bus.emit('device.discovered', { deviceId: 'early', transport: 'ble', ts: Date.now() });
  const opened = await owner.post('/api/v1/devices/pairing', { seconds: 60 });
  t.equal(opened.status, 200);
  const until = (opened.body as { until: number }).until;
  t.ok(until > Date.now() + 50_000 && until <= Date.now() + 60_000);
  t.same(changes, [{ open: true, until }]);
  bus.emit('device.discovered', { deviceId: 'AA:BB:CC:DD:EE:FF', name: 'Polar H10', driver: 'polar-h10', rssi: -61, transport: 'ble', ts: Date.now() });
  const state = (await owner.get('/api/v1/devices/pairing')).body as { open: boolean; found: { deviceId: string; name: string; driver: string; rssi: number }[] };
  t.equal(state.open, true);
  t.match(state.found, [{ deviceId: 'AA:BB:CC:DD:EE:FF', name: 'Polar H10', driver: 'polar-h10', rssi: -61 }]);
  t.equal(state.found.length, 1, 'devices heard before the window opened are not listed');
  const closed = await owner.request('DELETE', '/api/v1/devices/pairing');
  t.equal((closed.body as { open: boolean }).open, false);
  t.equal(changes.at(-1)?.open, false);
  t.equal((await owner.post('/api/v1/devices/pairing', {})).status, 200, 'default length');
  const byDefault = (await owner.get('/api/v1/devices/pairing')).body as { until: number };
  t.ok(byDefault.until - Date.now() > 100_000 && byDefault.until - Date.now() <= 120_000, 'two minutes by default');
});

/** An alerts engine of the test's own: alerts in memory, each change told on the bus as the real engine tells it. */
class FakeAlerts implements AlertsView {
  readonly alerts = new Map<string, ApiAlert>();
  constructor(private readonly bus: HubBus) {}
  list(filter: { state: 'open' | 'all' }, allowed: readonly string[] | 'all'): ApiAlert[] {
    return [...this.alerts.values()].filter((a) => (filter.state === 'all' || a.state === 'raised') && (allowed === 'all' || (a.personId !== undefined && allowed.includes(a.personId))));
  }
  get(id: string): ApiAlert | undefined {
    return this.alerts.get(id);
  }
  personLog(): [] {
    return [];
  }
  acknowledge(id: string, by: { displayName: string }, channel: string): ApiAlert | undefined {
    const alert = this.alerts.get(id);
    if (alert === undefined) return undefined;
    const acked = { ...alert, state: 'acknowledged', acknowledgedBy: by.displayName, channel };
    this.alerts.set(id, acked);
    return acked;
  }
  lines(): readonly AlertLine[] {
    return [];
  }
  raise(alert: ApiAlert & { readonly title: string }): void {
    this.alerts.set(alert.id, alert);
    const about = alert.personId !== undefined ? { personId: alert.personId } : {};
    this.bus.emit('alert.changed', { id: alert.id, ...about, severity: 'warning', title: alert.title, spoken: alert.title, explanation: '', state: 'raised', change: 'raised', ts: Date.now(), record: alert });
  }
}

t.test('alerts: 503 until an engine registers, then filtered by person and acknowledged by those allowed', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const carer = await addUser(owner, { username: 'carer', role: 'caregiver', grants: ['gran'] });
  const viewer = await addUser(owner, { username: 'viewer', role: 'viewer', grants: ['gran'] });
  const sam = await addUser(owner, { username: 'sam', role: 'member', personId: 'sam' });
  const unavailable = await carer.get('/api/v1/alerts');
  t.equal(unavailable.status, 503);
  t.equal((unavailable.body as { error: string }).error, 'alerts_unavailable');
  t.equal((await carer.get('/api/v1/insights')).status, 503);

  const engine = new FakeAlerts(api.hub.bus);
  api.hub.context.services.alerts.provide(engine);
  const socket = new LiveClient(wsUrl(api.base, '/api/v1/live'), { cookie: carer.cookie ?? '' });
  t.teardown(() => socket.close());
  await socket.opened;
  socket.send({ type: 'subscribe' });
  await socket.next((m) => m['type'] === 'subscribed');
  engine.raise({ id: 'a-sam', personId: 'sam', state: 'raised', title: 'High heart rate' });
  engine.raise({ id: 'a-gran', personId: 'gran', state: 'raised', title: 'Low SpO2' });
  const pushed = await socket.next((m) => m['type'] === 'alert');
  t.match(pushed, { alert: { id: 'a-gran' } });
  t.equal(socket.messages.filter((m) => m['type'] === 'alert').length, 1, "the caregiver is not told about sam's alert");

  t.same(((await carer.get('/api/v1/alerts')).body as ApiAlert[]).map((a) => a.id), ['a-gran']);
  t.same(((await sam.get('/api/v1/alerts')).body as ApiAlert[]).map((a) => a.id), ['a-sam']);
  t.equal((await carer.post('/api/v1/alerts/a-sam/ack')).status, 404, 'an alert of someone not granted is invisible');
  t.equal((await viewer.post('/api/v1/alerts/a-gran/ack')).status, 403, 'viewers do not acknowledge');
  const acked = await carer.post('/api/v1/alerts/a-gran/ack');
  t.equal(acked.status, 200);
  t.match(acked.body, { id: 'a-gran', state: 'acknowledged', acknowledgedBy: 'carer', channel: 'dashboard' });
  t.same(((await carer.get('/api/v1/alerts?state=all')).body as ApiAlert[]).map((a) => a.state), ['acknowledged']);
});
