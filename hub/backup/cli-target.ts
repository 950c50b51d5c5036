import { backupDir } from './backup-dir.js';
import { stringOption, type ParsedArgs } from '../cli/args.js';
import { commandConfig, locateDatabase } from '../cli/database-location.js';

export interface BackupTarget {
  readonly database: string;
  readonly dir: string;
  readonly keep: number;
}

/** The database and backup directory the hub's config names, with --data-dir and --dir over it. */
export function backupTarget(parsed: ParsedArgs): BackupTarget {
  const config = commandConfig(parsed);
  const database = locateDatabase(parsed, config);
  const dir = stringOption(parsed, 'dir') ?? backupDir({ ...config, dataDir: database.dataDir });
  return { database: database.file, dir, keep: config.backup.keep };
}
