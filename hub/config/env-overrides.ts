import { ConfigError } from './config-errors.js';
import type { HubConfig } from './hub-config.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * HEARTH_DATA_DIR, HEARTH_HTTP_PORT, HEARTH_MQTT_PORT, HEARTH_LOG_LEVEL and HEARTH_LOG_FORMAT laid over the config.
 * A port that is not a number is refused here; the result is validated like the file.
 */
export function applyEnvOverrides(config: HubConfig, env: Env): { config: HubConfig; overrides: string[] } {
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
  if (env['HEARTH_LOG_FORMAT'] !== undefined && env['HEARTH_LOG_FORMAT'] !== '') {
    result = { ...result, logging: { ...result.logging, format: env['HEARTH_LOG_FORMAT'] as HubConfig['logging']['format'] } };
    overrides.push('HEARTH_LOG_FORMAT');
  }
  return { config: result, overrides };
}
