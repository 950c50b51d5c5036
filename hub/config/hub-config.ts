import { Type } from 'typebox';
import { alertsConfigSchema } from '../alerts/alerts-config.js';
import { apiConfigSchema } from '../api/api-config.js';
import { httpConfigSchema } from '../api/http-config.js';
import { backupConfigSchema } from '../backup/backup-config.js';
import { householdConfigSchema } from '../household/household-config.js';
import { inferenceConfigSchema } from '../inference/inference-config.js';
import { healthquestConfigSchema } from '../apps/healthquest/healthquest-config.js';
import { nutriverseConfigSchema } from '../apps/nutriverse/nutriverse-config.js';
import { sleeporacleConfigSchema } from '../apps/sleeporacle/sleeporacle-config.js';
import { ingestConfigSchema } from '../ingest/ingest-config.js';
import { loggingConfigSchema } from '../log/logging-config.js';
import { mqttConfigSchema } from '../mqtt/mqtt-config.js';
import { observabilityConfigSchema } from '../observability/observability-config.js';
import { relayConfigSchema } from '../relay/relay-config.js';
import { schedulerConfigSchema } from '../scheduler/scheduler-config.js';
import { bleConfigSchema } from '../sources/ble-config.js';
import { replayConfigSchema } from '../sources/replay-config.js';
import { serialConfigSchema } from '../sources/serial-config.js';
import { simulationConfigSchema } from '../sources/simulation-config.js';
import { storeConfigSchema } from '../store/store-config.js';
import { Section, type Settings } from './config-types.js';
import { CURRENT_CONFIG_VERSION } from './migrations.js';

/**
 * The whole config: each part's own section, assembled. Every object refuses unknown keys, and
 * every key but `version` has a default, so a file only says what differs.
 */
export const hubConfigSchema = Section({
  version: Type.Integer({ minimum: 1, default: CURRENT_CONFIG_VERSION }),
  /** Where the database lives. Environment: HEARTH_DATA_DIR. */
  dataDir: Type.String({ minLength: 1, default: './var' }),
  http: httpConfigSchema,
  mqtt: mqttConfigSchema,
  logging: loggingConfigSchema,
  store: storeConfigSchema,
  ingest: ingestConfigSchema,
  household: householdConfigSchema,
  simulation: simulationConfigSchema,
  replay: replayConfigSchema,
  scheduler: schedulerConfigSchema,
  serial: serialConfigSchema,
  api: apiConfigSchema,
  ble: bleConfigSchema,
  alerts: alertsConfigSchema,
  observability: observabilityConfigSchema,
  backup: backupConfigSchema,
  relay: relayConfigSchema,
  inference: inferenceConfigSchema,
  sleeporacle: sleeporacleConfigSchema,
  healthquest: healthquestConfigSchema,
  nutriverse: nutriverseConfigSchema,
});

/** The hub's configuration after defaults, migrations and environment overrides. */
export type HubConfig = Settings<typeof hubConfigSchema>;
