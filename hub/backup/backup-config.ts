/** The `backup` section of the hub config: nightly snapshots of the database on the box. */
export interface BackupConfig {
  readonly enabled: boolean;
  /** Where snapshots go; '' means `<dataDir>/backups`. A USB stick or a share also survives the SD card. */
  readonly dir: string;
  /** Snapshots kept; older ones are removed after each new one. */
  readonly keep: number;
  /** Cron expression of the nightly snapshot (`scheduler.jobs.backup` overrides it too). */
  readonly schedule: string;
}

export const DEFAULT_BACKUP_CONFIG: BackupConfig = { enabled: true, dir: '', keep: 7, schedule: '30 2 * * *' };

export const backupConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    dir: { type: 'string' },
    keep: { type: 'integer', minimum: 1, maximum: 1000 },
    schedule: { type: 'string', minLength: 9 },
  },
} as const;
