import t from 'tap';
import { ApiClient, onboardOwner, startApiHub } from './api-harness.js';

t.test('an integration posts readings with an ingest token: each taken or refused on its own, the refused named', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const { token } = (await owner.post('/api/v1/tokens', { name: 'phone shortcut', scopes: ['ingest'] })).body as { token: string };
  const integration = new ApiClient(api.base);
  integration.token = token;
  const ts = Date.now() - 60_000;

  const posted = await integration.post('/api/v1/ingest/shortcut-scale', {
    readings: [
      { metric: 'body_weight', value: 71.4, ts },
      { metric: 'spo2', value: 140, ts },
    ],
  });
  t.equal(posted.status, 200);
  t.match(posted.body, { accepted: 1, rejected: 1, refused: [{ index: 1, metric: 'spo2', reason: 'implausible' }] });
  t.equal((posted.body as { refused: unknown[] }).refused.length, 1);
  t.equal(api.hub.context.registry.device('shortcut-scale')?.driver, 'http', 'the device is registered as seen over HTTP');

  const byAddress = await integration.post('/api/v1/ingest/A4:C1:38:00:11:22', { readings: [{ metric: 'ambient_temperature', value: 21.5, ts }] });
  t.match(byAddress.body, { accepted: 1, rejected: 0, refused: [] });
  t.ok(api.hub.context.registry.device('ble:a4:c1:38:00:11:22'), 'a Bluetooth address names the Bluetooth device');
  t.equal(api.hub.context.registry.device('A4:C1:38:00:11:22'), undefined);
});
