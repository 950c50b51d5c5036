import type { MigrationStep } from './migrations.js';

export const STORE_PART = 'store';

/** The store's own tables. Released steps are frozen; add new ones at the end. */
export const STORE_MIGRATIONS: readonly MigrationStep[] = [
  (db) => {
    db.exec(`
      CREATE TABLE series (
        id INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        person_id TEXT NOT NULL DEFAULT '',
        -- raw samples before this time were removed by retention; re-sent readings older than it
        -- are ignored so that the rollups, which are kept, do not count them twice
        purged_before INTEGER NOT NULL DEFAULT 0,
        UNIQUE (device_id, metric, person_id)
      ) STRICT;
      CREATE INDEX series_by_person ON series (person_id, metric);

      CREATE TABLE sample (
        series_id INTEGER NOT NULL REFERENCES series (id),
        ts INTEGER NOT NULL,
        value REAL NOT NULL,
        flags INTEGER NOT NULL,
        PRIMARY KEY (series_id, ts)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE rollup (
        series_id INTEGER NOT NULL REFERENCES series (id),
        resolution INTEGER NOT NULL, -- seconds: 60, 3600, 86400
        bucket INTEGER NOT NULL, -- bucket start, ms since the epoch (UTC)
        count INTEGER NOT NULL,
        sum REAL NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        sumsq REAL NOT NULL,
        PRIMARY KEY (series_id, resolution, bucket)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE waveform_block (
        series_id INTEGER NOT NULL REFERENCES series (id),
        t0 INTEGER NOT NULL,
        rate_hz REAL NOT NULL,
        sample_count INTEGER NOT NULL,
        encoding INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (series_id, t0)
      ) STRICT, WITHOUT ROWID;
    `);
  },
  (db) => {
    // What happened to each device's link, newest read first: connected, disconnected, available, unavailable.
    db.exec(`
      CREATE TABLE device_event (
        id INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        ts INTEGER NOT NULL,
        kind TEXT NOT NULL
      ) STRICT;
      CREATE INDEX device_event_by_device ON device_event (device_id, ts);
      CREATE INDEX device_event_by_time ON device_event (ts);
    `);
  },
];
