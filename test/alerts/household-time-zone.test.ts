import t from 'tap';
import { ManualClock } from '../../core/clock.js';
import { onboardOwner } from '../api/api-harness.js';
import { startAlertsHub } from './helpers/alerts-hub.js';

/** Noon in London (UTC in May is an hour behind it), two in the morning on Kiritimati (UTC+14). */
const NOON_UTC = Date.UTC(2024, 4, 14, 12, 0);
const QUIET = { enabled: true, start: '22:00', end: '07:00', hold: ['info', 'warning'] as ('info' | 'warning')[], timeZone: 'UTC' };

t.test("quiet hours follow the household's time zone from its settings, over the config's", async (t) => {
  const clock = new ManualClock(NOON_UTC);
  const hub = await startAlertsHub({ clock, alerts: { quietHours: QUIET }, live: true });
  t.teardown(() => hub.stop());
  const owner = await onboardOwner(hub.base);
  const lowBattery = (deviceId: string) => {
    clock.advance(60_000);
    const outcome = hub.hub.context.ingest.submit({ deviceId, readings: [{ metric: 'battery', value: 5, ts: clock.now() }] });
    if (outcome.accepted !== 1) throw new Error('the gate refused the battery level');
    return hub.alerts.engine.openAlerts().find((a) => a.rule === 'battery_low' && a.deviceId === deviceId);
  };

  t.equal(lowBattery('thermo-sam')?.held, false, 'noon in the config’s zone (UTC): a low battery is told at once');
  t.equal((await owner.request('PATCH', '/api/v1/settings', { timeZone: 'Pacific/Kiritimati' })).status, 200, 'the household says it lives on Kiritimati');
  t.equal(lowBattery('scale-alex')?.held, true, 'two in the morning there: the same kind of alert waits for the quiet hours to end');
  clock.advance(60_000);
  hub.hub.context.ingest.submit({ deviceId: 'thermo-sam', readings: [{ metric: 'body_temperature', value: 38.6, ts: clock.now() }] });
  const fever = hub.alerts.engine.openAlerts().find((a) => a.rule === 'fever');
  t.match(fever?.explanation ?? '', /at 02:03/, `the time in an alert's words is the household's (${fever?.explanation ?? 'no fever alert'})`);
});
