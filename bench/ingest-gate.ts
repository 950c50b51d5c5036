/**
 * Readings per second through the whole ingest gate (plausibility, de-duplication lookups, person
 * assignment, the bus, the batched writer with rollups) against a bare better-sqlite3 batched insert
 * of the same rows into a table of the same shape, in the same run on the same disk.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { DecodedReading } from '../drivers/format.js';
import { EventBus } from '../hub/bus/event-bus.js';
import type { HubEvents } from '../hub/bus/hub-events.js';
import { ManualClock } from '../core/clock.js';
import { DeviceHistoryDedupe } from '../hub/ingest/device-history-dedupe.js';
import { IngestGate } from '../hub/ingest/ingest-gate.js';
import { storedReadingLookup } from '../hub/ingest/stored-reading-lookup.js';
import { silentLogger } from '../hub/log/logger.js';
import { Store } from '../hub/store/index.js';
import { gaussian, isMain, printTable, seededRandom, withTempDir } from './lib/bench-env.js';

const READINGS = 300_000;
const PER_PACKET = 10;
const DEVICES = 20;
const T0 = Date.UTC(2026, 0, 1);

interface Packet {
  readonly deviceId: string;
  readonly receivedAt: number;
  readonly readings: DecodedReading[];
}

/** Straps streaming heart rate and RR on hub time, and cuffs/scales sending timestamped history. */
function household(): Packet[] {
  const random = seededRandom(7);
  const packets: Packet[] = [];
  for (let i = 0; i < READINGS / PER_PACKET; i++) {
    const device = i % DEVICES;
    const at = T0 + i * 50;
    const timestamped = device % 4 === 0;
    const readings: DecodedReading[] = [];
    for (let k = 0; k < PER_PACKET; k++) {
      if (timestamped) readings.push({ metric: k % 2 === 0 ? 'bp_systolic' : 'body_weight', value: k % 2 === 0 ? 120 + 8 * gaussian(random) : 70 + gaussian(random), ts: at - 50 * (PER_PACKET - k) });
      else readings.push(k === 0 ? { metric: 'heart_rate', value: 70 + 5 * gaussian(random) } : { metric: 'rr_interval', value: 850 + 40 * gaussian(random) });
    }
    packets.push({ deviceId: `bench-${device}`, receivedAt: at, readings });
  }
  return packets;
}

async function throughGate(path: string, packets: readonly Packet[]): Promise<number> {
  const clock = new ManualClock(T0);
  const store = new Store({ path, clock, writer: { flushIntervalMs: 60_000, maxBatch: 5000 } });
  await store.start();
  const bus = new EventBus<HubEvents>();
  let published = 0;
  bus.on('reading.accepted', 'bench', () => published++);
  const gate = new IngestGate({
    clock,
    bus,
    sink: store.writer,
    people: { personFor: (deviceId) => `person-${deviceId.length % 3}` },
    duplicates: new DeviceHistoryDedupe(storedReadingLookup(store.query)),
    logger: silentLogger(),
    maxFutureSkewMs: 300_000,
  });
  const started = performance.now();
  for (const packet of packets) {
    clock.set(packet.receivedAt);
    gate.submit(packet);
  }
  store.writer.flush();
  const seconds = (performance.now() - started) / 1000;
  await store.stop();
  if (published !== READINGS) throw new Error(`the gate accepted ${published} of ${READINGS} readings`);
  return READINGS / seconds;
}

function bareInsert(path: string, packets: readonly Packet[]): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE sample (series_id INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL, flags INTEGER NOT NULL, PRIMARY KEY (series_id, ts)) STRICT, WITHOUT ROWID');
  const insert = db.prepare('INSERT OR IGNORE INTO sample (series_id, ts, value, flags) VALUES (?, ?, ?, 0)');
  const rows: [number, number, number][] = [];
  packets.forEach((p, i) => p.readings.forEach((r, k) => rows.push([(i % DEVICES) * 10 + (k === 0 ? 0 : 1), r.ts ?? p.receivedAt * 10 + k, r.value])));
  const batch = db.transaction((slice: [number, number, number][]) => {
    for (const row of slice) insert.run(...row);
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 5000) batch(rows.slice(i, i + 5000));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows.length / seconds;
}

export interface IngestBenchFigures {
  readonly gatePerSecond: number;
  readonly barePerSecond: number;
  readonly ratio: number;
}

export async function run(): Promise<IngestBenchFigures> {
  const packets = household();
  return withTempDir(async (dir) => {
    const barePerSecond = bareInsert(join(dir, 'bare.db'), packets);
    const gatePerSecond = await throughGate(join(dir, 'gate.db'), packets);
    const ratio = gatePerSecond / barePerSecond;
    printTable(`Ingest throughput, ${READINGS.toLocaleString('en')} readings (${DEVICES} devices, a quarter with device timestamps)`, [
      ['bare better-sqlite3 insert', `${Math.round(barePerSecond).toLocaleString('en')} readings/s`],
      ['whole gate + writer + rollups', `${Math.round(gatePerSecond).toLocaleString('en')} readings/s`],
      ['gate / bare', `${ratio.toFixed(2)} (target ≥ 0.25)`],
    ]);
    return { gatePerSecond, barePerSecond, ratio };
  });
}

if (isMain(import.meta.url)) await run();
