import { Type } from 'typebox';
import { defaultsOf, Section, type Settings } from '../config/config-types.js';

/** The `backup` section of the hub config: nightly snapshots of the database on the box. */
export const backupConfigSchema = Section({
  enabled: Type.Boolean({ default: true }),
  /** Where snapshots go; '' means `<dataDir>/backups`. A USB stick or a share also survives the SD card. */
  dir: Type.String({ default: '' }),
  /** Snapshots kept; older ones are removed after each new one. */
  keep: Type.Integer({ minimum: 1, maximum: 1000, default: 7 }),
  /** Cron expression of the nightly snapshot (`scheduler.jobs.backup` overrides it too). */
  schedule: Type.String({ minLength: 9, default: '30 2 * * *' }),
});

export type BackupConfig = Settings<typeof backupConfigSchema>;

export const DEFAULT_BACKUP_CONFIG: BackupConfig = defaultsOf(backupConfigSchema);
