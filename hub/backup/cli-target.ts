import { join } from 'node:path';
import { backupDir } from './backup-dir.js';
import { ConfigInvalidError, loadConfig } from '../config/load-config.js';
import { DATABASE_FILE } from '../store/database-file.js';
import { stringOption, type ParsedArgs } from '../cli/args.js';
import { UsageError } from '../cli/command.js';

export interface BackupTarget {
  readonly database: string;
  readonly dir: string;
  readonly keep: number;
}

/** The database and backup directory the hub's config names, with --data-dir and --dir over it. */
export function backupTarget(parsed: ParsedArgs): BackupTarget {
  const path = stringOption(parsed, 'config');
  let config;
  try {
    config = loadConfig(path !== undefined ? { path } : {}).config;
  } catch (error) {
    if (error instanceof ConfigInvalidError) throw new UsageError(error.message);
    throw error;
  }
  const dataDir = stringOption(parsed, 'data-dir') ?? config.dataDir;
  const dir = stringOption(parsed, 'dir') ?? backupDir({ ...config, dataDir });
  return { database: join(dataDir, DATABASE_FILE), dir, keep: config.backup.keep };
}
