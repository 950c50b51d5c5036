import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { AlertChangedEvent } from '../../hub/bus/hub-events.js';
import { observabilityPartFactory } from '../../hub/observability/observability-part.js';
import { applianceHub, sample } from './appliance-hub.js';

/**
 * A full disk, made real inside SQLite: `max_page_count` caps the file at its current size, so
 * every commit that needs a new page fails with SQLITE_FULL exactly as on a full SD card. (A tiny
 * tmpfs would need root and mount, which CI runners do not always allow.)
 */
t.test('with the disk full the hub keeps running, alerts, and commits every queued reading once space returns', async (t) => {
  const hub = applianceHub(mkdtempSync(join(tmpdir(), 'hearth-full-')), { consumers: [observabilityPartFactory({ notifier: { active: false, notify: async () => undefined } })] });
  await hub.start();
  t.teardown(() => hub.stop());
  const alerts: AlertChangedEvent[] = [];
  hub.bus.on('alert.changed', 'test', (alert) => alerts.push(alert));
  const base = Date.now() - 86_400_000;
  const submit = (from: number, n: number): void => {
    const readings = Array.from({ length: n }, (_, i) => ({ metric: 'heart_rate' as const, value: 60 + (i % 30), ts: base + (from + i) * 1000 }));
    t.equal(hub.context.ingest.submit({ deviceId: 'kit', readings }).accepted, n);
  };
  submit(0, 500);
  await hub.store.writer.flushed();
  const acknowledged = hub.store.query.stats().readings;
  t.equal(acknowledged, 500, 'committed before the disk filled');

  const pages = hub.store.db.pragma('page_count', { simple: true }) as number;
  hub.store.db.pragma(`max_page_count = ${pages}`);
  submit(500, 20_000);
  await t.resolveMatch(
    waitUntil(() => hub.store.writer.stats().failedFlushes >= 2),
    true,
    'the writer keeps retrying',
  );
  await waitUntil(() => alerts.some((a) => a.state === 'raised'));
  const health = await fetch(`${hub.listeningAddress}/api/v1/health`);
  t.equal(health.status, 503, 'health says degraded');
  t.match(await health.json(), { status: 'degraded', writer: { lastError: /SQLITE_FULL/ } });
  t.match(alerts[0], { severity: 'critical', state: 'raised', rule: 'hub_store_write', title: /cannot save readings/ });
  const metrics = await (await fetch(`${hub.listeningAddress}/metrics`)).text();
  t.equal(sample(metrics, 'hearth_store_write_failing'), 1);
  t.ok((sample(metrics, 'hearth_store_queue_depth') ?? 0) > 0, 'readings wait in memory');
  t.equal(hub.store.query.stats().readings, acknowledged, 'nothing committed is lost while full');

  hub.store.db.pragma('max_page_count = 1073741823');
  await hub.store.writer.flushed();
  t.equal(hub.store.query.stats().readings, 20_500, 'every queued reading committed once space returned');
  t.equal(hub.store.writer.stats().dropped, 0);
  await waitUntil(() => alerts.some((a) => a.state === 'resolved'));
  t.match(alerts.at(-1), { state: 'resolved', id: alerts[0]?.id });
  submit(20_500, 10);
  await hub.store.writer.flushed();
  t.equal(hub.store.query.stats().readings, 20_510, 'and new readings keep coming in');
});

async function waitUntil(check: () => boolean): Promise<true> {
  for (let i = 0; i < 300; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached within 15 s');
}
