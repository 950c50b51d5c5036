import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AggregateCell } from '../protocol/batch.js';
import type { BackupListing, BackupManifest } from '../protocol/backup-wire.js';
import type { IngestOutcome, RegisteredHub, RelayStorage, ResearchCellRow, ResearchQuery, StoredBackup } from './relay-storage.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS hub (key_id TEXT PRIMARY KEY, public_key BLOB NOT NULL, registered_day TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS nonce (key_id TEXT NOT NULL, nonce TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (key_id, nonce)) STRICT;
  CREATE INDEX IF NOT EXISTS nonce_by_day ON nonce (day);
  CREATE TABLE IF NOT EXISTS batch (key_id TEXT NOT NULL, batch_id TEXT NOT NULL, day TEXT NOT NULL, cells INTEGER NOT NULL, PRIMARY KEY (key_id, batch_id)) STRICT;
  -- No hub column, on purpose: see RelayStorage.ingest.
  CREATE TABLE IF NOT EXISTS cell (
    pid TEXT NOT NULL, day TEXT NOT NULL, age TEXT NOT NULL, metric TEXT NOT NULL,
    n REAL NOT NULL, mean REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL, sd REAL NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS cell_by_query ON cell (metric, day, age);
  CREATE TABLE IF NOT EXISTS backup (
    backup_id TEXT PRIMARY KEY, key_id TEXT NOT NULL, locator TEXT NOT NULL, read_token_hash TEXT NOT NULL,
    chunk_count INTEGER NOT NULL, header TEXT NOT NULL, started_day TEXT NOT NULL, completed_day TEXT, seq INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS backup_by_locator ON backup (locator);
  CREATE TABLE IF NOT EXISTS backup_chunk (backup_id TEXT NOT NULL, idx INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (backup_id, idx)) STRICT;
`;

interface BackupRow {
  backup_id: string;
  key_id: string;
  locator: string;
  read_token_hash: string;
  chunk_count: number;
  header: string;
  started_day: string;
  completed_day: string | null;
}

/** The relay's storage in one SQLite file (WAL): the one-command setup for a single instance. */
export class SqliteRelayStorage implements RelayStorage {
  private readonly db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  async registerHub(hub: RegisteredHub, day: string): Promise<'created' | 'known'> {
    const info = this.db.prepare('INSERT INTO hub (key_id, public_key, registered_day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(hub.keyId, hub.publicKey, day);
    return info.changes === 1 ? 'created' : 'known';
  }

  async hub(keyId: string): Promise<RegisteredHub | undefined> {
    const row = this.db.prepare<[string], { key_id: string; public_key: Buffer }>('SELECT key_id, public_key FROM hub WHERE key_id = ?').get(keyId);
    return row === undefined ? undefined : { keyId: row.key_id, publicKey: row.public_key };
  }

  async useNonce(keyId: string, nonce: string, day: string): Promise<boolean> {
    return this.db.prepare('INSERT INTO nonce (key_id, nonce, day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(keyId, nonce, day).changes === 1;
  }

  async purgeNonces(beforeDay: string): Promise<number> {
    return this.db.prepare('DELETE FROM nonce WHERE day < ?').run(beforeDay).changes;
  }

  async ingest(keyId: string, batchId: string, cells: readonly AggregateCell[], day: string): Promise<IngestOutcome> {
    const insertCell = this.db.prepare('INSERT INTO cell (pid, day, age, metric, n, mean, min, max, sd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    return this.db
      .transaction((): IngestOutcome => {
        const fresh = this.db.prepare('INSERT INTO batch (key_id, batch_id, day, cells) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(keyId, batchId, day, cells.length);
        if (fresh.changes === 0) return 'duplicate';
        for (const c of cells) insertCell.run(c.pid, c.day, c.age, c.metric, c.n, c.mean, c.min, c.max, c.sd);
        return 'folded';
      })
      .immediate();
  }

  async research(query: ResearchQuery): Promise<ResearchCellRow[]> {
    return this.db
      .prepare<{ metric: string; from: string; to: string; age: string | null }, ResearchCellRow>(
        `SELECT metric, day, age, count(DISTINCT pid) AS contributors, avg(mean) AS meanOfMeans, avg(sd) AS meanSd,
                avg(min) AS meanMin, avg(max) AS meanMax, CAST(round(sum(max(n, 0))) AS INTEGER) AS readings
         FROM cell WHERE metric = :metric AND day >= :from AND day <= :to AND (:age IS NULL OR age = :age)
         GROUP BY metric, day, age ORDER BY day, age`,
      )
      .all({ metric: query.metric, from: query.from, to: query.to, age: query.age ?? null });
  }

  async batchCount(): Promise<number> {
    return this.db.prepare('SELECT count(*) FROM batch').pluck().get() as number;
  }

  async cellCount(): Promise<number> {
    return this.db.prepare('SELECT count(*) FROM cell').pluck().get() as number;
  }

  async createBackup(keyId: string, backupId: string, manifest: BackupManifest, day: string): Promise<'created' | 'exists' | 'conflict'> {
    return this.db
      .transaction(() => {
        const known = this.db.prepare<[string], BackupRow>('SELECT * FROM backup WHERE backup_id = ?').get(backupId);
        if (known !== undefined) return known.key_id === keyId && known.chunk_count === manifest.chunkCount ? 'exists' : 'conflict';
        const seq = (this.db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM backup').pluck().get() as number) ?? 1;
        this.db
          .prepare('INSERT INTO backup (backup_id, key_id, locator, read_token_hash, chunk_count, header, started_day, completed_day, seq) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)')
          .run(backupId, keyId, manifest.locator, manifest.readTokenHash, manifest.chunkCount, manifest.header, day, seq);
        return 'created';
      })
      .immediate();
  }

  async backup(backupId: string): Promise<StoredBackup | undefined> {
    const row = this.db.prepare<[string], BackupRow>('SELECT * FROM backup WHERE backup_id = ?').get(backupId);
    if (row === undefined) return undefined;
    const received = this.db.prepare<[string], { idx: number }>('SELECT idx FROM backup_chunk WHERE backup_id = ? ORDER BY idx').all(backupId).map((r) => r.idx);
    return {
      backupId: row.backup_id,
      keyId: row.key_id,
      manifest: { locator: row.locator, readTokenHash: row.read_token_hash, chunkCount: row.chunk_count, header: row.header },
      received,
      complete: row.completed_day !== null,
    };
  }

  async putChunk(backupId: string, index: number, data: Buffer): Promise<void> {
    this.db.prepare('INSERT INTO backup_chunk (backup_id, idx, data) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET data = excluded.data').run(backupId, index, data);
  }

  async completeBackup(backupId: string, day: string, keep: number): Promise<'complete' | 'missing-chunks'> {
    return this.db
      .transaction(() => {
        const row = this.db.prepare<[string], BackupRow>('SELECT * FROM backup WHERE backup_id = ?').get(backupId);
        if (row === undefined) return 'missing-chunks';
        const have = this.db.prepare('SELECT count(*) FROM backup_chunk WHERE backup_id = ? AND idx < ?').pluck().get(backupId, row.chunk_count) as number;
        if (have < row.chunk_count) return 'missing-chunks';
        if (row.completed_day === null) this.db.prepare('UPDATE backup SET completed_day = ? WHERE backup_id = ?').run(day, backupId);
        const stale = this.db
          .prepare<[string, number], { backup_id: string }>(
            'SELECT backup_id FROM backup WHERE key_id = ? AND completed_day IS NOT NULL ORDER BY seq DESC LIMIT -1 OFFSET ?',
          )
          .all(row.key_id, keep);
        for (const s of stale) this.deleteBackup(s.backup_id);
        return 'complete';
      })
      .immediate();
  }

  async listBackups(locator: string, readTokenHash: string): Promise<BackupListing[]> {
    return this.db
      .prepare<[string, string], { backupId: string; chunkCount: number; header: string; day: string }>(
        `SELECT backup_id AS backupId, chunk_count AS chunkCount, header, completed_day AS day FROM backup
         WHERE locator = ? AND read_token_hash = ? AND completed_day IS NOT NULL ORDER BY seq DESC`,
      )
      .all(locator, readTokenHash);
  }

  async chunk(backupId: string, index: number): Promise<Buffer | undefined> {
    const row = this.db.prepare<[string, number], { data: Buffer }>('SELECT data FROM backup_chunk WHERE backup_id = ? AND idx = ?').get(backupId, index);
    return row?.data;
  }

  async purgeIncompleteBackups(beforeDay: string): Promise<number> {
    return this.db
      .transaction(() => {
        const stale = this.db.prepare<[string], { backup_id: string }>("SELECT backup_id FROM backup WHERE completed_day IS NULL AND started_day < ?").all(beforeDay);
        for (const s of stale) this.deleteBackup(s.backup_id);
        return stale.length;
      })
      .immediate();
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private deleteBackup(backupId: string): void {
    this.db.prepare('DELETE FROM backup_chunk WHERE backup_id = ?').run(backupId);
    this.db.prepare('DELETE FROM backup WHERE backup_id = ?').run(backupId);
  }
}
