import t from 'tap';
import { join } from 'node:path';
import { ManualClock } from '../../core/clock.js';
import { Store } from '../../hub/store/store.js';
import { DEFAULT_STORE_CONFIG } from '../../hub/store/store-config.js';
import { reading, tempDir } from './helpers/temp-store.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 6, 1);

t.test('raw data past its retention is deleted in batches; rollups stay and still answer charts', async (t) => {
  const clock = new ManualClock(NOW);
  const store = new Store({ path: join(tempDir(t), 'hearth.db'), clock, retention: { perMetric: { heart_rate: 30, ecg: 30 }, rawDays: 365, batchSize: 500 } });
  await store.start();
  t.teardown(() => store.stop());
  const writer = store.writer;
  // 60 days of heart rate every 10 minutes, a weight a day, an ECG block a day.
  for (let i = 0; i < 60 * 144; i++) writer.write(reading({ ts: NOW - 60 * DAY + i * 600_000, value: 55 + (i % 30) }));
  for (let d = 0; d < 60; d++) {
    writer.write(reading({ metric: 'body_weight', unit: 'kg', ts: NOW - (60 - d) * DAY, value: 80 }));
    writer.writeWaveform({ metric: 'ecg', deviceId: 'h10', personId: 'alice', t0: NOW - (60 - d) * DAY, rateHz: 130, samples: [1, 2, 3, 4] });
  }
  writer.flush();
  const oldRange = { metric: 'heart_rate' as const, personId: 'alice', from: NOW - 60 * DAY, to: NOW - 40 * DAY, maxPoints: 20 };
  const before = store.query.querySeries(oldRange);

  const outcome = await store.applyRetention();
  t.same(outcome, { samplesDeleted: 30 * 144, blocksDeleted: 30, seriesPurged: 2, deviceEventsDeleted: 0 }, 'ECG keeps the 30 days it is given, weight a year');
  const stats = store.query.stats();
  t.equal(stats.readings, 30 * 144 + 60, 'the last 30 days of heart rate and all weights remain');
  t.equal(stats.waveformBlocks, 30);
  t.same(store.query.querySeries(oldRange), before, 'an old range answers from the rollups exactly as before');
  t.not(store.query.querySeries({ ...oldRange, maxPoints: 100_000 }).resolution, 'raw', 'even when raw would have been asked for');

  // A device re-sending its old history must not count it twice in the kept rollups.
  for (let i = 0; i < 144; i++) writer.write(reading({ ts: NOW - 60 * DAY + i * 600_000, value: 55 + (i % 30) }));
  writer.flush();
  t.equal(writer.stats().expired, 144);
  t.same(store.query.querySeries(oldRange), before);

  t.same(await store.applyRetention(), { samplesDeleted: 0, blocksDeleted: 0, seriesPurged: 0, deviceEventsDeleted: 0 }, 'a second run finds nothing');
});

t.test('retention yields between batches so the writer keeps running', async (t) => {
  const store = new Store({ path: join(tempDir(t), 'hearth.db'), clock: new ManualClock(NOW), retention: { perMetric: { heart_rate: 1 }, batchSize: 100 } });
  await store.start();
  t.teardown(() => store.stop());
  for (let i = 0; i < 1000; i++) store.writer.write(reading({ ts: NOW - 10 * DAY + i * 1000, value: 60 }));
  store.writer.flush();
  // Other work waits for the event loop's next turn, as the writer's flush does; a timer would make the count
  // depend on how fast a batch is deleted, so the writer here is driven once per turn instead.
  let flushesDuringRetention = 0;
  let retaining = true;
  const flushEveryTurn = (): void => {
    if (!retaining) return;
    store.writer.write(reading({ ts: NOW + flushesDuringRetention, value: 61 }));
    if (store.writer.flush()) flushesDuringRetention++;
    setImmediate(flushEveryTurn);
  };
  setImmediate(flushEveryTurn);
  const outcome = await store.applyRetention();
  retaining = false;
  t.equal(outcome.samplesDeleted, 1000);
  t.ok(flushesDuringRetention >= 9, `the writer committed ${flushesDuringRetention} times while 10 batches were deleted`);
});

t.test('without retention settings the store keeps raw data as long as the config defaults say, per metric laid over them', async (t) => {
  const { rawDays, perMetric } = DEFAULT_STORE_CONFIG.retention;
  const ecgDays = perMetric['ecg'] ?? rawDays;
  const store = new Store({ path: join(tempDir(t), 'hearth.db'), clock: new ManualClock(NOW), retention: { perMetric: { spo2: 2 } } });
  await store.start();
  t.teardown(() => store.stop());
  const span = rawDays + 10;
  for (let d = 1; d <= span; d++) {
    store.writer.write(reading({ metric: 'body_weight', unit: 'kg', ts: NOW - d * DAY + 1, value: 80 }));
    store.writer.write(reading({ metric: 'spo2', unit: '%', ts: NOW - d * DAY + 1, value: 97 }));
    store.writer.writeWaveform({ metric: 'ecg', deviceId: 'h10', personId: 'alice', t0: NOW - d * DAY + 1, rateHz: 130, samples: [1, 2, 3, 4] });
  }
  store.writer.flush();
  const outcome = await store.applyRetention();
  t.equal(outcome.blocksDeleted, span - ecgDays, `ECG keeps its default ${ecgDays} days`);
  t.equal(outcome.samplesDeleted, span - rawDays + (span - 2), `weight keeps the default ${rawDays} days, SpO2 the 2 it was given`);
});
