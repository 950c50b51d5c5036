import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { EmulatedBinding } from '../../../drivers/ble/emulation/emulated-binding.js';
import { peripheralId } from '../../../drivers/ble/emulation/emulated-peripheral.js';
import { bloodPressureCuff, GlucoseMeter, heartRateStrap, weightScale } from '../../../drivers/ble/emulation/sig-devices.js';
import { bleSourceWith } from '../../../hub/sources/ble-source.js';
import { makeDeviceId } from '../../../core/device-id.js';
import { nobleWithBinding } from '../../../drivers/ble/runtime/noble-loader.js';
import { systemScheduler } from '../../../core/scheduler.js';
import { DEFAULT_CONFIG } from '../../../hub/config/defaults.js';
import type { HubConfig } from '../../../hub/config/hub-config.js';
import { Hub } from '../../../hub/daemon/hub.js';
import { HubLogging } from '../../../hub/log/logger.js';
import { FAST_TUNING } from './helpers/fast-tuning.js';
import { waitFor } from './helpers/wait-for.js';

const HOUR = 3_600_000;
const STRAP = 'aa:00:00:00:00:01';
const CUFF = 'aa:00:00:00:00:02';
const SCALE = 'aa:00:00:00:00:03';
const METER = 'aa:00:00:00:00:04';

function countRows(hub: Hub, metric: string): { person: string; n: number }[] {
  return hub.store.db
    .prepare<[string], { person: string; n: number }>(
      `SELECT s.person_id AS person, count(*) AS n FROM sample JOIN series s ON s.id = sample.series_id WHERE s.metric = ? GROUP BY s.person_id ORDER BY s.person_id`,
    )
    .all(metric);
}

t.test('paired devices are assigned, stream into the store, reconnect and re-send history without duplicates', async (t) => {
  const now = Date.now();
  const meter = new GlucoseMeter(METER, [
    { sequenceNumber: 1, ts: now - 30 * HOUR, mgDl: 104 },
    { sequenceNumber: 2, ts: now - 20 * HOUR, mgDl: 131 },
    { sequenceNumber: 3, ts: now - 10 * HOUR, mgDl: 97 },
  ]);
  const binding = new EmulatedBinding(
    [
      heartRateStrap({ address: STRAP, scheduler: systemScheduler, intervalMs: 20 }),
      bloodPressureCuff(CUFF, [
        { ts: now - 26 * HOUR, systolic: 128, diastolic: 82, pulseRate: 70, userId: 1 },
        { ts: now - 14 * HOUR, systolic: 121, diastolic: 79, pulseRate: 66, userId: 2 },
        { ts: now - 2 * HOUR, systolic: 125, diastolic: 80, pulseRate: 68, userId: 1 },
      ]),
      weightScale(SCALE, [
        { ts: now - 20 * HOUR, kg: 81.4, userId: 1 },
        { ts: now - 19 * HOUR, kg: 64.2, userId: 2 },
      ]),
      meter.peripheral(),
    ],
    { advertiseIntervalMs: 10 },
  );
  let mostLinks = 0;
  binding.on('connect', () => (mostLinks = Math.max(mostLinks, binding.connectedCount())));

  const config: HubConfig = {
    ...DEFAULT_CONFIG,
    dataDir: mkdtempSync(join(tmpdir(), 'hearth-ble-e2e-')),
    http: { host: '127.0.0.1', port: 0 },
    store: { ...DEFAULT_CONFIG.store, flushIntervalMs: 20 },
    household: { people: [{ id: 'alex', name: 'Alex' }, { id: 'sam', name: 'Sam' }], devices: [] },
    ble: { ...DEFAULT_CONFIG.ble, enabled: true, maxConnections: 3 },
  };
  const hub = new Hub({
    config,
    logging: new HubLogging({ level: 'silent' }),
    parts: { consumers: [], sources: [bleSourceWith({ noble: () => nobleWithBinding(binding), tuning: FAST_TUNING })] },
  });
  await hub.start();
  t.teardown(() => hub.stop());

  // The household assigns each device as it shows up in the pairing list.
  const discovered = new Map<string, string | undefined>();
  hub.bus.on('device.discovered', 'test', (event) => {
    discovered.set(event.deviceId, event.driver);
    const registry = hub.context.registry;
    if (event.deviceId === makeDeviceId('ble', STRAP)) registry.assignDevice(event.deviceId, 'alex');
    if (event.deviceId === makeDeviceId('ble', METER)) registry.assignDevice(event.deviceId, 'sam');
    if (event.deviceId === makeDeviceId('ble', CUFF) || event.deviceId === makeDeviceId('ble', SCALE)) registry.assignDevice(event.deviceId, undefined, { '1': 'alex', '2': 'sam' });
  });

  await new Promise((resolve) => setTimeout(resolve, 100));
  t.equal(discovered.size, 0, 'nothing is admitted before the pairing window opens');

  hub.bus.emit('pairing.changed', { open: true, until: Date.now() + 60_000 });
  await waitFor('four devices in the pairing list', () => discovered.size === 4);
  t.same(Object.fromEntries(discovered), {
    [makeDeviceId('ble', STRAP)]: 'ble-heart-rate',
    [makeDeviceId('ble', CUFF)]: 'ble-blood-pressure',
    [makeDeviceId('ble', SCALE)]: 'ble-weight-scale',
    [makeDeviceId('ble', METER)]: 'ble-glucose',
  });
  hub.bus.emit('pairing.changed', { open: false });

  await waitFor('history and live readings stored', () => {
    const glucose = countRows(hub, 'glucose')[0]?.n ?? 0;
    const bp = countRows(hub, 'bp_systolic').reduce((sum, r) => sum + r.n, 0);
    const weight = countRows(hub, 'body_weight').reduce((sum, r) => sum + r.n, 0);
    const hr = countRows(hub, 'heart_rate')[0]?.n ?? 0;
    return glucose === 3 && bp === 3 && weight === 2 && hr >= 5;
  });
  t.same(countRows(hub, 'bp_systolic'), [{ person: 'alex', n: 2 }, { person: 'sam', n: 1 }], 'cuff user slots map to people');
  t.same(countRows(hub, 'body_weight'), [{ person: 'alex', n: 1 }, { person: 'sam', n: 1 }], 'scale user slots map to people');
  t.same(countRows(hub, 'glucose'), [{ person: 'sam', n: 3 }]);
  t.equal(countRows(hub, 'heart_rate')[0]?.person, 'alex');

  // The cuff and the scale hang up after sending; they are reconnected and send their memory again.
  const duplicates = (): number => hub.context.ingest.stats().rejected.byReason['duplicate'] ?? 0;
  await waitFor('the cuff and scale history re-sent twice', () => duplicates() >= 2 * (3 + 2));

  // The strap and the meter go out of range and come back.
  const hrBefore = countRows(hub, 'heart_rate')[0]?.n ?? 0;
  binding.setInRange(peripheralId(STRAP), false);
  binding.setInRange(peripheralId(METER), false);
  meter.records.push({ sequenceNumber: 4, ts: now - HOUR, mgDl: 112 });
  await waitFor('both links dropped', () => !binding.isConnected(peripheralId(STRAP)) && !binding.isConnected(peripheralId(METER)));
  binding.setInRange(peripheralId(STRAP), true);
  binding.setInRange(peripheralId(METER), true);
  await waitFor('the new glucose record and more heart rate', () => (countRows(hub, 'glucose')[0]?.n ?? 0) === 4 && (countRows(hub, 'heart_rate')[0]?.n ?? 0) > hrBefore + 3);

  t.same(meter.racpRequests.map((r) => Buffer.from(r).toString('hex')), ['0101', '0103010400'], 'the second download asks only for records after sequence 3');
  t.same(countRows(hub, 'bp_systolic').reduce((sum, r) => sum + r.n, 0), 3, 'no duplicate blood pressure readings');
  t.same(countRows(hub, 'body_weight').reduce((sum, r) => sum + r.n, 0), 2, 'no duplicate weights');
  t.ok(mostLinks <= 3, `never more than 3 links at once (saw ${mostLinks})`);
  const stored = hub.store.db.prepare<[string], { last_sequence: number }>('SELECT last_sequence FROM ble_glucose_sequence WHERE device_id = ?').get(makeDeviceId('ble', METER));
  t.equal(stored?.last_sequence, 4, 'the last sequence number is persisted');
});
