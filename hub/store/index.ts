export { Store, type StoreOptions } from './store.js';
export { DEFAULT_STORE_CONFIG, storeConfigSchema, type RetentionConfig, type StoreConfig } from './store-config.js';
export { openDatabase, type Db, type OpenDatabaseOptions } from './database.js';
export { migrate, type MigrationStep, type MigrationOutcome } from './migrations.js';
export { ReadingWriter, WRITER_DEFAULTS, type ReadingWriterOptions } from './reading-writer.js';
export { StoreQuery } from './query.js';
export { Retention, type RawRetentionDays, type RetentionOutcome } from './retention.js';
export { StoreCorruptError, StoreDirectoryError, StoreWriteError } from './errors.js';
export * from './types.js';
