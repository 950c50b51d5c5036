import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { householdProblems } from '../household/household-config.js';
import { ConfigError, ConfigInvalidError } from './config-errors.js';
import { withDefaults } from './config-types.js';
import { DEFAULT_CONFIG } from './defaults.js';
import { applyEnvOverrides, type Env } from './env-overrides.js';
import { hubConfigSchema, type HubConfig } from './hub-config.js';
import { CURRENT_CONFIG_VERSION, migrateConfig, type RawConfig } from './migrations.js';
import { checkConfig } from './validate-config.js';

export { ConfigError, ConfigInvalidError } from './config-errors.js';

export interface LoadedConfig {
  readonly config: HubConfig;
  /** The file read, or undefined when the defaults were used. */
  readonly path: string | undefined;
  readonly migrationsApplied: readonly string[];
  readonly overrides: readonly string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key (so a file's `alerts.rules` adjusts the default rules); arrays and scalars from the file replace the default. */
function mergeDefaults(defaults: unknown, file: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(file)) return file === undefined ? defaults : file;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(file)) merged[key] = mergeDefaults(defaults[key], value);
  return merged;
}

export function parseConfigText(text: string, source: string): RawConfig {
  let parsed: unknown;
  try {
    parsed = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new ConfigInvalidError(source, [new ConfigError('(file)', `is not valid YAML or JSON: ${(error as Error).message}`)]);
  }
  if (parsed === null || parsed === undefined) return { version: CURRENT_CONFIG_VERSION };
  if (!isPlainObject(parsed)) throw new ConfigInvalidError(source, [new ConfigError('(file)', 'must hold a mapping of settings')]);
  return parsed;
}

function readConfigFile(path: string, read: (path: string) => string): { config: RawConfig; applied: readonly string[] } {
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    throw new ConfigInvalidError(path, [new ConfigError('(file)', `cannot be read: ${(error as Error).message}`)]);
  }
  return migrateConfig(parseConfigText(text, path));
}

/**
 * Resolves the configuration: the file named by HEARTH_CONFIG (or `path`), migrated to the current
 * version, laid over the defaults and validated, then the environment overrides — validated again.
 */
export function loadConfig(options: { path?: string; env?: Env; readFile?: (path: string) => string } = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const path = options.path ?? (env['HEARTH_CONFIG'] !== '' ? env['HEARTH_CONFIG'] : undefined);
  const read = options.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const file = path === undefined ? { config: {}, applied: [] } : readConfigFile(path, read);
  const source = path ?? 'defaults';
  const merged = withDefaults(hubConfigSchema, mergeDefaults(DEFAULT_CONFIG, file.config));
  checkConfig(merged, source);
  let withEnv: { config: HubConfig; overrides: string[] };
  try {
    withEnv = applyEnvOverrides(merged, env);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigInvalidError('environment', [error]);
    throw error;
  }
  checkConfig(withEnv.config, withEnv.overrides.length > 0 ? `${source} + environment` : source);
  const problems = householdProblems(withEnv.config.household);
  if (problems.length > 0) throw new ConfigInvalidError(source, problems);
  return { config: withEnv.config, path, migrationsApplied: file.applied, overrides: withEnv.overrides };
}
