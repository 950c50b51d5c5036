/**
 * The store's reads that other parts make besides charts: a week's export streamed out (two
 * devices of one person merged), the relay's daily aggregates from the day rollups, the ingest
 * gate's "is this device reading already stored?" lookup, and a device's latest battery level.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../core/clock.js';
import type { Reading } from '../core/reading.js';
import { HouseholdView } from '../hub/api/household-view.js';
import { exportRows } from '../hub/export/export-rows.js';
import { storedReadingLookup } from '../hub/ingest/stored-reading-lookup.js';
import { HouseholdRegistry, type Device } from '../hub/household/household-registry.js';
import { householdMigrations } from '../hub/household/household-schema.js';
import { dailyAggregates } from '../hub/relay/daily-aggregates.js';
import type { AlertsView } from '../hub/services/alerts-service.js';
import { ServiceSlot } from '../hub/services/service-slot.js';
import { migrate } from '../hub/store/index.js';
import { isMain, medianMs, printTable, seededRandom, withTempDir } from './lib/bench-env.js';
import { BENCH_T0, heartRateAt1Hz, openBenchStore, writeAll } from './lib/store-fixtures.js';

const DAYS = 7;
const LOOKUPS = 200_000;
const DAY_MS = 86_400_000;
const AGGREGATE_METRICS = ['heart_rate', 'spo2', 'body_weight', 'steps'];

export interface StoreReadsFigures {
  readonly exportRows: number;
  readonly exportRowsPerSecond: number;
  readonly dailyAggregatesPerSecond: number;
  readonly storedLookupsPerSecond: number;
  readonly batteryLookupsPerSecond: number;
}

function* batteryOnceAMinute(minutes: number, deviceId: string): Generator<Reading> {
  for (let i = 0; i < minutes; i++) yield { metric: 'battery', unit: '%', value: 100 - Math.floor(i / 1000), ts: BENCH_T0 + i * 60_000, deviceId, personId: 'alice', tsSource: 'hub' };
}

function perSecond(count: number, ms: number): number {
  return count / (ms / 1000);
}

export async function run(): Promise<StoreReadsFigures> {
  return withTempDir(async (dir) => {
    const store = await openBenchStore(join(dir, 'hearth.db'));
    try {
      writeAll(store, heartRateAt1Hz(DAYS * 86_400, 'strap', 1));
      writeAll(store, heartRateAt1Hz(DAYS * 86_400, 'watch', 2));
      writeAll(store, batteryOnceAMinute(DAYS * 1440, 'strap'));
      const from = BENCH_T0;
      const to = BENCH_T0 + DAYS * DAY_MS;

      let exported = 0;
      const exportMs = medianMs(3, () => {
        exported = 0;
        for (const _row of exportRows(store.query, { personId: 'alice', from, to })) exported++;
      });

      const aggregateMs = medianMs(5, () => {
        for (let d = 0; d < DAYS; d++) dailyAggregates(store.query, 'alice', from + d * DAY_MS, AGGREGATE_METRICS);
      });

      // Half the lookups hit a stored reading, half miss by a millisecond, as re-sent history does.
      const lookup = storedReadingLookup(store.query);
      const random = seededRandom(3);
      const probes = Array.from({ length: LOOKUPS }, () => BENCH_T0 + Math.floor(random() * DAYS * 86_400) * 1000 + (random() < 0.5 ? 0 : 1));
      let hits = 0;
      const lookupMs = medianMs(5, () => {
        hits = 0;
        for (const ts of probes) if (lookup('strap', 'heart_rate', ts)) hits++;
      });
      if (hits === 0 || hits === LOOKUPS) throw new Error(`the lookups should both hit and miss, hit ${hits} of ${LOOKUPS}`);

      migrate(store.db, 'household', householdMigrations);
      const view = new HouseholdView(new HouseholdRegistry(store.db, new ManualClock(to)), store, new ServiceSlot<AlertsView>('alerts'));
      const strap: Device = { id: 'strap', userSlots: {}, firstSeen: from, lastSeen: to };
      const batteryLookups = 20_000;
      const batteryStarted = performance.now();
      for (let i = 0; i < batteryLookups; i++) if (view.deviceSummary(strap).battery === null) throw new Error('no battery level');
      const batteryMs = performance.now() - batteryStarted;

      const figures: StoreReadsFigures = {
        exportRows: exported,
        exportRowsPerSecond: perSecond(exported, exportMs),
        dailyAggregatesPerSecond: perSecond(DAYS * AGGREGATE_METRICS.length, aggregateMs),
        storedLookupsPerSecond: perSecond(LOOKUPS, lookupMs),
        batteryLookupsPerSecond: perSecond(batteryLookups, batteryMs),
      };
      printTable(`store reads: ${DAYS} days of 1 Hz heart rate from two devices`, [
        ['export stream', `${exported.toLocaleString('en')} rows in ${exportMs.toFixed(0)} ms, ${Math.round(figures.exportRowsPerSecond).toLocaleString('en')} rows/s`],
        ['daily aggregates', `${Math.round(figures.dailyAggregatesPerSecond).toLocaleString('en')} person-day-metrics/s`],
        ['stored-reading lookup', `${Math.round(figures.storedLookupsPerSecond).toLocaleString('en')} lookups/s (${hits} of ${LOOKUPS} hit)`],
        ['latest battery', `${Math.round(figures.batteryLookupsPerSecond).toLocaleString('en')} lookups/s`],
      ]);
      return figures;
    } finally {
      await store.stop();
    }
  });
}

if (isMain(import.meta.url)) await run();
