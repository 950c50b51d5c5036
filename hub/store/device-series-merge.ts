import type { Db } from './database.js';
import { RollupCorrection } from './rollup-correction.js';

/** Bit 0 of a sample's flags: the hub's clock stamped it (see flags.ts). */
const HUB_TIMESTAMP = 1;

export interface DeviceSeriesMergeOutcome {
  /** Series that only changed their device id. */
  readonly seriesRenamed: number;
  /** Series folded into the target device's series of the same metric and person. */
  readonly seriesFolded: number;
  readonly samplesMoved: number;
  /** Samples both ids held at the same time: one reading heard twice, kept once. */
  readonly duplicatesDropped: number;
  /** Distinct hub-stamped readings that met at the same millisecond: moved on a millisecond, as the writer does. */
  readonly samplesNudged: number;
  readonly blocksMoved: number;
}

interface SeriesRow {
  id: number;
  metric: string;
  person_id: string;
  purged_before: number;
}

interface SampleRow {
  ts: number;
  value: number;
  flags: number;
}

interface Collision extends SampleRow {
  theirValue: number;
  theirFlags: number;
}

/** Every device id the store keeps series under. */
export function seriesDeviceIds(db: Db): string[] {
  return db.prepare('SELECT DISTINCT device_id FROM series').pluck().all() as string[];
}

/**
 * Moves everything the store holds under device `from` to device `to` (two ids that turned out to
 * be one device): series, raw samples, rollups and waveform blocks, inside the caller's
 * transaction. A series of `to` with the same metric and person takes the other's rows; where both
 * hold a sample at the same time, a device-stamped pair (or two equal values) is one reading heard
 * twice and is kept once, and two different hub-stamped readings stay two, the later moved on a
 * millisecond. Rollups are summed and corrected for what was dropped or moved; where raw samples
 * cover a whole bucket it is recomputed from them. Duplicate lookups read the series table, so
 * they continue on the merged id without more ado.
 */
export function mergeDeviceSeries(db: Db, from: string, to: string): DeviceSeriesMergeOutcome {
  const outcome = { seriesRenamed: 0, seriesFolded: 0, samplesMoved: 0, duplicatesDropped: 0, samplesNudged: 0, blocksMoved: 0 };
  if (from === to) return outcome;
  const sources = db.prepare<[string], SeriesRow>('SELECT id, metric, person_id, purged_before FROM series WHERE device_id = ? ORDER BY id').all(from);
  const findTarget = db.prepare<[string, string, string], SeriesRow>('SELECT id, metric, person_id, purged_before FROM series WHERE device_id = ? AND metric = ? AND person_id = ?');
  for (const source of sources) {
    const target = findTarget.get(to, source.metric, source.person_id);
    if (target === undefined) {
      db.prepare('UPDATE series SET device_id = ? WHERE id = ?').run(to, source.id);
      outcome.seriesRenamed++;
      continue;
    }
    foldSeries(db, source, target, outcome);
    outcome.seriesFolded++;
  }
  return outcome;
}

function foldSeries(db: Db, source: SeriesRow, target: SeriesRow, outcome: { samplesMoved: number; duplicatesDropped: number; samplesNudged: number; blocksMoved: number }): void {
  const purgedBefore = Math.max(source.purged_before, target.purged_before);
  const rollups = new RollupCorrection(db, target.id);

  const collisions = db
    .prepare<[number, number], Collision>(
      `SELECT a.ts AS ts, a.value AS value, a.flags AS flags, b.value AS theirValue, b.flags AS theirFlags
       FROM sample a JOIN sample b ON b.series_id = ? AND b.ts = a.ts WHERE a.series_id = ? ORDER BY a.ts`,
    )
    .all(target.id, source.id);
  outcome.samplesMoved += db
    .prepare('INSERT OR IGNORE INTO sample (series_id, ts, value, flags) SELECT ?, ts, value, flags FROM sample WHERE series_id = ?')
    .run(target.id, source.id).changes;
  const insert = db.prepare<[number, number, number, number]>('INSERT OR IGNORE INTO sample (series_id, ts, value, flags) VALUES (?, ?, ?, ?)');
  for (const c of collisions) {
    const bothHubStamped = (c.flags & HUB_TIMESTAMP) !== 0 && (c.theirFlags & HUB_TIMESTAMP) !== 0;
    // The source's rollups counted this sample at its old time; they are summed in below.
    rollups.remove(c.ts, c.value);
    if (!bothHubStamped || c.value === c.theirValue) {
      outcome.duplicatesDropped++;
      continue;
    }
    let ts = c.ts + 1;
    while (insert.run(target.id, ts, c.value, c.flags).changes === 0) ts++;
    rollups.add(ts, c.value);
    outcome.samplesMoved++;
    outcome.samplesNudged++;
  }
  db.prepare('DELETE FROM sample WHERE series_id = ?').run(source.id);

  db.prepare(
    `INSERT INTO rollup (series_id, resolution, bucket, count, sum, min, max, sumsq)
     SELECT ?, resolution, bucket, count, sum, min, max, sumsq FROM rollup WHERE series_id = ?
     ON CONFLICT (series_id, resolution, bucket) DO UPDATE SET
       count = count + excluded.count, sum = sum + excluded.sum,
       min = min(min, excluded.min), max = max(max, excluded.max), sumsq = sumsq + excluded.sumsq`,
  ).run(target.id, source.id);
  db.prepare('DELETE FROM rollup WHERE series_id = ?').run(source.id);
  rollups.apply(purgedBefore);

  outcome.blocksMoved += moveBlocks(db, source.id, target.id);
  db.prepare('UPDATE series SET purged_before = ? WHERE id = ?').run(purgedBefore, target.id);
  db.prepare('DELETE FROM series WHERE id = ?').run(source.id);
}

/**
 * Waveform blocks keyed by their start: a block both ids hold with the same content is kept once;
 * a different block at the same start moves on a millisecond.
 */
function moveBlocks(db: Db, sourceId: number, targetId: number): number {
  const blocks = db
    .prepare<[number], { t0: number; rate_hz: number; sample_count: number; encoding: number; data: Buffer }>(
      'SELECT t0, rate_hz, sample_count, encoding, data FROM waveform_block WHERE series_id = ? ORDER BY t0',
    )
    .all(sourceId);
  const same = db.prepare<[number, number, number, number, number, Buffer], { n: number }>(
    'SELECT count(*) AS n FROM waveform_block WHERE series_id = ? AND t0 = ? AND rate_hz = ? AND sample_count = ? AND encoding = ? AND data = ?',
  );
  const insert = db.prepare<[number, number, number, number, number, Buffer]>(
    'INSERT OR IGNORE INTO waveform_block (series_id, t0, rate_hz, sample_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let moved = 0;
  for (const b of blocks) {
    if ((same.get(targetId, b.t0, b.rate_hz, b.sample_count, b.encoding, b.data)?.n ?? 0) > 0) continue;
    let t0 = b.t0;
    while (insert.run(targetId, t0, b.rate_hz, b.sample_count, b.encoding, b.data).changes === 0) t0++;
    moved++;
  }
  db.prepare('DELETE FROM waveform_block WHERE series_id = ?').run(sourceId);
  return moved;
}
