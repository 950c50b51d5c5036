import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { DEFAULT_CONFIG } from '../../hub/config/defaults.js';
import type { HubConfig } from '../../hub/config/hub-config.js';
import { METRICS, type MetricId } from '../../core/metrics.js';
import { Hub } from '../../hub/daemon/hub.js';
import { roundTo } from '../../core/plausibility.js';
import { readRejectionTotals } from '../../hub/ingest/rejection-ledger.js';
import { HubLogging } from '../../hub/log/logger.js';

function quietHub(dataDir: string): Hub {
  const config: HubConfig = {
    ...DEFAULT_CONFIG,
    dataDir,
    http: { host: '127.0.0.1', port: 0 },
    household: { people: [{ id: 'alex', name: 'Alex' }], devices: [{ id: 'kit', personId: 'alex' }] },
  };
  return new Hub({ config, logging: new HubLogging({ level: 'silent' }), parts: { consumers: [], sources: [] } });
}

/** A value inside each metric's plausible range. */
function typicalValue(metric: MetricId): number {
  const def = METRICS.get(metric);
  const range = def?.plausible;
  if (range === undefined) return 1;
  const { min, max } = range.usual ?? range.reject;
  return roundTo((min + max) / 2, def?.decimals ?? 0);
}

t.test('a reading of every scalar metric survives a restart, assigned to its person', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-restart-'));
  const scalar = [...METRICS.values()].filter((m) => m.kind === 'scalar').map((m) => m.id as MetricId);
  const ts = Date.now() - 60_000;
  const first = quietHub(dataDir);
  await first.start();
  const outcome = first.context.ingest.submit({ deviceId: 'kit', readings: scalar.map((metric, i) => ({ metric, value: typicalValue(metric), ts: ts + i })) });
  t.equal(outcome.accepted, scalar.length);
  await first.stop();

  const second = quietHub(dataDir);
  await second.start();
  t.teardown(() => second.stop());
  const latest = second.store.query.latest('alex');
  t.same(latest.map((r) => r.metric).sort(), [...scalar].sort());
  for (const reading of latest) t.equal(reading.value, typicalValue(reading.metric), reading.metric);
  t.same(second.context.registry.personFor('kit'), 'alex');
});

t.test('an implausible value is rejected and its reason is counted on disk', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-reject-'));
  const hub = quietHub(dataDir);
  await hub.start();
  const outcome = hub.context.ingest.submit({
    deviceId: 'kit',
    readings: [
      { metric: 'spo2', value: 140 },
      { metric: 'heart_rate', value: 3 },
      { metric: 'heart_rate', value: 64 },
    ],
  });
  t.same(outcome, { accepted: 1, rejected: 2 });
  t.same(hub.health().ingest['rejected'], { total: 2, byReason: { implausible: 2 }, byMetric: { spo2: 1, heart_rate: 1 } });
  await hub.stop();
  const reopened = quietHub(dataDir);
  await reopened.start();
  t.teardown(() => reopened.stop());
  t.same(readRejectionTotals(reopened.store.db), { total: 2, byReason: { implausible: 2 }, byMetric: { spo2: 1, heart_rate: 1 } });
});

t.test('a forgotten device stays forgotten over a restart unless the config names it', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-forget-'));
  const first = quietHub(dataDir);
  await first.start();
  first.context.registry.noteDeviceSeen('paired-later', 'ble-heart-rate');
  first.context.registry.assignDevice('paired-later', 'alex');
  t.ok(first.context.registry.forgetDevice('paired-later'));
  t.ok(first.context.registry.forgetDevice('kit'));
  t.notOk(first.context.registry.forgetDevice('never-seen'));
  await first.stop();
  const second = quietHub(dataDir);
  await second.start();
  t.teardown(() => second.stop());
  t.equal(second.context.registry.device('paired-later'), undefined);
  t.equal(second.context.registry.personFor('kit'), 'alex', 'a device the config file names comes back as the file says');
});
