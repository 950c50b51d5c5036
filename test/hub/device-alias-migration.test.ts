/**
 * A database from before device ids were made in one place holds one Bluetooth sensor twice: as
 * `A4:C1:…` (relayed by an ESP32 gateway) and as `ble:a4:c1:…` (heard by the radio). On start the
 * hub folds the two into one device: its household row, its series, samples, rollups and waveform
 * blocks, with no reading lost and none counted twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ManualClock } from '../../core/clock.js';
import type { Reading } from '../../core/reading.js';
import { DEFAULT_CONFIG } from '../../hub/config/defaults.js';
import type { HubConfig } from '../../hub/config/hub-config.js';
import { Hub } from '../../hub/daemon/hub.js';
import { householdMigrations } from '../../hub/household/household-schema.js';
import { HubLogging } from '../../hub/log/logger.js';
import { DATABASE_FILE } from '../../hub/store/database-file.js';
import { migrate, Store, type Db } from '../../hub/store/index.js';
import { ROLLUP_RESOLUTIONS } from '../../hub/store/types.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;
const GATEWAY_ID = 'A4:C1:38:00:11:22';
const RADIO_ID = 'ble:a4:c1:38:00:11:22';
/** Only ever relayed by a gateway: its rows just change their id. */
const GATEWAY_ONLY_ID = 'C0:FF:EE:00:00:01';

type Sample = readonly [ts: number, value: number];

const temperature = (deviceId: string, ts: number, value: number, tsSource: Reading['tsSource'] = 'hub'): Reading => ({
  metric: 'ambient_temperature',
  value,
  unit: '°C',
  ts,
  deviceId,
  personId: 'alex',
  tsSource,
});

/** Builds the database as the hub left it: household tables at their first version, both ids in use. */
async function oldDatabase(dataDir: string): Promise<{ expected: Sample[]; purgedCount: number; purgedSum: number; deviceStampedOnlyUnderGateway: number }> {
  const clock = new ManualClock(NOW);
  const store = new Store({ path: join(dataDir, DATABASE_FILE), clock, writer: { flushIntervalMs: 600_000 } });
  await store.start();
  const db = store.db;
  migrate(db, 'household', householdMigrations.slice(0, 1));
  db.prepare("INSERT INTO person (id, name, birth_year, created_at) VALUES ('alex', 'Alex', NULL, 0)").run();
  const device = db.prepare('INSERT INTO device (id, name, driver, person_id, user_slots, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)');
  device.run(GATEWAY_ID, null, 'bthome', 'alex', '{}', NOW - 10 * DAY, NOW - 60 * MINUTE);
  device.run(RADIO_ID, 'Bedroom sensor', 'bthome', null, '{}', NOW - 5 * DAY, NOW - 2 * MINUTE);
  device.run(GATEWAY_ONLY_ID, 'Hall sensor', 'bthome', 'alex', '{}', NOW - 3 * DAY, NOW - MINUTE);

  const expected: Sample[] = [];
  const start = NOW - 2 * 60 * MINUTE;
  for (let i = 0; i < 120; i++) {
    store.writer.write(temperature(GATEWAY_ID, start + i * MINUTE, 20 + (i % 7) / 10));
    store.writer.write(temperature(RADIO_ID, start + i * MINUTE + 30_000, 21 + (i % 5) / 10));
    expected.push([start + i * MINUTE, 20 + (i % 7) / 10], [start + i * MINUTE + 30_000, 21 + (i % 5) / 10]);
  }
  // One reading from the device's memory, heard through both: the same device time and value.
  const resent = start + 45 * MINUTE + 10_000;
  store.writer.write(temperature(GATEWAY_ID, resent, 21.7, 'device'));
  store.writer.write(temperature(RADIO_ID, resent, 21.7, 'device'));
  expected.push([resent, 21.7]);
  // One advertisement both paths stamped in the same millisecond.
  const together = start + 50 * MINUTE + 10_000;
  store.writer.write(temperature(GATEWAY_ID, together, 22.1));
  store.writer.write(temperature(RADIO_ID, together, 22.1));
  expected.push([together, 22.1]);
  // Two different readings that happen to share a millisecond, the last of a minute: both are kept, the
  // gateway's moved on past the millisecond its own next reading holds, into the next minute.
  const apart = start + 61 * MINUTE - 1;
  store.writer.write(temperature(RADIO_ID, apart, 22.4));
  store.writer.write(temperature(GATEWAY_ID, apart, 22.9));
  expected.push([apart, 22.4], [apart + 2, 22.9]);
  // Device-stamped history only the gateway ever relayed: a re-send through the radio is a duplicate.
  const onlyUnderGateway = start + 70 * MINUTE + 20_000;
  store.writer.write(temperature(GATEWAY_ID, onlyUnderGateway, 20.5, 'device'));
  expected.push([onlyUnderGateway, 20.5]);

  // Last year's readings of both ids, whose raw samples retention has since removed; their rollups stay.
  let purgedCount = 0;
  let purgedSum = 0;
  const lastYear = Math.floor((NOW - 400 * DAY) / 3_600_000) * 3_600_000;
  for (let i = 0; i < 10; i++) {
    for (const [deviceId, value] of [[GATEWAY_ID, 19 + i / 10], [RADIO_ID, 18 + i / 10]] as const) {
      store.writer.write(temperature(deviceId, lastYear + i * 5 * MINUTE, value));
      purgedCount++;
      purgedSum += value;
    }
  }
  store.writer.write({ metric: 'battery', value: 93, unit: '%', ts: start, deviceId: GATEWAY_ID, tsSource: 'hub' });
  store.writer.write({ metric: 'battery', value: 88, unit: '%', ts: start, deviceId: GATEWAY_ONLY_ID, tsSource: 'hub' });
  const block = { metric: 'ecg' as const, t0: start, rateHz: 130, samples: [1, 2, 3, 4, 5, 6, 7, 8], personId: 'alex' };
  store.writer.writeWaveform({ ...block, deviceId: RADIO_ID });
  store.writer.writeWaveform({ ...block, deviceId: GATEWAY_ID });
  store.writer.writeWaveform({ ...block, t0: start + MINUTE, deviceId: GATEWAY_ID });
  store.writer.flush();
  const retention = await store.applyRetention(NOW);
  if (retention.samplesDeleted !== purgedCount) throw new Error(`retention removed ${retention.samplesDeleted} samples, expected ${purgedCount}`);
  await store.stop();
  return { expected: expected.sort((a, b) => a[0] - b[0]), purgedCount, purgedSum, deviceStampedOnlyUnderGateway: onlyUnderGateway };
}

function temperatureSeries(db: Db): { id: number; deviceId: string; personId: string; purgedBefore: number }[] {
  return db
    .prepare<[], { id: number; deviceId: string; personId: string; purgedBefore: number }>(
      "SELECT id, device_id AS deviceId, person_id AS personId, purged_before AS purgedBefore FROM series WHERE metric = 'ambient_temperature'",
    )
    .all();
}

t.test('a device stored under a gateway id and a radio id is merged on start, losing and doubling nothing', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-alias-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const { expected, purgedCount, purgedSum, deviceStampedOnlyUnderGateway } = await oldDatabase(dataDir);

  const config: HubConfig = { ...DEFAULT_CONFIG, dataDir, http: { host: '127.0.0.1', port: 0 }, household: { people: [{ id: 'alex', name: 'Alex' }], devices: [] } };
  const hub = new Hub({ config, logging: new HubLogging({ level: 'silent' }), clock: new ManualClock(NOW), parts: { consumers: [], sources: [] } });
  await hub.start();
  t.teardown(() => hub.stop());
  const db = hub.store.db;

  t.same(
    hub.context.registry.listDevices().sort((a, b) => a.id.localeCompare(b.id)).map((d) => [d.id, d.name, d.personId, d.firstSeen, d.lastSeen]),
    [
      [RADIO_ID, 'Bedroom sensor', 'alex', NOW - 10 * DAY, NOW - 2 * MINUTE],
      ['ble:c0:ff:ee:00:00:01', 'Hall sensor', 'alex', NOW - 3 * DAY, NOW - MINUTE],
    ],
    'one row per device: the radio row keeps its name, takes the person it lacked, spans both first and last seen',
  );
  t.same(db.prepare("SELECT device_id FROM series WHERE device_id NOT LIKE 'ble:%'").pluck().all(), [], 'no series is left under a bare address');

  const [series, ...more] = temperatureSeries(db);
  t.equal(more.length, 0, 'one temperature series');
  if (series === undefined) throw new Error('the temperature series is missing');
  t.equal(series.deviceId, RADIO_ID);
  const samples = db.prepare<[number], { ts: number; value: number }>('SELECT ts, value FROM sample WHERE series_id = ? ORDER BY ts').all(series.id).map((s) => [s.ts, s.value]);
  t.same(samples, expected, 'every reading of both ids once: the twice-heard ones kept once, two different ones in one millisecond both kept');

  for (const resolution of ROLLUP_RESOLUTIONS) {
    const width = resolution * 1000;
    const rollups = db
      .prepare<[number, number], { bucket: number; count: number; sum: number; min: number; max: number }>(
        'SELECT bucket, count, sum, min, max FROM rollup WHERE series_id = ? AND resolution = ? ORDER BY bucket',
      )
      .all(series.id, resolution);
    const raw = rollups.filter((r) => r.bucket >= series.purgedBefore);
    const rawMismatch = raw.filter((r) => {
      const inBucket = expected.filter(([ts]) => ts >= r.bucket && ts < r.bucket + width).map(([, v]) => v);
      return r.count !== inBucket.length || Math.abs(r.sum - inBucket.reduce((a, b) => a + b, 0)) > 1e-9 || r.min !== Math.min(...inBucket) || r.max !== Math.max(...inBucket);
    });
    t.same(rawMismatch, [], `${resolution} s rollups agree with the raw samples`);
    t.equal(raw.reduce((n, r) => n + r.count, 0), expected.length, `${resolution} s rollups count each recent reading once`);
    const old = rollups.filter((r) => r.bucket < series.purgedBefore);
    t.equal(old.reduce((n, r) => n + r.count, 0), purgedCount, `${resolution} s rollups of last year hold both ids' readings`);
    t.ok(Math.abs(old.reduce((s, r) => s + r.sum, 0) - purgedSum) < 1e-9, `${resolution} s rollups of last year sum both ids' readings`);
  }

  const batteries = db
    .prepare<[], { deviceId: string; value: number }>("SELECT s.device_id AS deviceId, x.value AS value FROM series s JOIN sample x ON x.series_id = s.id WHERE s.metric = 'battery' ORDER BY s.device_id")
    .all();
  t.same(batteries, [{ deviceId: RADIO_ID, value: 93 }, { deviceId: 'ble:c0:ff:ee:00:00:01', value: 88 }], 'a series only one id had is carried over');
  const blocks = db
    .prepare<[], { deviceId: string; t0: number }>("SELECT s.device_id AS deviceId, b.t0 AS t0 FROM series s JOIN waveform_block b ON b.series_id = s.id WHERE s.metric = 'ecg' ORDER BY b.t0")
    .all();
  t.same(blocks.map((b) => b.deviceId), [RADIO_ID, RADIO_ID], 'the block both ids held is kept once, the other one moved');

  const resent = hub.context.ingest.submit({ deviceId: RADIO_ID, readings: [{ metric: 'ambient_temperature', value: 20.5, ts: deviceStampedOnlyUnderGateway }] }, { reasons: true });
  t.match(resent, { accepted: 0, rejected: 1, refused: [{ reason: 'duplicate' }] }, 'history stored under the old id is recognised as a re-send');
  t.same(hub.context.ingest.submit({ deviceId: RADIO_ID, readings: [{ metric: 'ambient_temperature', value: 21.2 }] }), { accepted: 1, rejected: 0 });
  hub.store.writer.flush();
  t.same(temperatureSeries(db).map((s) => [s.deviceId, s.personId]), [[RADIO_ID, 'alex']], 'new readings continue the merged series, with the person');
  t.equal(db.prepare("SELECT version FROM schema_version WHERE part = 'household'").pluck().get(), householdMigrations.length);
});
