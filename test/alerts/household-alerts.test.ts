import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import { SIMULATED_PEOPLE } from '../../drivers/sim/household-profile.js';
import { breathingEventAt } from '../../drivers/sim/physiology.js';
import { ManualClock } from '../../core/clock.js';
import { ApiClient, onboardOwner, OWNER } from '../api/api-harness.js';
import { LiveClient, wsUrl } from '../api/live-client.js';
import { alertsListener, eventually, startAlertsHub } from './helpers/alerts-hub.js';

const MINUTE = 60_000;
const alex = SIMULATED_PEOPLE.find((p) => p.id === 'alex');
if (alex === undefined) throw new Error('the simulated household has no Alex');

/** The first minute of Alex's night with an oxygen dip, as the simulated physiology decides it. */
function firstDipAfter(from: number): number {
  for (let minute = Math.ceil(from / MINUTE); ; minute++) {
    const at = minute * MINUTE;
    if (alex !== undefined && breathingEventAt(alex, at)) return at;
  }
}

/** A caregiver's push server (an ntfy stand-in) on 127.0.0.1 that records what it receives. */
async function pushReceiver(t: { teardown(fn: () => unknown): void }): Promise<{ url: string; received: { headers: IncomingMessage['headers']; body: string }[] }> {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/caregiver-alex`, received };
}

function isWav(file: string): { riff: string; wave: string; bytes: number } {
  const bytes = readFileSync(file);
  return { riff: bytes.subarray(0, 4).toString('latin1'), wave: bytes.subarray(8, 12).toString('latin1'), bytes: bytes.length };
}

t.test('a night-time SpO2 dip: one alert on every channel, repeated, escalated, stopped by an MQTT acknowledgement', async (t) => {
  const dip = firstDipAfter(Date.UTC(2024, 2, 10, 23, 30));
  const clock = new ManualClock(dip - 2 * MINUTE);
  const caregiver = await pushReceiver(t);
  const hub = await startAlertsHub({
    clock,
    live: true,
    alerts: {
      // Alex's own rule: the simulated dips last 40 s, so a 20 s duration catches them.
      people: { alex: { spo2_low: { forSeconds: 20 } } },
      caregivers: { alex: [caregiver.url] },
    },
  });
  t.teardown(() => hub.stop());
  const owner = await onboardOwner(hub.base);
  const socket = new LiveClient(wsUrl(hub.base, '/api/v1/live'), { cookie: owner.cookie ?? '' });
  t.teardown(() => socket.close());
  await socket.opened;
  await socket.next((m) => m['type'] === 'ready');
  socket.send({ type: 'subscribe' });
  await socket.next((m) => m['type'] === 'subscribed');
  const speaker = await alertsListener(hub, 'kitchen-speaker');
  t.teardown(() => speaker.client.endAsync());

  hub.live(6 * MINUTE);

  const spo2Alerts = hub.alerts.engine.openAlerts().filter((a) => a.rule === 'spo2_low');
  t.equal(spo2Alerts.length, 1, 'the dip raised one alert, not one per reading');
  const alert = spo2Alerts[0];
  if (alert === undefined) return;
  t.equal(alert.personId, 'alex');
  t.equal(alert.severity, 'critical');
  t.equal(alert.state, 'notified', 'critical alerts are not held by the quiet hours');
  t.match(alert.spoken, /^Alex's oxygen level has been below 90 percent for \d+ seconds\. It is now \d+ percent\.$/);
  t.match(alert.data, { metric: 'spo2', below: 90, deviceId: 'sim:oximeter-alex' });
  t.ok((alert.data['worst'] as number) < 90, 'the data holds the lowest value of the dip');

  const onSocket = await socket.next((m) => m['type'] === 'alert' && (m['alert'] as { id?: string; state?: string }).id === alert.id && (m['alert'] as { state?: string }).state === 'notified');
  t.match(onSocket['alert'], { personId: 'alex', severity: 'critical', rule: 'spo2_low', title: 'Oxygen level low — Alex' });
  const onMqtt = await eventually('the alert on hearth/alerts', () => speaker.messages.find((m) => m['id'] === alert.id && m['state'] === 'notified'));
  t.equal(onMqtt['spoken'], alert.spoken, 'smart speakers get the sentence to say');

  await hub.alerts.settled();
  const wav = isWav(join(hub.dataDir, 'alerts', 'speech', `${alert.id}.wav`));
  t.same([wav.riff, wav.wave], ['RIFF', 'WAVE'], 'the hub spoke it into a WAV file (no audio device configured)');
  t.ok(wav.bytes > 20_000, `the WAV holds the sentence (${wav.bytes} bytes)`);

  const notifications = (): number => speaker.messages.filter((m) => m['id'] === alert.id && m['state'] === 'notified').length;
  clock.advance(5 * MINUTE);
  hub.alerts.tick();
  t.equal(hub.alerts.engine.openAlerts().find((a) => a.id === alert.id)?.repeats, 1, 'repeated after 5 minutes without acknowledgement');
  await eventually('the repeat on hearth/alerts', () => (notifications() >= 2 ? true : undefined));

  clock.advance(5 * MINUTE);
  hub.alerts.tick();
  t.equal(caregiver.received.length, 0, 'no escalation before 15 minutes');
  clock.advance(5 * MINUTE);
  hub.alerts.tick();
  await hub.alerts.settled();
  t.equal(caregiver.received.length, 1, 'escalated to the caregiver after 15 minutes');
  t.equal(caregiver.received[0]?.headers['priority'], '5');
  t.match(caregiver.received[0]?.body, /^Alex's oxygen level has been below 90 percent/);
  t.ok(hub.alerts.engine.openAlerts().find((a) => a.id === alert.id)?.escalatedAt !== undefined);

  await speaker.client.publishAsync(`hearth/alerts/${alert.id}/ack`, '', { qos: 1 });
  const acked = await eventually('the acknowledgement on hearth/alerts', () => speaker.messages.find((m) => m['id'] === alert.id && (m['state'] === 'acknowledged' || m['state'] === 'resolved')));
  t.ok(acked, 'speakers hear that it was acknowledged');
  await socket.next((m) => m['type'] === 'alert' && (m['alert'] as { id?: string; acknowledgedVia?: string }).id === alert.id && (m['alert'] as { acknowledgedVia?: string }).acknowledgedVia === 'mqtt');

  const before = notifications();
  clock.advance(30 * MINUTE);
  hub.alerts.tick();
  await hub.alerts.settled();
  t.equal(notifications(), before, 'no repeat after the acknowledgement');
  t.equal(caregiver.received.length, 1, 'no second escalation');

  // Sessions time out on the hub's clock, which the test moved on: the owner logs in again.
  const login = await owner.post('/api/v1/auth/login', { username: OWNER.username, password: OWNER.password });
  t.equal(login.status, 200, login.text);
  // The alert's history, through the view the alerts part provides in the hub's services.
  const detail = await hub.hub.context.services.alerts.current()?.get(alert.id);
  const kinds = ((detail?.['history'] as { kind: string; channel?: string }[] | undefined) ?? []).map((h) => (h.channel === undefined ? h.kind : `${h.kind}:${h.channel}`));
  for (const expected of ['raised', 'notified:mqtt', 'no_recipient:speech', 'no_recipient:webhook', 'repeated', 'escalated', 'notified:webhook', 'acknowledged:mqtt']) t.ok(kinds.includes(expected), `history has ${expected}`);
  const listed = await owner.get('/api/v1/alerts?state=all');
  t.match(listed.body, [{ id: alert.id, acknowledgedBy: 'kitchen-speaker', acknowledgedVia: 'mqtt' }]);
});

t.test('an open alert survives a restart and is acknowledged from the dashboard', async (t) => {
  const dip = firstDipAfter(Date.UTC(2024, 2, 12, 23, 10));
  const clock = new ManualClock(dip - 2 * MINUTE);
  const settings = { people: { alex: { spo2_low: { forSeconds: 20 } } } };
  const first = await startAlertsHub({ clock, live: true, alerts: settings });
  await onboardOwner(first.base);
  first.live(4 * MINUTE);
  const raised = first.alerts.engine.openAlerts().filter((a) => a.rule === 'spo2_low');
  t.equal(raised.length, 1);
  const id = raised[0]?.id ?? '';
  await first.stop();

  const second = await startAlertsHub({ clock, live: true, alerts: settings, dataDir: first.dataDir, mqttPort: first.mqttPort });
  t.teardown(() => second.stop());
  t.same(
    second.alerts.engine.openAlerts().map((a) => [a.id, a.state]),
    [[id, 'notified']],
    'the alert open before the restart is open after it',
  );
  const speaker = await alertsListener(second, 'bedroom-speaker');
  t.teardown(() => speaker.client.endAsync());
  clock.advance(5 * MINUTE);
  second.alerts.tick();
  await eventually('the repeat after the restart', () => speaker.messages.find((m) => m['id'] === id && m['state'] === 'notified'));

  second.live(3 * MINUTE);
  t.equal(second.alerts.engine.openAlerts().filter((a) => a.rule === 'spo2_low').length, 1, 'a later dip folds into the open alert');

  const owner = new ApiClient(second.base);
  const login = await owner.post('/api/v1/auth/login', { username: OWNER.username, password: OWNER.password });
  t.equal(login.status, 200, `the owner account survived too: ${login.text}`);
  const open = await owner.get('/api/v1/alerts');
  t.match(open.body, [{ id, state: 'notified', personId: 'alex' }]);
  const ack = await owner.post(`/api/v1/alerts/${id}/ack`);
  t.equal(ack.status, 200);
  t.match(ack.body, { id, acknowledgedBy: 'Pat', acknowledgedVia: 'dashboard' });
  await eventually('the acknowledgement on hearth/alerts', () => speaker.messages.find((m) => m['id'] === id && (m['state'] === 'acknowledged' || m['state'] === 'resolved')));
  const count = speaker.messages.filter((m) => m['id'] === id && m['state'] === 'notified').length;
  clock.advance(20 * MINUTE);
  second.alerts.tick();
  await second.alerts.settled();
  t.equal(speaker.messages.filter((m) => m['id'] === id && m['state'] === 'notified').length, count, 'silent once acknowledged');
});

t.test('a warning held by quiet hours is on the dashboard at once, and on MQTT only once released', async (t) => {
  const clock = new ManualClock(Date.UTC(2024, 4, 14, 23, 0));
  const hub = await startAlertsHub({ clock, live: true, alerts: { quietHours: { enabled: true, start: '22:00', end: '07:00', hold: ['info', 'warning'], timeZone: 'UTC' } } });
  t.teardown(() => hub.stop());
  const owner = await onboardOwner(hub.base);
  const socket = new LiveClient(wsUrl(hub.base, '/api/v1/live'), { cookie: owner.cookie ?? '' });
  t.teardown(() => socket.close());
  await socket.opened;
  await socket.next((m) => m['type'] === 'ready');
  socket.send({ type: 'subscribe' });
  await socket.next((m) => m['type'] === 'subscribed');
  const speaker = await alertsListener(hub, 'hall-speaker');
  t.teardown(() => speaker.client.endAsync());

  hub.hub.context.ingest.submit({ deviceId: 'thermo-sam', readings: [{ metric: 'body_temperature', value: 38.6, ts: clock.now() }] });
  const shown = await socket.next((m) => m['type'] === 'alert');
  t.match(shown['alert'], { rule: 'fever', personId: 'sam', state: 'raised', held: true, change: 'raised' }, 'the dashboard shows the held warning');
  const id = (shown['alert'] as { id: string }).id;

  clock.set(Date.UTC(2024, 4, 15, 7, 0));
  hub.alerts.tick();
  await socket.next((m) => m['type'] === 'alert' && (m['alert'] as { state?: string }).state === 'notified');
  const first = await eventually('the released warning on hearth/alerts', () => speaker.messages.find((m) => m['id'] === id));
  t.equal(first['state'], 'notified', 'MQTT hears of it first when it is notified, never while it was held');
});
