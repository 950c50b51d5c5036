import type { AggregateCell } from '../protocol/batch.js';
import type { BackupListing, BackupManifest } from '../protocol/backup-wire.js';
import type { IngestOutcome, RegisteredHub, RelayStorage, ResearchCellRow, ResearchQuery, StoredBackup } from './relay-storage.js';

/** The part of `pg`'s client the relay uses; `pg.Pool` and `pg.PoolClient` fit it. */
export interface PgQueryable {
  query(text: string, params?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(): void }>;
  end(): Promise<void>;
}

const SCHEMA = [
  'CREATE TABLE IF NOT EXISTS hub (key_id TEXT PRIMARY KEY, public_key BYTEA NOT NULL, registered_day TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS nonce (key_id TEXT NOT NULL, nonce TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (key_id, nonce))',
  'CREATE INDEX IF NOT EXISTS nonce_by_day ON nonce (day)',
  'CREATE TABLE IF NOT EXISTS batch (key_id TEXT NOT NULL, batch_id TEXT NOT NULL, day TEXT NOT NULL, cells INTEGER NOT NULL, PRIMARY KEY (key_id, batch_id))',
  `CREATE TABLE IF NOT EXISTS cell (pid TEXT NOT NULL, day TEXT NOT NULL, age TEXT NOT NULL, metric TEXT NOT NULL,
     n DOUBLE PRECISION NOT NULL, mean DOUBLE PRECISION NOT NULL, min DOUBLE PRECISION NOT NULL, max DOUBLE PRECISION NOT NULL, sd DOUBLE PRECISION NOT NULL)`,
  'CREATE INDEX IF NOT EXISTS cell_by_query ON cell (metric, day, age)',
  `CREATE TABLE IF NOT EXISTS backup (backup_id TEXT PRIMARY KEY, key_id TEXT NOT NULL, locator TEXT NOT NULL, read_token_hash TEXT NOT NULL,
     chunk_count INTEGER NOT NULL, header TEXT NOT NULL, started_day TEXT NOT NULL, completed_day TEXT, seq BIGSERIAL)`,
  'CREATE INDEX IF NOT EXISTS backup_by_locator ON backup (locator)',
  'CREATE TABLE IF NOT EXISTS backup_chunk (backup_id TEXT NOT NULL, idx INTEGER NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (backup_id, idx))',
];

/** Opens a pool with the `pg` package, loaded only when PostgreSQL is configured. */
export async function openPostgresStorage(url: string): Promise<PostgresRelayStorage> {
  const moduleName = 'pg';
  const pg = (await import(moduleName)) as { default: { Pool: new (options: { connectionString: string }) => PgPoolLike } };
  const storage = new PostgresRelayStorage(new pg.default.Pool({ connectionString: url }));
  await storage.migrate();
  return storage;
}

/**
 * The relay's storage in PostgreSQL, shared by stateless relay instances. Every write is one
 * transaction; the batch table's primary key is what makes a re-sent batch fold only once even
 * when two instances receive it at the same moment.
 */
export class PostgresRelayStorage implements RelayStorage {
  constructor(private readonly pool: PgPoolLike) {}

  async migrate(): Promise<void> {
    // An advisory lock, so instances starting together do not race on CREATE.
    await this.transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(7419)');
      for (const sql of SCHEMA) await c.query(sql);
    });
  }

  async registerHub(hub: RegisteredHub, day: string): Promise<'created' | 'known'> {
    const r = await this.pool.query('INSERT INTO hub (key_id, public_key, registered_day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [hub.keyId, hub.publicKey, day]);
    return r.rowCount === 1 ? 'created' : 'known';
  }

  async hub(keyId: string): Promise<RegisteredHub | undefined> {
    const r = await this.pool.query('SELECT key_id, public_key FROM hub WHERE key_id = $1', [keyId]);
    const row = r.rows[0];
    return row === undefined ? undefined : { keyId: String(row.key_id), publicKey: row.public_key as Buffer };
  }

  async useNonce(keyId: string, nonce: string, day: string): Promise<boolean> {
    const r = await this.pool.query('INSERT INTO nonce (key_id, nonce, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [keyId, nonce, day]);
    return r.rowCount === 1;
  }

  async purgeNonces(beforeDay: string): Promise<number> {
    return (await this.pool.query('DELETE FROM nonce WHERE day < $1', [beforeDay])).rowCount ?? 0;
  }

  async ingest(keyId: string, batchId: string, cells: readonly AggregateCell[], day: string): Promise<IngestOutcome> {
    return this.transaction(async (c) => {
      const fresh = await c.query('INSERT INTO batch (key_id, batch_id, day, cells) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [keyId, batchId, day, cells.length]);
      if (fresh.rowCount === 0) return 'duplicate';
      if (cells.length > 0) {
        // One statement per batch: unnest of parallel arrays instead of a round trip per cell.
        const col = <K extends keyof AggregateCell>(k: K) => cells.map((cell) => cell[k]);
        await c.query(
          `INSERT INTO cell (pid, day, age, metric, n, mean, min, max, sd)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[])`,
          [col('pid'), col('day'), col('age'), col('metric'), col('n'), col('mean'), col('min'), col('max'), col('sd')],
        );
      }
      return 'folded';
    });
  }

  async research(query: ResearchQuery): Promise<ResearchCellRow[]> {
    const r = await this.pool.query(
      `SELECT metric, day, age, count(DISTINCT pid)::int AS contributors, avg(mean) AS mean_of_means, avg(sd) AS mean_sd,
              avg(min) AS mean_min, avg(max) AS mean_max, round(sum(greatest(n, 0)))::bigint AS readings
       FROM cell WHERE metric = $1 AND day >= $2 AND day <= $3 AND ($4::text IS NULL OR age = $4)
       GROUP BY metric, day, age ORDER BY day, age`,
      [query.metric, query.from, query.to, query.age ?? null],
    );
    return r.rows.map((row) => ({
      metric: String(row.metric),
      day: String(row.day),
      age: String(row.age),
      contributors: Number(row.contributors),
      meanOfMeans: Number(row.mean_of_means),
      meanSd: Number(row.mean_sd),
      meanMin: Number(row.mean_min),
      meanMax: Number(row.mean_max),
      readings: Number(row.readings),
    }));
  }

  async batchCount(): Promise<number> {
    return Number((await this.pool.query('SELECT count(*) AS n FROM batch')).rows[0]?.n ?? 0);
  }

  async cellCount(): Promise<number> {
    return Number((await this.pool.query('SELECT count(*) AS n FROM cell')).rows[0]?.n ?? 0);
  }

  async createBackup(keyId: string, backupId: string, manifest: BackupManifest, day: string): Promise<'created' | 'exists' | 'conflict'> {
    const r = await this.pool.query(
      `INSERT INTO backup (backup_id, key_id, locator, read_token_hash, chunk_count, header, started_day)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [backupId, keyId, manifest.locator, manifest.readTokenHash, manifest.chunkCount, manifest.header, day],
    );
    if (r.rowCount === 1) return 'created';
    const known = (await this.pool.query('SELECT key_id, chunk_count FROM backup WHERE backup_id = $1', [backupId])).rows[0];
    return known !== undefined && known.key_id === keyId && Number(known.chunk_count) === manifest.chunkCount ? 'exists' : 'conflict';
  }

  async backup(backupId: string): Promise<StoredBackup | undefined> {
    const row = (await this.pool.query('SELECT * FROM backup WHERE backup_id = $1', [backupId])).rows[0];
    if (row === undefined) return undefined;
    const received = (await this.pool.query('SELECT idx FROM backup_chunk WHERE backup_id = $1 ORDER BY idx', [backupId])).rows.map((r) => Number(r.idx));
    return {
      backupId,
      keyId: String(row.key_id),
      manifest: { locator: String(row.locator), readTokenHash: String(row.read_token_hash), chunkCount: Number(row.chunk_count), header: String(row.header) },
      received,
      complete: row.completed_day !== null,
    };
  }

  async putChunk(backupId: string, index: number, data: Buffer): Promise<void> {
    await this.pool.query('INSERT INTO backup_chunk (backup_id, idx, data) VALUES ($1, $2, $3) ON CONFLICT (backup_id, idx) DO UPDATE SET data = excluded.data', [backupId, index, data]);
  }

  async completeBackup(backupId: string, day: string, keep: number): Promise<'complete' | 'missing-chunks'> {
    return this.transaction(async (c) => {
      const row = (await c.query('SELECT key_id, chunk_count FROM backup WHERE backup_id = $1 FOR UPDATE', [backupId])).rows[0];
      if (row === undefined) return 'missing-chunks';
      const have = Number((await c.query('SELECT count(*) AS n FROM backup_chunk WHERE backup_id = $1 AND idx < $2', [backupId, row.chunk_count])).rows[0]?.n ?? 0);
      if (have < Number(row.chunk_count)) return 'missing-chunks';
      await c.query('UPDATE backup SET completed_day = coalesce(completed_day, $2) WHERE backup_id = $1', [backupId, day]);
      const stale = await c.query('SELECT backup_id FROM backup WHERE key_id = $1 AND completed_day IS NOT NULL ORDER BY seq DESC OFFSET $2', [row.key_id, keep]);
      for (const s of stale.rows) await this.deleteBackup(c, String(s.backup_id));
      return 'complete';
    });
  }

  async listBackups(locator: string, readTokenHash: string): Promise<BackupListing[]> {
    const r = await this.pool.query(
      `SELECT backup_id, chunk_count, header, completed_day FROM backup
       WHERE locator = $1 AND read_token_hash = $2 AND completed_day IS NOT NULL ORDER BY seq DESC`,
      [locator, readTokenHash],
    );
    return r.rows.map((row) => ({ backupId: String(row.backup_id), chunkCount: Number(row.chunk_count), header: String(row.header), day: String(row.completed_day) }));
  }

  async chunk(backupId: string, index: number): Promise<Buffer | undefined> {
    return (await this.pool.query('SELECT data FROM backup_chunk WHERE backup_id = $1 AND idx = $2', [backupId, index])).rows[0]?.data as Buffer | undefined;
  }

  async purgeIncompleteBackups(beforeDay: string): Promise<number> {
    return this.transaction(async (c) => {
      const stale = await c.query('SELECT backup_id FROM backup WHERE completed_day IS NULL AND started_day < $1', [beforeDay]);
      for (const s of stale.rows) await this.deleteBackup(c, String(s.backup_id));
      return stale.rows.length;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async deleteBackup(c: PgQueryable, backupId: string): Promise<void> {
    await c.query('DELETE FROM backup_chunk WHERE backup_id = $1', [backupId]);
    await c.query('DELETE FROM backup WHERE backup_id = $1', [backupId]);
  }

  private async transaction<T>(work: (client: PgQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
}
