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
