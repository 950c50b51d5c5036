import type { AggregateCell } from '../protocol/batch.js';
import type { BackupListing, BackupManifest } from '../protocol/backup-wire.js';

export interface RegisteredHub {
  readonly keyId: string;
  readonly publicKey: Buffer;
}

export type IngestOutcome = 'folded' | 'duplicate';

export interface ResearchQuery {
  readonly metric: string;
  readonly from: string;
  readonly to: string;
  readonly age?: string;
}

/** One population cell before suppression: the relay decides what of it may be shown. */
export interface ResearchCellRow {
  readonly metric: string;
  readonly day: string;
  readonly age: string;
  readonly contributors: number;
  readonly meanOfMeans: number;
  readonly meanSd: number;
  readonly meanMin: number;
  readonly meanMax: number;
  readonly readings: number;
}

export interface StoredBackup {
  readonly backupId: string;
  readonly keyId: string;
  readonly manifest: BackupManifest;
  readonly received: readonly number[];
  readonly complete: boolean;
}

/**
 * Everything the relay keeps. SQLite for one instance; PostgreSQL when instances scale out, since
 * every method is one transaction and instances share nothing else.
 */
export interface RelayStorage {
  registerHub(hub: RegisteredHub, day: string): Promise<'created' | 'known'>;
  hub(keyId: string): Promise<RegisteredHub | undefined>;
  /** Records a nonce; false when this hub used it before (a replay). */
  useNonce(keyId: string, nonce: string, day: string): Promise<boolean>;
  /** Forgets nonces of days before `day` (requests that old are refused by their day anyway). */
  purgeNonces(beforeDay: string): Promise<number>;
  /**
   * Folds a batch's cells in, once: a batch id seen before changes nothing. The cells are kept
   * without any link to the hub that sent them, so periods cannot be joined through the hub key.
   */
  ingest(keyId: string, batchId: string, cells: readonly AggregateCell[], day: string): Promise<IngestOutcome>;
  research(query: ResearchQuery): Promise<ResearchCellRow[]>;
  batchCount(): Promise<number>;
  cellCount(): Promise<number>;

  createBackup(keyId: string, backupId: string, manifest: BackupManifest, day: string): Promise<'created' | 'exists' | 'conflict'>;
  backup(backupId: string): Promise<StoredBackup | undefined>;
  putChunk(backupId: string, index: number, data: Buffer): Promise<void>;
  /** Marks complete when every chunk is there; then keeps only the newest `keep` complete backups of that hub. */
  completeBackup(backupId: string, day: string, keep: number): Promise<'complete' | 'missing-chunks'>;
  /** Complete backups under a locator whose read token matches, newest first. */
  listBackups(locator: string, readTokenHash: string): Promise<BackupListing[]>;
  chunk(backupId: string, index: number): Promise<Buffer | undefined>;
  /** Removes unfinished uploads begun before `beforeDay`. */
  purgeIncompleteBackups(beforeDay: string): Promise<number>;
  close(): Promise<void>;
}
