import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { METRIC_IDS } from '../../core/metrics.js';
import { discoveryMessages, entitySlug, personMetricDiscovery } from '../../hub/mqtt/home-assistant/ha-discovery.js';
import { retainLiveReading } from '../../hub/mqtt/live-topics.js';

/** Home Assistant's own rules, transcribed from its source (the file's `_source` names where). */
interface HomeAssistantRules {
  readonly abbreviations: Record<string, string>;
  readonly deviceAbbreviations: Record<string, string>;
  readonly optionsNewerThanAbbreviations: readonly string[];
  readonly ignoredOptions: Record<string, string>;
  readonly stateClasses: readonly string[];
  readonly sensorDeviceClasses: readonly string[];
  readonly deviceClassUnits: Record<string, readonly string[]>;
  readonly deviceClassStateClasses: Record<string, readonly string[]>;
  readonly binarySensorDeviceClasses: readonly string[];
  readonly entityCategories: readonly string[];
  readonly validEntityId: string;
}

// Tests run from dist/test/mqtt; the rules stay in the source tree.
const rulesPath = join(dirname(fileURLToPath(import.meta.url)), '../../../test/mqtt/home-assistant-rules.json');
const rules = JSON.parse(readFileSync(rulesPath, 'utf8')) as HomeAssistantRules;
const validEntityId = new RegExp(rules.validEntityId);
const options = new Set([...Object.values(rules.abbreviations), ...rules.optionsNewerThanAbbreviations]);
const deviceOptions = new Set(Object.values(rules.deviceAbbreviations));

/** Every way the payload breaks Home Assistant's rules; empty when it keeps them all. */
function violations(topic: string, payload: Record<string, unknown>): string[] {
  const found: string[] = [];
  const component = topic.split('/')[1] ?? '';
  for (const key of Object.keys(payload)) {
    if (key in rules.ignoredOptions) found.push(`${key}: ${rules.ignoredOptions[key]}`);
    else if (!options.has(key) && !(key in rules.abbreviations)) found.push(`unknown option ${key}`);
  }
  const device = payload.device as Record<string, unknown> | undefined;
  for (const key of Object.keys(device ?? {})) if (!deviceOptions.has(key) && !(key in rules.deviceAbbreviations)) found.push(`unknown device option ${key}`);
  const entityId = payload.default_entity_id;
  if (typeof entityId !== 'string') found.push('no default_entity_id');
  else {
    if (!validEntityId.test(entityId)) found.push(`invalid entity id ${entityId}`);
    if (!entityId.startsWith(`${component}.`)) found.push(`entity id ${entityId} is not in domain ${component}`);
  }
  const deviceClass = payload.device_class as string | undefined;
  const unit = payload.unit_of_measurement as string | undefined;
  const stateClass = payload.state_class as string | undefined;
  if (component === 'sensor') {
    if (stateClass !== undefined && !rules.stateClasses.includes(stateClass)) found.push(`unknown state class ${stateClass}`);
    if (deviceClass !== undefined) {
      if (!rules.sensorDeviceClasses.includes(deviceClass)) found.push(`unknown sensor device class ${deviceClass}`);
      const units = rules.deviceClassUnits[deviceClass];
      if (units === undefined) found.push(`no units transcribed for device class ${deviceClass}`);
      else if (unit === undefined || !units.includes(unit)) found.push(`unit ${unit} not allowed for ${deviceClass} (${units.join(', ')})`);
      const stateClasses = rules.deviceClassStateClasses[deviceClass];
      if (stateClass !== undefined && stateClasses !== undefined && !stateClasses.includes(stateClass)) found.push(`state class ${stateClass} not allowed for ${deviceClass}`);
    }
  } else if (component === 'binary_sensor') {
    if (deviceClass !== undefined && !rules.binarySensorDeviceClasses.includes(deviceClass)) found.push(`unknown binary sensor device class ${deviceClass}`);
  } else found.push(`unexpected component ${component}`);
  const category = payload.entity_category as string | undefined;
  if (category !== undefined && !rules.entityCategories.includes(category)) found.push(`unknown entity category ${category}`);
  return found;
}

const people = [
  { id: 'alex', name: 'Alex' },
  { id: 'Grand-Ma.2', name: 'Grandma' },
];
const everything = discoveryMessages({
  prefix: 'homeassistant',
  people,
  devices: [{ id: 'AA:BB:CC:DD:EE:FF', name: 'Scale' }],
  personMetrics: people.flatMap((p) => METRIC_IDS.map((metric) => ({ personId: p.id, metric }))),
  batteryDevices: ['AA:BB:CC:DD:EE:FF', 'kit'],
});
const payloadOf = (topic: string): Record<string, unknown> => {
  const message = everything.find((m) => m.topic === topic);
  if (message === undefined) throw new Error(`no discovery on ${topic}`);
  return JSON.parse(message.payload) as Record<string, unknown>;
};

t.test("every discovery payload the bridge can produce keeps Home Assistant's rules", (t) => {
  t.ok(everything.length > 40, `${everything.length} payloads: every scalar metric for each person, their alerts, the batteries`);
  for (const message of everything) t.same(violations(message.topic, JSON.parse(message.payload) as Record<string, unknown>), [], message.topic);
  const entityIds = everything.map((m) => (JSON.parse(m.payload) as { default_entity_id: string }).default_entity_id);
  t.equal(new Set(entityIds).size, entityIds.length, 'no two entities ask for the same id');
  t.end();
});

t.test('the validator refuses what Home Assistant would not take', (t) => {
  t.match(violations('homeassistant/sensor/x/config', { name: 'x', object_id: 'x', default_entity_id: 'sensor.x' }), [/object_id: ignored/]);
  t.match(violations('homeassistant/sensor/x/config', { default_entity_id: 'hearth_x' }), [/invalid entity id/, /not in domain sensor/]);
  t.match(violations('homeassistant/sensor/x/config', { default_entity_id: 'sensor.x', device_class: 'pressure', unit_of_measurement: 'mm[Hg]' }), [/unit mm\[Hg\] not allowed/]);
  t.match(violations('homeassistant/sensor/x/config', { default_entity_id: 'sensor.x', device_class: 'energy', unit_of_measurement: 'kJ', state_class: 'measurement' }), [/state class measurement not allowed for energy/]);
  t.match(violations('homeassistant/sensor/x/config', { default_entity_id: 'sensor.x', state_class: 'total_decreasing', unit_of_mesurement: 'kg' }), [/unknown option unit_of_mesurement/, /unknown state class/]);
  t.end();
});

t.test('entities are named by default_entity_id with their domain; object_id is gone', (t) => {
  t.match(payloadOf('homeassistant/sensor/hearth_alex_heart_rate/config'), { unique_id: 'hearth_alex_heart_rate', default_entity_id: 'sensor.hearth_alex_heart_rate' });
  t.match(payloadOf('homeassistant/binary_sensor/hearth_alex_alert/config'), { default_entity_id: 'binary_sensor.hearth_alex_alert' });
  t.match(payloadOf('homeassistant/sensor/hearth_device_AA_BB_CC_DD_EE_FF_battery/config'), { default_entity_id: 'sensor.hearth_device_aa_bb_cc_dd_ee_ff_battery' });
  t.match(payloadOf('homeassistant/sensor/hearth_Grand-Ma_2_body_weight/config'), { default_entity_id: 'sensor.hearth_grand_ma_2_body_weight' });
  for (const message of everything) t.notOk('object_id' in (JSON.parse(message.payload) as object), message.topic);
  t.equal(entitySlug('__A--b__'), 'a_b');
  t.end();
});

t.test('blood pressure has no device class and stays in mmHg', (t) => {
  for (const metric of ['bp_systolic', 'bp_diastolic', 'bp_mean']) {
    const payload = payloadOf(`homeassistant/sensor/hearth_alex_${metric}/config`);
    t.equal(payload.unit_of_measurement, 'mmHg', metric);
    t.notOk('device_class' in payload, `${metric} has no device class Home Assistant would convert`);
  }
  t.end();
});

t.test('cumulative energy expended is total_increasing; measurements stay measurement', (t) => {
  t.equal(payloadOf('homeassistant/sensor/hearth_alex_energy_expended/config').state_class, 'total_increasing');
  t.equal(payloadOf('homeassistant/sensor/hearth_alex_heart_rate/config').state_class, 'measurement');
  t.equal(payloadOf('homeassistant/sensor/hearth_alex_body_weight/config').state_class, 'measurement');
  t.end();
});

t.test('waveforms, the per-person battery and unknown metrics have no sensor', (t) => {
  const alex = { id: 'alex', name: 'Alex' };
  t.equal(personMetricDiscovery('homeassistant', alex, 'ecg'), undefined);
  t.equal(personMetricDiscovery('homeassistant', alex, 'battery'), undefined);
  t.equal(personMetricDiscovery('homeassistant', alex, 'no_such_metric'), undefined);
  t.end();
});

t.test('what a person wrote down in a journal is no sensor, and no retained value on the hub’s own broker', (t) => {
  const alex = { id: 'alex', name: 'Alex' };
  for (const metric of ['energy_intake', 'water_intake', 'caffeine_intake', 'sodium_intake', 'medication_taken', 'medicine_missed']) {
    t.equal(personMetricDiscovery('homeassistant', alex, metric), undefined, `${metric}: no Home Assistant sensor`);
    t.equal(retainLiveReading(metric), false, `${metric}: not retained`);
  }
  t.equal(retainLiveReading('body_weight'), true, 'a weighing still is');
  t.end();
});
