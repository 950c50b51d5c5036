import { ConfigError } from './config-errors.js';

/** The shape of the config file this hub understands; older files are migrated to it step by step. */
export const CURRENT_CONFIG_VERSION = 1;

export type RawConfig = Record<string, unknown>;

/** A step from version N to N+1: takes the parsed file, returns it in the next shape. */
export interface ConfigMigration {
  readonly from: number;
  readonly describe: string;
  readonly migrate: (config: RawConfig) => RawConfig;
}

/** Steps from older config files to the current shape. The first file format is version 1. */
export const CONFIG_MIGRATIONS: readonly ConfigMigration[] = [];

export interface MigrationOutcome {
  readonly config: RawConfig;
  readonly applied: readonly string[];
}

export function migrateConfig(
  config: RawConfig,
  migrations: readonly ConfigMigration[] = CONFIG_MIGRATIONS,
  target: number = CURRENT_CONFIG_VERSION,
): MigrationOutcome {
  const version = config['version'];
  if (version === undefined) throw new ConfigError('version', 'is missing: every config file starts with `version: <number>`');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ConfigError('version', `must be a whole number ≥ 1, got ${JSON.stringify(version)}`);
  }
  if (version > target) {
    throw new ConfigError('version', `is ${version}, newer than this hub understands (${target}); upgrade the hub`);
  }
  let current = config;
  const applied: string[] = [];
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (step === undefined) throw new ConfigError('version', `no migration from version ${v} to ${v + 1}`);
    current = { ...step.migrate(current), version: v + 1 };
    applied.push(`${v}→${v + 1}: ${step.describe}`);
  }
  return { config: current, applied };
}
