import type { Db } from './database.js';

export interface SeriesKey {
  readonly deviceId: string;
  readonly metric: string;
  readonly personId?: string | undefined;
}

export interface SeriesEntry {
  readonly id: number;
  /** Raw samples before this time were removed by retention. */
  purgedBefore: number;
}

/**
 * Series ids by (device, metric, person), cached in memory. Series created inside a transaction
 * that later rolls back are forgotten again, so the cache never holds an id the file lacks.
 */
export class SeriesRegistry {
  private readonly byKey = new Map<string, SeriesEntry>();
  private readonly byId = new Map<number, SeriesEntry>();
  private createdInTransaction: string[] = [];
  private readonly select;
  private readonly insert;

  constructor(db: Db) {
    this.select = db.prepare<[string, string, string], { id: number; purged_before: number }>(
      'SELECT id, purged_before FROM series WHERE device_id = ? AND metric = ? AND person_id = ?',
    );
    this.insert = db.prepare<[string, string, string]>('INSERT INTO series (device_id, metric, person_id) VALUES (?, ?, ?)');
  }

  /** Finds or creates the series. Call inside the writer's transaction. */
  resolve(key: SeriesKey): SeriesEntry {
    const personId = key.personId ?? '';
    const cacheKey = `${key.deviceId}\u0000${key.metric}\u0000${personId}`;
    const cached = this.byKey.get(cacheKey);
    if (cached !== undefined) return cached;
    const row = this.select.get(key.deviceId, key.metric, personId);
    let entry: SeriesEntry;
    if (row !== undefined) {
      entry = { id: row.id, purgedBefore: row.purged_before };
    } else {
      entry = { id: Number(this.insert.run(key.deviceId, key.metric, personId).lastInsertRowid), purgedBefore: 0 };
      this.createdInTransaction.push(cacheKey);
    }
    this.byKey.set(cacheKey, entry);
    this.byId.set(entry.id, entry);
    return entry;
  }

  /** The series if it exists; never creates one. */
  find(key: SeriesKey): SeriesEntry | undefined {
    const personId = key.personId ?? '';
    const cached = this.byKey.get(`${key.deviceId}\u0000${key.metric}\u0000${personId}`);
    if (cached !== undefined) return cached;
    const row = this.select.get(key.deviceId, key.metric, personId);
    return row === undefined ? undefined : { id: row.id, purgedBefore: row.purged_before };
  }

  committed(): void {
    this.createdInTransaction = [];
  }

  rolledBack(): void {
    for (const cacheKey of this.createdInTransaction) {
      const entry = this.byKey.get(cacheKey);
      this.byKey.delete(cacheKey);
      if (entry !== undefined) this.byId.delete(entry.id);
    }
    this.createdInTransaction = [];
  }

  /** The series were deleted: a reading for one of their keys makes a new series. */
  forget(seriesIds: readonly number[]): void {
    const gone = new Set(seriesIds);
    for (const [cacheKey, entry] of this.byKey) if (gone.has(entry.id)) this.byKey.delete(cacheKey);
    for (const id of gone) this.byId.delete(id);
  }

  /** Retention moved a series' raw horizon forward. */
  notePurged(seriesId: number, before: number): void {
    const entry = this.byId.get(seriesId);
    if (entry !== undefined && before > entry.purgedBefore) entry.purgedBefore = before;
  }
}
