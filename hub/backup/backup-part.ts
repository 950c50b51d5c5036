import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { HubContext, HubPart, HubPartFactory } from '../daemon/hub-part.js';
import { backupDir } from './backup-dir.js';
import { listSnapshots } from './snapshot-files.js';
import { takeSnapshot, type SnapshotOutcome } from './snapshot.js';

export const BACKUP_PART = 'backup';

/**
 * The nightly snapshot job, and at start a pointer to the way back when the store had to keep a
 * damaged database aside: the newest snapshot and the command that restores it.
 */
export class BackupPart implements HubPart {
  readonly name = BACKUP_PART;

  constructor(private readonly context: HubContext) {}

  async start(): Promise<void> {
    const { config, logging } = this.context;
    const log = logging.part(BACKUP_PART);
    const dir = backupDir(config);
    this.context.addJob({ name: BACKUP_PART, schedule: config.backup.schedule, run: () => this.runNow().then(() => undefined, () => undefined) });
    // The open file's own path; importing the daemon's constant here would make an import cycle.
    const database = this.context.store.db.name;
    const damaged = readdirSync(dirname(database)).filter((name) => name.startsWith(`${basename(database)}.damaged-`) && !name.endsWith('-wal') && !name.endsWith('-shm'));
    if (damaged.length > 0) {
      const newest = listSnapshots(dir)[0];
      log.warn(
        { damaged, newestBackup: newest?.file ?? null, backupDir: dir },
        newest === undefined
          ? 'a damaged database was kept aside and there is no backup to restore'
          : 'a damaged database was kept aside; to go back to the newest backup: systemctl stop hearth && sudo -u hearth hearth restore latest && systemctl start hearth',
      );
    }
  }

  async stop(): Promise<void> {}

  /** One snapshot now, with rotation; the outcome and any failure are logged here. */
  async runNow(): Promise<SnapshotOutcome> {
    const { config, store, clock, logging } = this.context;
    const log = logging.part(BACKUP_PART);
    try {
      const outcome = await takeSnapshot(store.db, { dir: backupDir(config), keep: config.backup.keep, now: clock.now() });
      log.info({ file: outcome.file, bytes: outcome.bytes, ms: Math.round(outcome.durationMs), removed: outcome.removed.length, kept: outcome.kept }, 'backup taken');
      return outcome;
    } catch (error) {
      log.error({ err: error }, 'backup failed');
      throw error;
    }
  }
}

export const backupPart: HubPartFactory = (context) => (context.config.backup.enabled ? new BackupPart(context) : undefined);
