import t from 'tap';
import { loadConfig, ConfigInvalidError } from '../../hub/config/load-config.js';
import { migrateConfig, type ConfigMigration } from '../../hub/config/migrations.js';
import { DEFAULT_CONFIG } from '../../hub/config/defaults.js';

function load(text: string | undefined, env: Record<string, string> = {}) {
  return loadConfig({ ...(text !== undefined ? { path: 'hearth.yaml' } : {}), env, readFile: () => text ?? '' });
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigInvalidError) return error.problems.map((p) => `${p.key}: ${p.reason}`);
    throw error;
  }
  throw new Error('expected the config to be refused');
}

t.test('without a file the defaults suit a Pi', async (t) => {
  const { config, path } = load(undefined);
  t.equal(path, undefined);
  t.equal(config.http.port, 8080);
  t.equal(config.mqtt.port, 1883);
  t.equal(config.dataDir, './var');
  t.equal(config.store.flushIntervalMs, 1000);
});

t.test('a file overrides some keys and keeps the other defaults', async (t) => {
  const { config } = load('version: 1\nhttp:\n  port: 9000\nstore:\n  retention:\n    rawDays: 30\n');
  t.equal(config.http.port, 9000);
  t.equal(config.http.host, DEFAULT_CONFIG.http.host);
  t.equal(config.store.retention.rawDays, 30);
  t.same(config.store.retention.perMetric, DEFAULT_CONFIG.store.retention.perMetric);
});

t.test('unknown keys are errors that name the key', async (t) => {
  const problems = problemsOf(() => load('version: 1\nhttp:\n  prot: 9000\nfoo: 1\n'));
  t.ok(problems.some((p) => p.startsWith('http.prot: is not a known setting')), problems.join('\n'));
  t.ok(problems.some((p) => p.startsWith('foo: is not a known setting')), problems.join('\n'));
});

t.test('wrong values name the key and the reason', async (t) => {
  const problems = problemsOf(() => load('version: 1\nhttp:\n  port: 70000\nlogging:\n  level: loud\n'));
  t.ok(problems.some((p) => p.startsWith('http.port: must be <= 65535')), problems.join('\n'));
  t.ok(problems.some((p) => p.startsWith('logging.level: must be one of')), problems.join('\n'));
});

t.test('problems deep in lists and maps name the whole key', async (t) => {
  const problems = problemsOf(() =>
    load(
      [
        'version: 1',
        'logging: { parts: { Store: debug } }',
        'ble: { enabled: maybe, bindKeys: { "a4:c1:38:00:00:01": "short" } }',
        'household: { people: [{ id: alex }] }',
        'serial: { ports: [{ path: /dev/ttyUSB0, driver: nope }] }',
        'alerts: { rules: { fever: { above: hot } }, webhooks: [{ url: "ftp://x" }] }',
      ].join('\n'),
    ),
  );
  const has = (prefix: string) => t.ok(problems.some((p) => p.startsWith(prefix)), `${prefix}\n${problems.join('\n')}`);
  has('logging.parts: has a key of the wrong form');
  has('ble.enabled: must be boolean');
  has('ble.bindKeys.a4:c1:38:00:00:01: must match pattern');
  has("household.people.0: must have required property 'name'");
  has('serial.ports.0.driver: must be one of "');
  has('alerts.rules.fever.above: must be number');
  has('alerts.webhooks.0.url: must match pattern');
});

t.test('a file without a version or with a newer one is refused', async (t) => {
  t.throws(() => load('http:\n  port: 9000\n'), /version is missing/);
  t.throws(() => load('version: 99\n'), /newer than this hub understands/);
});

t.test('devices must name people that exist', async (t) => {
  const problems = problemsOf(() =>
    load('version: 1\nhousehold:\n  people: [{ id: alex, name: Alex }]\n  devices: [{ id: "ble:aa", personId: sam }, { id: scale, userSlots: { "1": alex, "2": kim } }]\n'),
  );
  t.same(problems.sort(), [
    'household.devices.0.personId: names "sam", who is not in household.people',
    'household.devices.1.userSlots.2: names "kim", who is not in household.people',
  ]);
});

t.test('environment overrides port, data dir and log level, and are validated', async (t) => {
  const { config, overrides } = load('version: 1\n', { HEARTH_HTTP_PORT: '8181', HEARTH_DATA_DIR: '/tmp/h', HEARTH_LOG_LEVEL: 'debug', HEARTH_MQTT_PORT: '1884' });
  t.equal(config.http.port, 8181);
  t.equal(config.mqtt.port, 1884);
  t.equal(config.dataDir, '/tmp/h');
  t.equal(config.logging.level, 'debug');
  t.equal(overrides.length, 4);
  t.throws(() => load('version: 1\n', { HEARTH_HTTP_PORT: 'eighty' }), /HEARTH_HTTP_PORT: must be a port number/);
  t.throws(() => load('version: 1\n', { HEARTH_HTTP_PORT: '70000' }), /HEARTH_HTTP_PORT: must be a port number/);
  t.throws(() => load('version: 1\n', { HEARTH_LOG_LEVEL: 'chatty' }), /logging.level: must be one of/);
});

t.test('the log format is auto unless the file or HEARTH_LOG_FORMAT says pretty or json', async (t) => {
  t.equal(load('version: 1\n').config.logging.format, 'auto');
  t.equal(load('version: 1\nlogging:\n  format: json\n').config.logging.format, 'json');
  const fromEnv = load('version: 1\nlogging:\n  format: json\n', { HEARTH_LOG_FORMAT: 'pretty' });
  t.equal(fromEnv.config.logging.format, 'pretty', 'the environment wins over the file');
  t.same(fromEnv.overrides, ['HEARTH_LOG_FORMAT']);
  t.throws(() => load('version: 1\nlogging:\n  format: colourful\n'), /logging.format: must be one of/);
  t.throws(() => load('version: 1\n', { HEARTH_LOG_FORMAT: 'colourful' }), /logging.format: must be one of/);
});

t.test('broken YAML is reported as such', async (t) => {
  t.throws(() => load('version: 1\nhttp: [\n'), /not valid YAML or JSON/);
});

t.test('migrations bring an old file to the current shape, step by step', async (t) => {
  const steps: ConfigMigration[] = [
    { from: 1, describe: 'port moved under http', migrate: ({ port, ...rest }) => ({ ...rest, http: { port } }) },
    { from: 2, describe: 'nothing else', migrate: (c) => c },
  ];
  const outcome = migrateConfig({ version: 1, port: 9000 }, steps, 3);
  t.same(outcome.config, { version: 3, http: { port: 9000 } });
  t.equal(outcome.applied.length, 2);
  t.throws(() => migrateConfig({ version: 1 }, [], 2), /no migration from version 1 to 2/);
});

t.test('the example config shipped with the hub is valid', async (t) => {
  const path = new URL('../../../hearth.example.yaml', import.meta.url).pathname;
  const { config } = loadConfig({ path, env: {} });
  t.equal(config.household.people.length, 2);
  t.same(config.household.devices[1]?.userSlots, { '1': 'alex', '2': 'sam' });
});
