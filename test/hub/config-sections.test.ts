import t from 'tap';
import { Ajv } from 'ajv';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { alertRuleSchema, alertsConfigSchema, DEFAULT_ALERT_RULES, DEFAULT_ALERTS_CONFIG } from '../../hub/alerts/alerts-config.js';
import { apiConfigSchema, DEFAULT_API_CONFIG } from '../../hub/api/api-config.js';
import { DEFAULT_HTTP_CONFIG, httpConfigSchema } from '../../hub/api/http-config.js';
import { backupConfigSchema, DEFAULT_BACKUP_CONFIG } from '../../hub/backup/backup-config.js';
import { DEFAULT_CONFIG } from '../../hub/config/defaults.js';
import { withDefaults } from '../../hub/config/config-types.js';
import { hubConfigSchema } from '../../hub/config/hub-config.js';
import { loadConfig } from '../../hub/config/load-config.js';
import { checkConfig } from '../../hub/config/validate-config.js';
import { DEFAULT_HOUSEHOLD_CONFIG, householdConfigSchema } from '../../hub/household/household-config.js';
import { DEFAULT_INFERENCE_CONFIG, inferenceConfigSchema } from '../../hub/inference/inference-config.js';
import { DEFAULT_SLEEPORACLE_CONFIG, sleeporacleConfigSchema } from '../../hub/apps/sleeporacle/sleeporacle-config.js';
import { DEFAULT_HEALTHQUEST_CONFIG, healthquestConfigSchema } from '../../hub/apps/healthquest/healthquest-config.js';
import { DEFAULT_NUTRIVERSE_CONFIG, nutriverseConfigSchema } from '../../hub/apps/nutriverse/nutriverse-config.js';
import { DEFAULT_INGEST_CONFIG, ingestConfigSchema } from '../../hub/ingest/ingest-config.js';
import { DEFAULT_LOGGING_CONFIG, loggingConfigSchema } from '../../hub/log/logging-config.js';
import { DEFAULT_MQTT_CONFIG, mqttConfigSchema } from '../../hub/mqtt/mqtt-config.js';
import { DEFAULT_OBSERVABILITY_CONFIG, observabilityConfigSchema } from '../../hub/observability/observability-config.js';
import { DEFAULT_RELAY_CONFIG, relayConfigSchema } from '../../hub/relay/relay-config.js';
import { DEFAULT_SCHEDULER_CONFIG, schedulerConfigSchema } from '../../hub/scheduler/scheduler-config.js';
import { bleConfigSchema, DEFAULT_BLE_CONFIG } from '../../hub/sources/ble-config.js';
import { DEFAULT_REPLAY_CONFIG, replayConfigSchema } from '../../hub/sources/replay-config.js';
import { DEFAULT_SERIAL_CONFIG, serialConfigSchema } from '../../hub/sources/serial-config.js';
import { DEFAULT_SIMULATION_CONFIG, simulationConfigSchema } from '../../hub/sources/simulation-config.js';
import { DEFAULT_STORE_CONFIG, storeConfigSchema } from '../../hub/store/store-config.js';

/** Each part's section as the part exports it: its schema and the defaults it hands out. */
const SECTIONS: Readonly<Record<string, readonly [TSchema, unknown]>> = {
  http: [httpConfigSchema, DEFAULT_HTTP_CONFIG],
  mqtt: [mqttConfigSchema, DEFAULT_MQTT_CONFIG],
  logging: [loggingConfigSchema, DEFAULT_LOGGING_CONFIG],
  store: [storeConfigSchema, DEFAULT_STORE_CONFIG],
  ingest: [ingestConfigSchema, DEFAULT_INGEST_CONFIG],
  household: [householdConfigSchema, DEFAULT_HOUSEHOLD_CONFIG],
  simulation: [simulationConfigSchema, DEFAULT_SIMULATION_CONFIG],
  replay: [replayConfigSchema, DEFAULT_REPLAY_CONFIG],
  scheduler: [schedulerConfigSchema, DEFAULT_SCHEDULER_CONFIG],
  serial: [serialConfigSchema, DEFAULT_SERIAL_CONFIG],
  api: [apiConfigSchema, DEFAULT_API_CONFIG],
  ble: [bleConfigSchema, DEFAULT_BLE_CONFIG],
  alerts: [alertsConfigSchema, DEFAULT_ALERTS_CONFIG],
  observability: [observabilityConfigSchema, DEFAULT_OBSERVABILITY_CONFIG],
  backup: [backupConfigSchema, DEFAULT_BACKUP_CONFIG],
  relay: [relayConfigSchema, DEFAULT_RELAY_CONFIG],
  inference: [inferenceConfigSchema, DEFAULT_INFERENCE_CONFIG],
  sleeporacle: [sleeporacleConfigSchema, DEFAULT_SLEEPORACLE_CONFIG],
  healthquest: [healthquestConfigSchema, DEFAULT_HEALTHQUEST_CONFIG],
  nutriverse: [nutriverseConfigSchema, DEFAULT_NUTRIVERSE_CONFIG],
};

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const REPO = new URL('../../../', import.meta.url);

/** Every schema node below `schema` that carries a `default`, with where it is. */
function annotated(schema: Record<string, unknown>, at: string): [string, Record<string, unknown>][] {
  const found: [string, Record<string, unknown>][] = 'default' in schema ? [[at, schema]] : [];
  const children: [string, unknown][] = [
    ...Object.entries((schema['properties'] ?? {}) as Record<string, unknown>).map(([k, v]): [string, unknown] => [`${at}.${k}`, v]),
    ...Object.values((schema['patternProperties'] ?? {}) as Record<string, unknown>).map((v): [string, unknown] => [`${at}.*`, v]),
    ...(Array.isArray(schema['anyOf']) ? (schema['anyOf'] as unknown[]).map((v): [string, unknown] => [at, v]) : []),
    ...(typeof schema['items'] === 'object' ? [[`${at}[]`, schema['items']] as [string, unknown]] : []),
  ];
  for (const [where, child] of children) found.push(...annotated(child as Record<string, unknown>, where));
  return found;
}

t.test('the defaults are a valid config, and every section of the schema has them', async (t) => {
  t.doesNotThrow(() => checkConfig(structuredClone(DEFAULT_CONFIG), 'defaults'));
  t.same(Object.keys(DEFAULT_CONFIG).sort(), Object.keys(hubConfigSchema.properties).sort());
  t.same(Object.keys(SECTIONS).sort(), Object.keys(hubConfigSchema.properties).filter((k) => k !== 'version' && k !== 'dataDir').sort(), 'every section is listed here');
});

t.test("each part's defaults are its schema's defaults, and the assembled config holds the same", async (t) => {
  for (const [key, [schema, exported]] of Object.entries(SECTIONS)) {
    t.same(exported, Value.Default(schema, {}), `${key}: the exported defaults come from the schema`);
    t.same((DEFAULT_CONFIG as unknown as Record<string, unknown>)[key], exported, `${key}: the hub's defaults are the part's`);
    t.same(hubConfigSchema.properties[key as keyof typeof hubConfigSchema.properties], schema, `${key}: the hub checks the part's own schema`);
    t.ok(ajv.validate(schema, exported), `${key}: its defaults pass its schema ${ajv.errorsText(ajv.errors)}`);
  }
});

t.test("the hub's own walk fills defaults exactly as TypeBox's Value.Default does", async (t) => {
  const samples: unknown[] = [
    {},
    { version: 1, http: { port: 9000 }, serial: { ports: [{ path: '/dev/ttyUSB0' }] } },
    { alerts: { webhooks: [{ url: 'https://ntfy.sh/x' }, 5, null], rules: { fever: { above: 39 } } }, household: { people: [{ id: 'a', name: 'A' }] } },
    { mqtt: 5, store: null, ble: { bindKeys: [] } },
  ];
  for (const sample of samples) t.same(withDefaults(hubConfigSchema, sample), Value.Default(hubConfigSchema, structuredClone(sample)), JSON.stringify(sample));
});

t.test('every default annotation passes the limits written beside it', async (t) => {
  const nodes = annotated(hubConfigSchema as unknown as Record<string, unknown>, 'config');
  t.ok(nodes.length > 100, `${nodes.length} defaults`);
  // A section's default is `{}`: it passes once its own keys' defaults are filled in, as loading does.
  for (const [where, node] of nodes) {
    const value = Value.Default(node as unknown as TSchema, structuredClone(node['default']));
    t.ok(ajv.validate(node, value), `${where} ${ajv.errorsText(ajv.errors)}`);
  }
});

t.test('each default alert rule is a complete rule of its kind', async (t) => {
  for (const [id, rule] of Object.entries(DEFAULT_ALERT_RULES)) t.ok(ajv.validate(alertRuleSchema, rule), `${id} ${ajv.errorsText(ajv.errors)}`);
});

t.test('raw data is kept 90 days unless the file says otherwise, as hearth.example.yaml shows', async (t) => {
  t.equal(DEFAULT_CONFIG.store.retention.rawDays, 90);
  t.same(DEFAULT_CONFIG.store.retention.perMetric, { rr_interval: 30, ecg: 14, pleth: 14 });
  const { config } = loadConfig({ path: new URL('hearth.example.yaml', REPO).pathname, env: {} });
  t.same(config.store, DEFAULT_CONFIG.store, 'the example lists the store defaults');
  for (const key of ['dataDir', 'http', 'simulation', 'replay'] as const) t.same(config[key], DEFAULT_CONFIG[key], `the example shows the default ${key}`);
});

t.test('the config an installed hub starts with is valid', async (t) => {
  const { config } = loadConfig({ path: new URL('systemd/hearth.yaml', REPO).pathname, env: {} });
  t.equal(config.simulation.enabled, false);
});

t.test('entries of lists take their own defaults; maps merge over the default entries key by key', async (t) => {
  const text = [
    'version: 1',
    'alerts:',
    '  webhooks: [{ url: "https://ntfy.sh/hearth" }]',
    '  rules: { fever: { above: 38.5 }, my_rule: { kind: no_data, afterHours: 6 } }',
    'store:',
    '  retention: { perMetric: { heart_rate: 30 } }',
  ].join('\n');
  const { config } = loadConfig({ path: 'hearth.yaml', env: {}, readFile: () => text });
  t.same(config.alerts.webhooks, [{ url: 'https://ntfy.sh/hearth', format: 'ntfy', minSeverity: 'info' }]);
  t.same(config.alerts.rules['fever'], { ...DEFAULT_ALERT_RULES['fever'], above: 38.5 });
  t.same(config.alerts.rules['my_rule'], { kind: 'no_data', afterHours: 6 });
  t.equal(Object.keys(config.alerts.rules).length, Object.keys(DEFAULT_ALERT_RULES).length + 1);
  t.same(config.store.retention.perMetric, { ...DEFAULT_CONFIG.store.retention.perMetric, heart_rate: 30 });
  t.same(DEFAULT_CONFIG.alerts.webhooks, [], 'loading leaves the defaults as they were');
});
