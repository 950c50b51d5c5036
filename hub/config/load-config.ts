import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_CONFIG } from './defaults.js';
import type { HubConfig } from './hub-config.js';
import { ConfigError, migrateConfig, type RawConfig } from './migrations.js';
import { configSchema } from './schema.js';

export interface LoadedConfig {
  readonly config: HubConfig;
  /** The file read, or undefined when the defaults were used. */
  readonly path: string | undefined;
  readonly migrationsApplied: readonly string[];
  readonly overrides: readonly string[];
}

/** Several problems at once, so that a user fixes the file in one go. */
export class ConfigInvalidError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigError[],
  ) {
    super(`invalid config (${source}):\n${problems.map((p) => `  - ${p.key}: ${p.reason}`).join('\n')}`);
    this.name = 'ConfigInvalidError';
  }
}

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(configSchema);

function keyOf(error: ErrorObject): string {
  const path = error.instancePath.split('/').filter(Boolean).join('.');
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    return path === '' ? extra : `${path}.${extra}`;
  }
  return path === '' ? '(top level)' : path;
}

function reasonOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return 'is not a known setting (check its spelling and where it is nested)';
    case 'enum':
      return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'propertyNames':
      return 'has a key of the wrong form';
    default:
      return error.message ?? 'is invalid';
  }
}

function check(config: unknown, source: string): void {
  if (validate(config)) return;
  const seen = new Set<string>();
  const problems: ConfigError[] = [];
  for (const error of validate.errors ?? []) {
    // anyOf reports each branch and then itself; the branches say the useful part.
    if (error.keyword === 'anyOf') continue;
    const problem = new ConfigError(keyOf(error), reasonOf(error));
    if (seen.has(problem.message)) continue;
    seen.add(problem.message);
    problems.push(problem);
  }
  throw new ConfigInvalidError(source, problems);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars from the file replace the default. */
function mergeDefaults(defaults: unknown, file: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(file)) return file === undefined ? defaults : file;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(file)) merged[key] = mergeDefaults(defaults[key], value);
  return merged;
}

type Env = Readonly<Record<string, string | undefined>>;

function applyEnvOverrides(config: HubConfig, env: Env): { config: HubConfig; overrides: string[] } {
  const overrides: string[] = [];
  let result = config;
  const port = (name: string): number => {
    const text = env[name] ?? '';
    const value = Number(text);
    // 0 asks the system for any free port (tests running several hubs side by side).
    if (!/^\d+$/.test(text) || value > 65535) throw new ConfigError(name, `must be a port number 0–65535, got "${text}"`);
    overrides.push(name);
    return value;
  };
  if (env['HEARTH_DATA_DIR'] !== undefined && env['HEARTH_DATA_DIR'] !== '') {
    result = { ...result, dataDir: env['HEARTH_DATA_DIR'] };
    overrides.push('HEARTH_DATA_DIR');
  }
  if (env['HEARTH_HTTP_PORT'] !== undefined) result = { ...result, http: { ...result.http, port: port('HEARTH_HTTP_PORT') } };
  if (env['HEARTH_MQTT_PORT'] !== undefined) result = { ...result, mqtt: { ...result.mqtt, port: port('HEARTH_MQTT_PORT') } };
  if (env['HEARTH_LOG_LEVEL'] !== undefined) {
    result = { ...result, logging: { ...result.logging, level: env['HEARTH_LOG_LEVEL'] as HubConfig['logging']['level'] } };
    overrides.push('HEARTH_LOG_LEVEL');
  }
  return { config: result, overrides };
}

export function parseConfigText(text: string, source: string): RawConfig {
  let parsed: unknown;
  try {
    parsed = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new ConfigInvalidError(source, [new ConfigError('(file)', `is not valid YAML or JSON: ${(error as Error).message}`)]);
  }
  if (parsed === null || parsed === undefined) return { version: DEFAULT_CONFIG.version };
  if (!isPlainObject(parsed)) throw new ConfigInvalidError(source, [new ConfigError('(file)', 'must hold a mapping of settings')]);
  return parsed;
}

/**
 * Resolves the configuration: the file named by HEARTH_CONFIG (or `path`), migrated to the current
 * version, validated, laid over the defaults, then the environment overrides — validated again.
 */
export function loadConfig(options: { path?: string; env?: Env; readFile?: (path: string) => string } = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const path = options.path ?? (env['HEARTH_CONFIG'] !== '' ? env['HEARTH_CONFIG'] : undefined);
  const read = options.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  let fileConfig: RawConfig = { version: DEFAULT_CONFIG.version };
  let applied: readonly string[] = [];
  if (path !== undefined) {
    let text: string;
    try {
      text = read(path);
    } catch (error) {
      throw new ConfigInvalidError(path, [new ConfigError('(file)', `cannot be read: ${(error as Error).message}`)]);
    }
    const migrated = migrateConfig(parseConfigText(text, path));
    fileConfig = migrated.config;
    applied = migrated.applied;
    check(fileConfig, path);
  }
  const merged = mergeDefaults(DEFAULT_CONFIG, fileConfig) as HubConfig;
  const source = path ?? 'defaults';
  let withEnv: { config: HubConfig; overrides: string[] };
  try {
    withEnv = applyEnvOverrides(merged, env);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigInvalidError('environment', [error]);
    throw error;
  }
  check(withEnv.config, withEnv.overrides.length > 0 ? `${source} + environment` : source);
  checkReferences(withEnv.config, source);
  return { config: withEnv.config, path, migrationsApplied: applied, overrides: withEnv.overrides };
}

/** Cross-key rules a schema cannot say: devices name people that exist, ids are unique. */
function checkReferences(config: HubConfig, source: string): void {
  const problems: ConfigError[] = [];
  const people = new Set<string>();
  config.household.people.forEach((p, i) => {
    if (people.has(p.id)) problems.push(new ConfigError(`household.people.${i}.id`, `"${p.id}" is used twice`));
    people.add(p.id);
  });
  const devices = new Set<string>();
  config.household.devices.forEach((d, i) => {
    if (devices.has(d.id)) problems.push(new ConfigError(`household.devices.${i}.id`, `"${d.id}" is used twice`));
    devices.add(d.id);
    if (d.personId !== undefined && !people.has(d.personId)) {
      problems.push(new ConfigError(`household.devices.${i}.personId`, `names "${d.personId}", who is not in household.people`));
    }
    for (const [slot, personId] of Object.entries(d.userSlots ?? {})) {
      if (!people.has(personId)) problems.push(new ConfigError(`household.devices.${i}.userSlots.${slot}`, `names "${personId}", who is not in household.people`));
    }
  });
  if (problems.length > 0) throw new ConfigInvalidError(source, problems);
}
