import t from 'tap';
import { join } from 'node:path';
import { ManualClock } from '../../core/clock.js';
import { Store } from '../../hub/store/store.js';
import { DeviceEventLog } from '../../hub/store/device-events.js';
import { reading, storeDatabase, tempDir } from './helpers/temp-store.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 6, 1, 12);

t.test('device events are kept newest first, survive a restart, and go by the default raw days', async (t) => {
  const path = join(tempDir(t), 'hearth.db');
  const clock = new ManualClock(NOW);
  const first = new Store({ path, clock, retention: { rawDays: 30 } });
  await first.start();
  first.deviceEvents.record({ deviceId: 'strap', ts: NOW - 40 * DAY, kind: 'connected' });
  first.deviceEvents.record({ deviceId: 'strap', ts: NOW - 2000, kind: 'disconnected' });
  first.deviceEvents.record({ deviceId: 'strap', ts: NOW - 1000, kind: 'connected' });
  first.deviceEvents.record({ deviceId: 'cuff', ts: NOW - 1500, kind: 'unavailable' });
  await first.stop();

  const again = new Store({ path, clock, retention: { rawDays: 30 } });
  await again.start();
  t.teardown(() => again.stop());
  const all = again.query.deviceEvents(['strap'], { before: Number.MAX_SAFE_INTEGER, limit: 10 });
  t.same(all.items.map((e) => e.kind), ['connected', 'disconnected', 'connected'], 'read back after a restart, newest first');
  t.equal(all.floor, null, 'nothing was left out');
  const both = again.query.deviceEvents(['strap', 'cuff'], { before: NOW, limit: 2 });
  t.same(both.items.map((e) => `${e.deviceId} ${e.kind}`), ['strap connected', 'cuff unavailable'], 'several devices merge in time');
  t.equal(both.floor, NOW - 1500, 'a full page says where it may have left things out');
  t.same(again.query.deviceEvents([], { before: NOW, limit: 5 }), { items: [], floor: null }, 'no devices, no events');

  const outcome = await again.applyRetention(NOW);
  t.equal(outcome.deviceEventsDeleted, 1, 'the event older than the raw days is gone');
  t.same(again.query.deviceEvents(['strap'], { before: NOW, limit: 10 }).items.map((e) => e.ts), [NOW - 1000, NOW - 2000]);
  again.writer.write(reading({ ts: NOW - 1, value: 61 }));
  again.writer.flush();
  t.equal(again.query.stats().readings, 1, 'readings are kept apart from the events');
});

t.test('a device keeps at most its newest events, however often its link flaps', async (t) => {
  const { db } = storeDatabase(t);
  const log = new DeviceEventLog(db, 5);
  for (let i = 0; i < 12; i++) log.record({ deviceId: 'flappy', ts: NOW + i, kind: i % 2 === 0 ? 'available' : 'unavailable' });
  log.record({ deviceId: 'steady', ts: NOW, kind: 'connected' });
  const kept = log.newestFirst(['flappy'], { before: Number.MAX_SAFE_INTEGER, limit: 100 });
  t.same(kept.items.map((e) => e.ts), [11, 10, 9, 8, 7].map((i) => NOW + i), 'the five newest are kept');
  t.equal(log.newestFirst(['steady'], { before: Number.MAX_SAFE_INTEGER, limit: 100 }).items.length, 1, "another device's history is untouched");
});
