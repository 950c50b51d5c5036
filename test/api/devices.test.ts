import t from 'tap';
import { onboardOwner, startApiHub } from './api-harness.js';

t.test('forgetting a device removes it from the household; its history stays', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const ts = Date.now() - 60_000;
  t.same(api.hub.context.ingest.submit({ deviceId: 'strap-sam', readings: [{ metric: 'heart_rate', value: 61, ts }] }), { accepted: 1, rejected: 0 });
  await api.hub.store.writer.flushed();

  const forgotten = await owner.request('DELETE', '/api/v1/devices/strap-sam');
  t.equal(forgotten.status, 200);
  t.same(forgotten.body, { id: 'strap-sam', forgotten: true });
  const devices = (await owner.get('/api/v1/devices')).body as { id: string }[];
  t.notOk(devices.some((d) => d.id === 'strap-sam'), 'the device is no longer listed');
  t.equal((await owner.request('DELETE', '/api/v1/devices/strap-sam')).status, 404, 'forgetting it again finds nothing');

  t.equal(api.hub.context.registry.personFor('strap-sam'), undefined, 'what it sends now belongs to nobody');
  t.same(
    api.hub.store.query.latest('sam').map((r) => [r.metric, r.value]),
    [['heart_rate', 61]],
    'what it measured before stays in Sam’s history',
  );
});

t.test('a device is listed with what it is and the time of its newest reading; the models’ outputs are no device', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const { registry, ingest } = api.hub.context;
  registry.noteDeviceSeen('polar-alex', 'ble-polar-h10');
  registry.assignDevice('polar-alex', 'alex');
  const measured = Date.now() - 5 * 60_000;
  ingest.submit({ deviceId: 'polar-alex', readings: [{ metric: 'heart_rate', value: 61, ts: measured - 60_000 }, { metric: 'heart_rate', value: 63, ts: measured }] });
  // What the AF model writes, as the inference part writes it.
  registry.noteDeviceSeen('hub:inference:alex', 'inference');
  registry.assignDevice('hub:inference:alex', 'alex');
  ingest.submit({ deviceId: 'hub:inference:alex', readings: [{ metric: 'af_probability', value: 0.02, ts: measured }] });
  await api.hub.store.writer.flushed();

  const devices = (await owner.get('/api/v1/devices')).body as { id: string; name: string | null; kind: string | null; lastSeen: number; lastReadingAt: number | null }[];
  const strap = devices.find((d) => d.id === 'polar-alex');
  t.equal(strap?.kind, 'Polar H10 chest strap', 'what the device is, from its driver');
  t.equal(strap?.lastReadingAt, measured, 'its last reading is the newest reading kept, not when the hub noted it');
  t.equal(devices.find((d) => d.id === 'oximeter-gran')?.lastReadingAt, null, 'a device that sent nothing yet has no last reading');
  t.notOk(devices.some((d) => d.id.startsWith('hub:inference:')), 'the models’ derived readings come from no device of the household’s');

  const alex = (await owner.get('/api/v1/people/alex')).body as { devices: { id: string; kind: string | null; lastReadingAt: number | null }[]; latest: Record<string, unknown> };
  t.same(
    alex.devices.map((d) => [d.id, d.kind, d.lastReadingAt]),
    [
      ['strap-alex', null, null],
      ['polar-alex', 'Polar H10 chest strap', measured],
    ],
    'a person’s devices are the real ones',
  );
  t.ok('af_probability' in alex.latest, 'the derived value itself is still the person’s (Insights explains it)');
});
