import t from 'tap';
import { ManualClock } from '../../core/clock.js';
import type { MetricId } from '../../core/metrics.js';
import type { AlertRecord } from '../../hub/alerts/alert-record.js';
import { startAlertsHub, type AlertsHub } from './helpers/alerts-hub.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOON = Date.UTC(2024, 4, 14, 12, 0);
const QUIET_UTC = { enabled: true, start: '22:00', end: '07:00', hold: ['info', 'warning'] as ('info' | 'warning')[], timeZone: 'UTC' };

function submit(hub: AlertsHub, deviceId: string, metric: MetricId, value: number, ts: number): void {
  const outcome = hub.hub.context.ingest.submit({ deviceId, readings: [{ metric, value, ts }] });
  if (outcome.accepted !== 1) throw new Error(`the gate refused ${metric} ${value}`);
}

function alertsOf(hub: AlertsHub, rule: string, deviceId?: string): AlertRecord[] {
  const all = hub.alerts.engine.openAlerts().filter((a) => a.rule === rule && (deviceId === undefined || a.deviceId === deviceId));
  return all;
}

async function quietHub(t: { teardown(fn: () => unknown): void }, clock: ManualClock): Promise<AlertsHub> {
  const hub = await startAlertsHub({ clock, alerts: { quietHours: QUIET_UTC } });
  t.teardown(() => hub.stop());
  return hub;
}

t.test('a temperature hovering at the line raises one alert and does not flap', async (t) => {
  const clock = new ManualClock(NOON);
  const hub = await quietHub(t, clock);
  for (const value of [37.9, 38.1, 38, 38.2, 37.9, 38.1, 37.8, 38.3]) {
    clock.advance(MINUTE);
    submit(hub, 'thermo-sam', 'body_temperature', value, clock.now());
  }
  const fever = alertsOf(hub, 'fever');
  t.equal(fever.length, 1);
  t.equal(fever[0]?.occurrences, 1, 'values between the line and the clearing point neither clear nor raise again');
  t.equal(fever[0]?.conditionClearedAt, undefined);
  t.match(fever[0]?.spoken, /^Sam's temperature is 38\.1 degrees, above 38 degrees\.$/);
});

t.test('a value flapping across the whole band raises at most one alert per hysteresis window', async (t) => {
  const clock = new ManualClock(NOON);
  const hub = await quietHub(t, clock);
  const ids = new Set<string>();
  const flap = (count: number): void => {
    for (let i = 0; i < count; i++) {
      clock.advance(2 * MINUTE);
      submit(hub, 'thermo-sam', 'body_temperature', i % 2 === 0 ? 38.4 : 37.4, clock.now());
      for (const a of alertsOf(hub, 'fever')) ids.add(a.id);
    }
  };
  flap(6);
  t.equal(ids.size, 1, 'unacknowledged: every recurrence folds into the open alert');
  const [first] = ids;
  t.equal(alertsOf(hub, 'fever')[0]?.occurrences, 3);
  hub.alerts.engine.acknowledge(first ?? '', { by: 'Pat', via: 'dashboard' });
  flap(6);
  t.equal(ids.size, 1, 'acknowledged and resolved, then back within the window: the same alert reopens');
  t.equal(alertsOf(hub, 'fever')[0]?.state, 'notified', 'the reopened alert is told again');
  hub.alerts.engine.acknowledge(first ?? '', { by: 'Pat', via: 'dashboard' });
  clock.advance(2 * MINUTE);
  submit(hub, 'thermo-sam', 'body_temperature', 37.2, clock.now());
  t.equal(alertsOf(hub, 'fever').length, 0, 'resolved');
  clock.advance(45 * MINUTE);
  flap(1);
  t.equal(ids.size, 2, 'after the window a new fever is a new alert');
});

t.test('quiet hours hold a warning until morning, never a critical alert', async (t) => {
  const clock = new ManualClock(Date.UTC(2024, 4, 14, 23, 0));
  const spoken: string[] = [];
  const speaker = { speak: async (_text: string, alertId: string) => (spoken.push(alertId), { file: '', played: true }) };
  const hub = await startAlertsHub({ clock, alerts: { quietHours: QUIET_UTC }, part: { speaker } });
  t.teardown(() => hub.stop());
  // What MQTT, integrations and the speaker hear, and what only the dashboard shows.
  const announced: string[] = [];
  const shownOnly: string[] = [];
  hub.hub.bus.on('alert.changed', 'test', (event) => (event.silent === true ? shownOnly : announced).push(`${event.rule ?? ''}:${event.state}`));
  submit(hub, 'thermo-sam', 'body_temperature', 38.6, clock.now());
  const [fever] = alertsOf(hub, 'fever');
  t.match(fever, { state: 'raised', held: true });
  t.same(announced, [], 'nothing on MQTT or the speaker for a held warning');
  t.same(shownOnly, ['fever:raised'], 'the dashboard shows it at once');
  clock.set(Date.UTC(2024, 4, 15, 6, 59));
  hub.alerts.tick();
  t.same(announced, [], 'still held at 06:59');
  await hub.alerts.settled();
  t.same(spoken, [], 'the speaker kept quiet through the night');
  clock.set(Date.UTC(2024, 4, 15, 7, 0));
  hub.alerts.tick();
  t.same(announced, ['fever:notified'], 'told when the quiet hours end');
  await hub.alerts.settled();
  t.same(spoken, [fever?.id], 'and spoken then');
  clock.set(Date.UTC(2024, 4, 15, 23, 30));
  submit(hub, 'watch-alex', 'spo2', 85, clock.now() - 61_000);
  submit(hub, 'watch-alex', 'spo2', 84, clock.now());
  t.match(alertsOf(hub, 'spo2_low')[0], { state: 'notified', held: false, severity: 'critical' });
  t.ok(announced.includes('spo2_low:notified'), 'critical alerts go out at night');
});

t.test('weight up 2 kg in 3 days', async (t) => {
  const clock = new ManualClock(Date.UTC(2024, 4, 14, 8, 0));
  const hub = await quietHub(t, clock);
  for (const kg of [84, 84.9, 86.1]) {
    submit(hub, 'scale-alex', 'body_weight', kg, clock.now());
    clock.advance(24 * HOUR);
  }
  const [gain] = alertsOf(hub, 'weight_gain');
  t.ok(gain, 'raised');
  t.match(gain?.spoken, /^Alex's weight has gone up by 2\.1 kilograms in 2 days\.$/);
  t.match(gain?.data, { from: { value: 84 }, to: { value: 86.1 } });
});

t.test('a silent device, a low battery and an unavailable device', async (t) => {
  const clock = new ManualClock(Date.UTC(2024, 4, 14, 7, 40));
  const hub = await quietHub(t, clock);
  submit(hub, 'watch-alex', 'heart_rate', 64, clock.now());
  clock.set(Date.UTC(2024, 4, 15, 7, 39));
  hub.alerts.tick();
  t.equal(alertsOf(hub, 'device_silent', 'watch-alex').length, 0, 'not before 24 hours');
  clock.set(Date.UTC(2024, 4, 15, 7, 41));
  hub.alerts.tick();
  const [silent] = alertsOf(hub, 'device_silent', 'watch-alex');
  t.equal(silent?.spoken, 'The watch of Alex has been silent since 07:40.');
  hub.alerts.tick();
  t.equal(alertsOf(hub, 'device_silent', 'watch-alex').length, 1, 'one alert however many ticks');
  submit(hub, 'watch-alex', 'battery', 12, clock.now());
  t.ok(alertsOf(hub, 'device_silent', 'watch-alex')[0]?.conditionClearedAt, 'a reading ends the silence');

  const [battery] = alertsOf(hub, 'battery_low', 'watch-alex');
  t.match(battery, { severity: 'info', data: { level: 12 } });
  submit(hub, 'watch-alex', 'battery', 20, clock.now() + 1);
  t.equal(alertsOf(hub, 'battery_low', 'watch-alex')[0]?.conditionClearedAt, undefined, '20 % is not yet charged');
  submit(hub, 'watch-alex', 'battery', 90, clock.now() + 2);
  t.ok(alertsOf(hub, 'battery_low', 'watch-alex')[0]?.conditionClearedAt, 'charged');

  hub.hub.bus.emit('device.availability', { deviceId: 'watch-alex', available: false, ts: clock.now() });
  clock.advance(29 * MINUTE);
  hub.alerts.tick();
  t.equal(alertsOf(hub, 'device_unavailable').length, 0, 'a short absence is not an alert');
  clock.advance(2 * MINUTE);
  hub.alerts.tick();
  t.match(alertsOf(hub, 'device_unavailable')[0], { personId: 'alex', deviceId: 'watch-alex', spoken: 'The watch of Alex has not been reachable since 07:41.' });
  hub.hub.bus.emit('device.availability', { deviceId: 'watch-alex', available: true, ts: clock.now() });
  t.ok(alertsOf(hub, 'device_unavailable')[0]?.conditionClearedAt, 'back in range');
});

t.test('model outputs: AF probability sustained for 30 minutes, illness score for 6 hours', async (t) => {
  const clock = new ManualClock(NOON);
  const hub = await quietHub(t, clock);
  submit(hub, 'watch-alex', 'af_probability', 0.8, clock.now());
  for (let minute = 5; minute <= 25; minute += 5) {
    clock.advance(5 * MINUTE);
    submit(hub, 'watch-alex', 'af_probability', 0.8, clock.now());
  }
  t.equal(alertsOf(hub, 'af_sustained').length, 0, 'not after 25 minutes');
  clock.advance(5 * MINUTE);
  submit(hub, 'watch-alex', 'af_probability', 0.75, clock.now());
  const [af] = alertsOf(hub, 'af_sustained');
  t.match(af?.spoken, /^Alex's likelihood of atrial fibrillation has been above 50 percent for 30 minutes\. It is now 75 percent\.$/);

  for (let hour = 0; hour <= 6; hour++) {
    clock.advance(HOUR);
    submit(hub, 'watch-alex', 'illness_score', 0.09, clock.now());
  }
  t.equal(alertsOf(hub, 'illness_warning').length, 1);
});

t.test('rules in the config that cannot work stop the hub at start with every problem named', async (t) => {
  const clock = new ManualClock(NOON);
  await t.rejects(
    startAlertsHub({
      clock,
      alerts: {
        rules: { spo2_low: { kind: 'threshold', enabled: true, severity: 'critical', metric: 'spo2', forSeconds: 60, hysteresis: 2 }, typo: { kind: 'threshold', enabled: true, severity: 'info', metric: 'sp02', below: 1, forSeconds: 0, hysteresis: 0 } },
        people: { alex: { no_such_rule: { enabled: false } } },
      },
    }),
    { name: 'AlertRuleError', message: /alerts\.rules\.spo2_low: a threshold rule needs exactly one of "below" and "above"[\s\S]*alerts\.rules\.typo\.metric: "sp02" is not a metric id[\s\S]*alerts\.people\.alex\.no_such_rule/ },
  );
});
