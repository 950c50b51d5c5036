import { join } from 'node:path';
import type { HubConfig } from '../config/hub-config.js';
import { ConfigError, ConfigInvalidError, loadConfig } from '../config/load-config.js';
import { DATABASE_FILE } from '../store/database-file.js';
import { stringOption, type ParsedArgs } from './args.js';
import { UsageError } from './command.js';

export interface DatabaseLocation {
  readonly dataDir: string;
  /** The database file in it; it may not exist yet. */
  readonly file: string;
}

/**
 * The hub's config as a command sees it: `--config <file>`, else the usual search and the
 * environment's overrides. A config that does not load is the user's to fix (exit status 2).
 */
export function commandConfig(parsed: ParsedArgs): HubConfig {
  const path = stringOption(parsed, 'config');
  try {
    return loadConfig(path !== undefined ? { path } : {}).config;
  } catch (error) {
    if (error instanceof ConfigInvalidError || error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Where the hub keeps its database, found without starting it: `--data-dir`, else the config's
 * data directory. The config is read only when `--data-dir` is not given (so a broken config does
 * not stand in the way of naming the directory), unless the command has read it already.
 */
export function locateDatabase(parsed: ParsedArgs, config?: HubConfig): DatabaseLocation {
  const dataDir = stringOption(parsed, 'data-dir') ?? (config ?? commandConfig(parsed)).dataDir;
  return { dataDir, file: join(dataDir, DATABASE_FILE) };
}
