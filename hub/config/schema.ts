import { LOG_LEVELS } from '../log/logger.js';
import { mqttConfigSchema } from '../mqtt/mqtt-config.js';
import { alertsConfigSchema } from '../alerts/alerts-config.js';
import { backupConfigSchema } from '../backup/backup-config.js';
import { observabilityConfigSchema } from '../observability/observability-config.js';
import { relayConfigSchema } from '../relay/relay-config.js';
import { inferenceConfigSchema } from '../inference/inference-config.js';

const logLevel = { type: 'string', enum: LOG_LEVELS } as const;
const id = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$' } as const;
/** 0 asks the system for any free port. */
const port = { type: 'integer', minimum: 0, maximum: 65535 } as const;

/**
 * JSON schema of the config file (after migrations). Every object refuses unknown keys: a typo in a
 * key must be an error at start, not a setting silently ignored.
 */
export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: { type: 'integer', minimum: 1 },
    dataDir: { type: 'string', minLength: 1 },
    http: {
      type: 'object',
      additionalProperties: false,
      properties: { host: { type: 'string', minLength: 1 }, port },
    },
    mqtt: mqttConfigSchema,
    alerts: alertsConfigSchema,
    observability: observabilityConfigSchema,
    backup: backupConfigSchema,
    relay: relayConfigSchema,
    inference: inferenceConfigSchema,
    logging: {
      type: 'object',
      additionalProperties: false,
      properties: {
        level: logLevel,
        parts: { type: 'object', additionalProperties: logLevel, propertyNames: { pattern: '^[a-z][a-z0-9-]*$' } },
      },
    },
    store: {
      type: 'object',
      additionalProperties: false,
      properties: {
        flushIntervalMs: { type: 'integer', minimum: 10, maximum: 60_000 },
        maxBatch: { type: 'integer', minimum: 1, maximum: 1_000_000 },
        maxQueued: { type: 'integer', minimum: 1000, maximum: 10_000_000 },
        onCorrupt: { type: 'string', enum: ['move-aside', 'fail'] },
        retention: {
          type: 'object',
          additionalProperties: false,
          properties: {
            rawDays: { type: 'integer', minimum: 1, maximum: 36500 },
            perMetric: { type: 'object', additionalProperties: { type: 'integer', minimum: 1, maximum: 36500 } },
          },
        },
      },
    },
    ingest: {
      type: 'object',
      additionalProperties: false,
      properties: { maxFutureSkewMs: { type: 'integer', minimum: 0, maximum: 86_400_000 } },
    },
    household: {
      type: 'object',
      additionalProperties: false,
      properties: {
        people: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'name'],
            properties: { id, name: { type: 'string', minLength: 1, maxLength: 100 }, birthYear: { type: 'integer', minimum: 1900, maximum: 2100 } },
          },
        },
        devices: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id'],
            properties: {
              id: { type: 'string', minLength: 1, maxLength: 128 },
              name: { type: 'string', minLength: 1, maxLength: 100 },
              personId: id,
              userSlots: { type: 'object', additionalProperties: id, propertyNames: { pattern: '^[0-9]{1,3}$' } },
            },
          },
        },
      },
    },
    simulation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { anyOf: [{ type: 'boolean' }, { const: 'auto' }] },
        speed: { type: 'number', exclusiveMinimum: 0, maximum: 100_000 },
        seed: { type: 'integer' },
      },
    },
    replay: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        dir: { type: 'string', minLength: 1 },
        speed: { type: 'number', exclusiveMinimum: 0, maximum: 1_000_000 },
        maxParticipants: { type: 'integer', minimum: 1, maximum: 100 },
      },
    },
    ble: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { anyOf: [{ type: 'boolean' }, { const: 'auto' }] },
        maxConnections: { type: 'integer', minimum: 1, maximum: 20 },
        scanWatchdogMs: { type: 'integer', minimum: 1000, maximum: 3_600_000 },
        unavailableAfterMs: { type: 'integer', minimum: 1000, maximum: 7 * 86_400_000 },
        externalDrivers: {
          type: 'object',
          additionalProperties: false,
          properties: { enabled: { type: 'boolean' }, dir: { type: 'string', minLength: 1 } },
        },
        emulated: { type: 'boolean' },
        bindKeys: {
          type: 'object',
          additionalProperties: { type: 'string', pattern: '^[0-9A-Fa-f]{32}$' },
          propertyNames: { pattern: '^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$' },
        },
      },
    },
    api: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        uiDir: { type: 'string' },
        sessionIdleMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
        sessionMaxHours: { type: 'integer', minimum: 1, maximum: 720 },
        loginMaxFailures: { type: 'integer', minimum: 1, maximum: 100 },
        loginAddressMaxFailures: { type: 'integer', minimum: 1, maximum: 10_000 },
        loginWindowMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
        lockoutMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
      },
    },
    serial: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        discover: { type: 'boolean' },
        pollIntervalMs: { type: 'integer', minimum: 200, maximum: 600_000 },
        ports: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['path'],
            properties: {
              path: { type: 'string', minLength: 1 },
              driver: { type: 'string', enum: ['contec-legacy', 'contec-v7', 'nonin-df2', 'berrymed-bci'] },
            },
          },
        },
      },
    },
    scheduler: {
      type: 'object',
      additionalProperties: false,
      properties: { jobs: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } } },
    },
  },
} as const;
