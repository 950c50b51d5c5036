import { Type } from 'typebox';
import { defaultsOf, Dictionary, Section, type Settings } from '../config/config-types.js';
import { LOG_FORMAT_SETTINGS } from './log-format.js';
import { LOG_LEVELS } from './logger.js';

const logLevel = Type.Enum(LOG_LEVELS);

/** The `logging` section of the hub config. Values (readings, names) are only logged at debug. */
export const loggingConfigSchema = Section({
  /** Environment: HEARTH_LOG_LEVEL. */
  level: Type.Enum(LOG_LEVELS, { default: 'info' }),
  /** Per-part levels, e.g. { store: 'debug', ble: 'warn' }. */
  parts: Dictionary(logLevel, { keyPattern: '^[a-z][a-z0-9-]*$', default: {} }),
  /**
   * `pretty`: a line a person reads; `json`: one JSON object a line; `auto`: pretty at an
   * interactive terminal, JSON when piped or under systemd. Environment: HEARTH_LOG_FORMAT;
   * command line: `run --log-format`.
   */
  format: Type.Enum(LOG_FORMAT_SETTINGS, { default: 'auto' }),
});

export type LoggingConfig = Settings<typeof loggingConfigSchema>;

export const DEFAULT_LOGGING_CONFIG: LoggingConfig = defaultsOf(loggingConfigSchema);
