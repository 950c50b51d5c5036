import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ManualClock } from '../../core/clock.js';
import { observabilityPartFactory, type ObservabilityPart } from '../../hub/observability/observability-part.js';
import { applianceHub, sample } from './appliance-hub.js';

/**
 * NTP corrects the Pi's clock (it has no RTC): back by an hour after a boot with a wrong time,
 * forward by a day after a long power cut. Readings the hub stamps itself keep being stored, once
 * each, and the timers (writer flush, metrics sampler) keep firing: they run on monotonic time.
 */
t.test('the clock jumping back and forward loses no reading, stores none twice, and stops no timer', async (t) => {
  const clock = new ManualClock(Date.UTC(2025, 0, 15, 12, 0, 0));
  let part: ObservabilityPart | undefined;
  const factory = observabilityPartFactory({ notifier: { active: false, notify: async () => undefined } });
  const hub = applianceHub(mkdtempSync(join(tmpdir(), 'hearth-clock-')), {
    clock,
    consumers: [(context) => (part = factory(context) as ObservabilityPart)],
  });
  await hub.start();
  t.teardown(() => hub.stop());
  let sent = 0;
  const minuteOfReadings = async (): Promise<void> => {
    for (let s = 0; s < 60; s++) {
      t.equal(hub.context.ingest.submit({ deviceId: 'kit', readings: [{ metric: 'heart_rate', value: 60 + (s % 20) }] }).accepted, 1);
      sent++;
      clock.advance(1000);
    }
    await hub.store.writer.flushed();
  };
  await minuteOfReadings();
  clock.advance(-3_600_000);
  await minuteOfReadings();
  // Back again over the very same minute: the same hub-stamped times, still distinct readings.
  clock.advance(-60_000);
  await minuteOfReadings();
  clock.advance(86_400_000);
  await minuteOfReadings();
  t.equal(hub.store.query.stats().readings, sent, 'every reading stored once');
  t.equal(hub.store.writer.stats().duplicates, 0);
  t.equal(hub.context.ingest.stats().rejected.total, 0);
  const flushesBefore = hub.store.writer.stats().flushes;
  const metricsBefore = sample(await part!.metricsText(), 'hearth_store_flush_seconds_count') ?? 0;
  clock.advance(-7_200_000);
  await minuteOfReadings();
  t.ok(hub.store.writer.stats().flushes > flushesBefore, 'the writer still flushes on its timer');
  await new Promise((r) => setTimeout(r, 1500));
  t.ok((sample(await part!.metricsText(), 'hearth_store_flush_seconds_count') ?? 0) > metricsBefore, 'the metrics sampler still runs');
  const health = await fetch(`${hub.listeningAddress}/api/v1/health`);
  t.equal(health.status, 200, 'the hub stays healthy');
});
