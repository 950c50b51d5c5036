import { join } from 'node:path';
import Database from 'better-sqlite3';
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

  for (const own of ['hub:journal:alex', 'hub:inference:alex']) {
    const spoofed = await integration.post(`/api/v1/ingest/${own}`, { readings: [{ metric: 'medicine_missed', value: 0, ts }] });
    t.equal(spoofed.status, 403, `${own}: the hub's own device is nobody else's to send as`);
    t.match((spoofed.body as { message: string }).message, /are the hub’s own/);
  }
});

t.test('the ingest answer comes once the accepted readings are committed, and says 503 when the store gave them up', async (t) => {
  const api = await startApiHub({ store: { maxBatch: 500, maxQueued: 1000 } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const { token } = (await owner.post('/api/v1/tokens', { name: 'script', scopes: ['ingest'] })).body as { token: string };
  const integration = new ApiClient(api.base);
  integration.token = token;
  const ts = Date.now() - 60_000;
  // Another connection sees only what is committed, as a restarted hub would.
  const reader = new Database(join(api.dataDir, 'hearth.db'), { readonly: true, fileMustExist: true });
  t.teardown(() => reader.close());
  const storedTimes = (): number[] =>
    reader.prepare("SELECT s.ts FROM sample s JOIN series r ON r.id = s.series_id WHERE r.device_id = 'script-thermo' ORDER BY s.ts").pluck().all() as number[];

  const posted = await integration.post('/api/v1/ingest/script-thermo', {
    readings: [
      { metric: 'body_temperature', value: 36.9, ts },
      { metric: 'body_temperature', value: 37.1, ts: ts + 1000 },
    ],
  });
  t.match(posted, { status: 200, body: { accepted: 2, rejected: 0 } });
  t.same(storedTimes(), [ts, ts + 1000], 'both readings are on disk when the answer arrives');

  // A full disk (SQLite's own page cap): readings wait in the writer's queue, and so does the answer.
  // When the queue overflows its limit, the oldest are given up, and the answer says so.
  const pages = api.hub.store.db.pragma('page_count', { simple: true }) as number;
  api.hub.store.db.pragma(`max_page_count = ${pages}`);
  const flood = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ metric: 'heart_rate' as const, value: 70, ts: ts - 600_000 + (from + i) * 10 }));
  api.hub.context.ingest.submit({ deviceId: 'flood', readings: flood(0, 600) });
  t.ok(api.hub.store.writer.stats().failedFlushes > 0, 'the disk is full');
  const waiting = integration.post('/api/v1/ingest/script-thermo', { readings: [{ metric: 'body_temperature', value: 37.4, ts: ts + 2000 }] });
  await waitUntil(() => api.hub.store.writer.stats().failedFlushes > 1);
  api.hub.context.ingest.submit({ deviceId: 'flood', readings: flood(600, 500) });
  const refused = await waiting;
  t.equal(refused.status, 503);
  t.match(refused.body, { error: 'not_stored', message: /could not confirm.*send them again/ });
  api.hub.store.db.pragma('max_page_count = 1073741823');
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error('timed out');
}
